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

use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use sse_studio_core::library::mock::EndHow;
use tokio::time::Instant;

use crate::fault::Fault;
use crate::replay::Replay;

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

/// `tick` events 1 to `count`, all at once.
fn ticks(count: u32) -> Replay {
    let events: Vec<String> = (1..=count)
        .map(|n| {
            let mut event = String::new();
            sse_codec::encode_event(
                &mut event,
                Some("tick"),
                Some(&n.to_string()),
                &format!("{{\"n\":{n}}}"),
            );
            event
        })
        .collect();
    Replay::of_pieces(
        EVENT_STREAM,
        events.iter().map(|event| (Duration::ZERO, event.as_str())),
    )
}

/// The stream with the fault `kind` names; `400` listing the kinds for any other. The faults a
/// mock can be given are applied here by the same code ([`Fault`]).
pub async fn broken(Query(query): Query<BrokenQuery>) -> Response {
    let quiet = Duration::from_millis(query.quiet_ms.min(60_000));
    let mut replay = match query.kind.as_str() {
        "content-type" => {
            let mut replay = ticks(2);
            Fault::ContentType("text/plain; charset=utf-8".into()).apply(&mut replay);
            replay
        }
        "gzip" => {
            let mut replay = ticks(5);
            Fault::Gzip.apply(&mut replay);
            replay
        }
        "no-cache-control" => ticks(2),
        "no-blank-line" => {
            let lines: Vec<String> = (1..=query.quiet_ms.min(60_000) / 500)
                .map(|n| format!("data: line {n}\n\n"))
                .collect();
            let step = Duration::from_millis(500);
            let mut replay = Replay::of_pieces(
                EVENT_STREAM,
                lines.iter().enumerate().map(|(index, line)| {
                    (
                        if index == 0 { Duration::ZERO } else { step },
                        line.as_str(),
                    )
                }),
            );
            Fault::NoBlankLine.apply(&mut replay);
            replay
        }
        "buffered" => {
            let mut replay = ticks(20);
            Fault::Burst(quiet).apply(&mut replay);
            replay
        }
        "idle-timeout" => {
            let mut replay = ticks(2);
            replay.end_at = quiet;
            replay.end = EndHow::Drop;
            replay
        }
        "retry" => {
            let mut replay = ticks(1);
            let retries = ["250", "0", "abc", "10000"].map(|value| format!("retry: {value}\n\n"));
            let mut body = retries.concat().into_bytes();
            let shift = body.len();
            body.extend_from_slice(&replay.body);
            replay.rewrite(body.into(), |old| old + shift);
            replay.reads.insert(0, (Duration::ZERO, 0));
            replay
        }
        "empty-data" => Replay::of_pieces(
            EVENT_STREAM,
            [(
                Duration::ZERO,
                "event: nothing\n\nid: 7\n\ndata:\n\ndata: after\n\n",
            )],
        ),
        other => {
            let message = format!(
                "Unknown kind \u{201c}{other}\u{201d}: use one of {}.",
                KINDS.join(", ")
            );
            return (StatusCode::BAD_REQUEST, message).into_response();
        }
    };
    if query.kind != "no-cache-control" {
        replay.set_header("cache-control", "no-cache");
    }
    replay.respond(Instant::now()).await
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
