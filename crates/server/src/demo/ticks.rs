//! `GET /demo/ticks?count=N&interval_ms=M`: numbered `tick` events with ids.

use std::time::Duration;

use axum::extract::Query;
use axum::response::Response;
use serde::Deserialize;
use serde_json::json;

use crate::event_stream::{Frame, paced};

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

/// Sends `id: n`, `event: tick`, `data: {"n":n,"of":count}` for n = 1..=count, then ends cleanly.
pub async fn ticks(Query(query): Query<TicksQuery>) -> Response {
    let count = query.count.min(MAX_COUNT);
    let interval = Duration::from_millis(query.interval_ms.min(MAX_INTERVAL_MS));
    let frames = (1..=count).map(move |n| {
        let delay = if n == 1 { Duration::ZERO } else { interval };
        let data = json!({ "n": n, "of": count }).to_string();
        Frame::event(delay, Some("tick"), Some(&n.to_string()), &data)
    });
    paced(frames)
}
