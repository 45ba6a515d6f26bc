//! `GET /demo/broken?kind=…`: streams with the transport faults the app diagnoses, one per kind,
//! each with what a real server or proxy would do wrong.
//!
//! | kind | fault |
//! | --- | --- |
//! | `content-type` | an event stream sent as `text/plain` |
//! | `gzip` | the stream gzip-compressed (`Content-Encoding: gzip`), so it arrives all at once |
//! | `no-cache-control` | no `Cache-Control` header |
//! | `no-blank-line` | `data` lines every 500 ms but no blank line, so nothing is dispatched |
//! | `buffered` | silence for `quiet_ms`, then 20 events in one burst (a buffering proxy) |
//! | `idle-timeout` | two events, then the connection dropped after `quiet_ms` of silence |
//! | `retry` | `retry` fields: 250, 0, `abc` (ignored: not digits) and 10000 |
//! | `empty-data` | blocks with no `data` (never dispatched) and `data:` with nothing (dispatched, empty) |

use std::time::Duration;

use axum::body::Body;
use axum::extract::Query;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use flate2::Compression;
use flate2::write::GzEncoder;
use serde::Deserialize;
use std::io::Write as _;

use crate::event_stream::{End, Frame, paced_body};

/// The kinds, in the order the table above lists them.
pub const KINDS: [&str; 8] = [
    "content-type",
    "gzip",
    "no-cache-control",
    "no-blank-line",
    "buffered",
    "idle-timeout",
    "retry",
    "empty-data",
];

#[derive(Debug, Deserialize)]
pub struct BrokenQuery {
    kind: String,
    /// ms of silence for `buffered` and `idle-timeout`, and how long `no-blank-line` keeps
    /// sending (default 3000).
    #[serde(default = "default_quiet_ms")]
    quiet_ms: u64,
}

fn default_quiet_ms() -> u64 {
    3000
}

const EVENT_STREAM: &str = "text/event-stream; charset=utf-8";

/// The stream with the fault `kind` names; `400` listing the kinds for any other.
pub async fn broken(Query(query): Query<BrokenQuery>) -> Response {
    let quiet = Duration::from_millis(query.quiet_ms.min(60_000));
    let tick = |n: u32, delay: Duration| {
        Frame::event(
            delay,
            Some("tick"),
            Some(&n.to_string()),
            &format!("{{\"n\":{n}}}"),
        )
    };
    let now = Duration::ZERO;
    let (content_type, frames, end) = match query.kind.as_str() {
        "content-type" => (
            "text/plain; charset=utf-8",
            vec![tick(1, now), tick(2, now)],
            End::Clean,
        ),
        "gzip" => return gzipped((1..=5).map(|n| tick(n, now).bytes).collect()),
        "no-cache-control" => (EVENT_STREAM, vec![tick(1, now), tick(2, now)], End::Clean),
        "no-blank-line" => {
            let step = Duration::from_millis(500);
            let lines = (1..=query.quiet_ms.min(60_000) / 500)
                .map(|n| Frame::new(if n == 1 { now } else { step }, format!("data: line {n}\n")))
                .collect();
            (EVENT_STREAM, lines, End::Clean)
        }
        "buffered" => {
            let burst: String = (1..=20).map(|n| tick(n, now).bytes).collect();
            (EVENT_STREAM, vec![Frame::new(quiet, burst)], End::Clean)
        }
        "idle-timeout" => (
            EVENT_STREAM,
            vec![tick(1, now), tick(2, now)],
            End::Drop(quiet),
        ),
        "retry" => {
            let retries = ["250", "0", "abc", "10000"]
                .into_iter()
                .map(|value| Frame::new(now, format!("retry: {value}\n\n")));
            let mut frames: Vec<Frame> = retries.collect();
            frames.push(tick(1, now));
            (EVENT_STREAM, frames, End::Clean)
        }
        "empty-data" => {
            let blocks = "event: nothing\n\nid: 7\n\ndata:\n\ndata: after\n\n";
            (
                EVENT_STREAM,
                vec![Frame::new(now, blocks.into())],
                End::Clean,
            )
        }
        other => {
            let message = format!(
                "Unknown kind \u{201c}{other}\u{201d}: use one of {}.",
                KINDS.join(", ")
            );
            return (StatusCode::BAD_REQUEST, message).into_response();
        }
    };
    let mut response = (
        [(header::CONTENT_TYPE, content_type)],
        paced_body(frames, end),
    )
        .into_response();
    if query.kind != "no-cache-control" {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            header::HeaderValue::from_static("no-cache"),
        );
    }
    response
}

/// `stream` gzip-compressed, sent as one body with `Content-Encoding: gzip`.
fn gzipped(stream: String) -> Response {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    let compressed = encoder
        .write_all(stream.as_bytes())
        .and_then(|()| encoder.finish());
    match compressed {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, EVENT_STREAM),
                (header::CONTENT_ENCODING, "gzip"),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            Body::from(bytes),
        )
            .into_response(),
        Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::KINDS;
    use sse_studio_core::request::template::TEMPLATES;

    #[test]
    fn the_app_offers_every_kind_as_a_template() {
        // Regression (issue 15, item 9): kinds were missing from "New from template".
        for kind in KINDS {
            let url = format!("/demo/broken?kind={kind}");
            assert!(
                TEMPLATES.iter().any(|template| template.url == url),
                "no template for {url}"
            );
        }
    }
}
