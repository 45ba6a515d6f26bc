//! `GET /demo/ticks?count=N&interval_ms=M`: numbered `tick` events with ids, as a good server
//! sends them: a reconnection with `Last-Event-ID: n` carries on after tick n, and one after the
//! last tick is answered `204 No Content`, which tells the client to stop (WHATWG HTML §9.2.3).
//! The starter request, with auto-reconnect on, so ends by teaching how reconnection ends.

use std::time::Duration;

use axum::extract::Query;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use crate::event_stream::{Frame, last_event_number, paced};

/// Upper bounds that keep a typo from tying up the server for days.
const MAX_COUNT: u64 = 10_000_000;
const MAX_INTERVAL_MS: u64 = 60_000;

#[derive(Debug, Deserialize)]
pub struct TicksQuery {
    /// Number of ticks (default 10).
    #[serde(default = "default_count")]
    count: u64,
    /// Milliseconds between ticks (default 1000); the first tick is sent at once.
    #[serde(default = "default_interval_ms")]
    interval_ms: u64,
}

fn default_count() -> u64 {
    10
}

fn default_interval_ms() -> u64 {
    1000
}

/// Sends `id: n`, `event: tick`, `data: {"n":n,"of":count}` for n from the tick after
/// `Last-Event-ID` (a number; anything else starts from 1) to `count`, then ends cleanly; `204`
/// when `Last-Event-ID` is `count` or more.
pub async fn ticks(Query(query): Query<TicksQuery>, headers: HeaderMap) -> Response {
    let count = query.count.min(MAX_COUNT);
    let last = last_event_number(&headers);
    if last >= count && headers.contains_key("last-event-id") {
        return StatusCode::NO_CONTENT.into_response();
    }
    let interval = Duration::from_millis(query.interval_ms.min(MAX_INTERVAL_MS));
    let first = last + 1;
    let frames = (first..=count).map(move |n| {
        let delay = if n == first { Duration::ZERO } else { interval };
        let data = json!({ "n": n, "of": count }).to_string();
        Frame::event(delay, Some("tick"), Some(&n.to_string()), &data)
    });
    paced(frames)
}
