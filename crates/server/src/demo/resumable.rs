//! `GET /demo/resumable` and `GET /demo/forgetful`: streams that drop the connection every few
//! events, to watch reconnection. The resumable one honours `Last-Event-ID` and carries on after
//! it (and answers `204 No Content` once everything was sent, which tells a client to stop); the
//! forgetful one sends ids but starts again from 1 on every connection, as a server that ignores
//! `Last-Event-ID` does.

use std::time::Duration;

use axum::extract::Query;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use crate::event_stream::{End, Frame, last_event_number, paced_until};

const MAX_COUNT: u64 = 1_000_000;
const MAX_MS: u64 = 60_000;
/// The least time between a connection's last event and its drop: a browser under load that has
/// not read the last events when the connection breaks can lose them (seen in CI at 100 ms).
const DROP_AFTER_AT_LEAST: Duration = Duration::from_millis(300);

#[derive(Debug, Deserialize)]
pub struct ResumableQuery {
    /// Events in the whole stream (default 20).
    #[serde(default = "default_count")]
    count: u64,
    /// Events sent per connection before it is dropped (default 5).
    #[serde(default = "default_drop_every")]
    drop_every: u64,
    /// ms between events (default 200).
    #[serde(default = "default_interval_ms")]
    interval_ms: u64,
    /// The reconnection time the stream asks for with `retry` (default 1000).
    #[serde(default = "default_retry_ms")]
    retry_ms: u64,
}

fn default_count() -> u64 {
    20
}

fn default_drop_every() -> u64 {
    5
}

fn default_interval_ms() -> u64 {
    200
}

fn default_retry_ms() -> u64 {
    1000
}

/// `id: n`, `event: tick`, `data: {"n":n,"of":count}` from the event after `Last-Event-ID` (a
/// number; anything else starts from 1), `drop_every` per connection, after `retry: retry_ms`.
/// The last connection ends cleanly; a request after the last event gets `204`.
pub async fn resumable(Query(query): Query<ResumableQuery>, headers: HeaderMap) -> Response {
    let last = last_event_number(&headers);
    let count = query.count.min(MAX_COUNT);
    if last >= count {
        return StatusCode::NO_CONTENT.into_response();
    }
    connection(&query, last + 1, count)
}

/// Like [`resumable`] but ignoring `Last-Event-ID`: every connection starts again from 1.
pub async fn forgetful(Query(query): Query<ResumableQuery>) -> Response {
    connection(&query, 1, query.count.min(MAX_COUNT))
}

/// One connection: events `first..` up to `drop_every` of them or the last, `count`.
fn connection(query: &ResumableQuery, first: u64, count: u64) -> Response {
    let drop_every = query.drop_every.clamp(1, MAX_COUNT);
    let interval = Duration::from_millis(query.interval_ms.min(MAX_MS));
    let last = (first + drop_every - 1).min(count);
    let retry = Frame::new(
        Duration::ZERO,
        format!("retry: {}\n\n", query.retry_ms.min(MAX_MS)),
    );
    let events = (first..=last).map(move |n| {
        let delay = if n == first { Duration::ZERO } else { interval };
        let data = json!({ "n": n, "of": count }).to_string();
        Frame::event(delay, Some("tick"), Some(&n.to_string()), &data)
    });
    // Not at once: a reset that overtakes the last events makes the client lose them.
    let end = if last == count {
        End::Clean
    } else {
        End::Drop(interval.max(DROP_AFTER_AT_LEAST))
    };
    paced_until(std::iter::once(retry).chain(events), end)
}
