//! `GET /demo/hostile?kind=…&n=N`: what a hostile (or broken) server sends, so the app's
//! defences can be seen and measured (`cargo xtask bench hostile`). Each kind is generated in
//! 64 KiB chunks as fast as the socket takes them; every response is held to the demo budget.
//!
//! | kind | sends | `n` (default) |
//! | --- | --- | --- |
//! | `no-line-end` | `data: xxx…` with no line end, then closes | bytes (50 MB) |
//! | `text` | `text/plain` filler | bytes (100 MB) |
//! | `big-event` | one event whose data is one line | data bytes (15 MB) |
//! | `comments` | comment lines, no event | lines (1,000,000) |
//! | `data-lines` | one event of many `data:` lines | lines (1,000,000) |
//! | `types` | one event of each of N types | types (20,000) |
//! | `retry-zero` | `retry: 0`, no event, a clean end (every connection) | — |
//! | `retry-huge` | `retry: N`, one event, a clean end | ms (2147483648) |
//! | `endless` | 64 KiB events until the budget ends it | — |

use std::convert::Infallible;

use axum::body::{Body, Bytes};
use axum::extract::Query;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// The kinds, in the order the table above lists them.
pub const KINDS: [&str; 9] = [
    "no-line-end",
    "text",
    "big-event",
    "comments",
    "data-lines",
    "types",
    "retry-zero",
    "retry-huge",
    "endless",
];

/// Bytes per body chunk.
const CHUNK_BYTES: usize = 64 << 10;

#[derive(Debug, Deserialize)]
pub struct HostileQuery {
    kind: String,
    /// The kind's size (see the table); its default when absent.
    n: Option<u64>,
}

/// The body of `kind`; `400` listing the kinds for any other.
pub async fn hostile(Query(query): Query<HostileQuery>) -> Response {
    let n = |default: u64| query.n.unwrap_or(default);
    let filler = |bytes: u64| repeated("x".repeat(CHUNK_BYTES), bytes);
    let (content_type, body) = match query.kind.as_str() {
        "no-line-end" => (EVENT_STREAM, prefixed("data: ", filler(n(50_000_000)))),
        "text" => ("text/plain; charset=utf-8", filler(n(100_000_000))),
        "big-event" => (
            EVENT_STREAM,
            boxed(prefixed("data: ", filler(n(15_000_000))).chain(once("\n\n".into()))),
        ),
        "comments" => (
            EVENT_STREAM,
            lines(n(1_000_000), |i| format!(": keep-alive {i}\n")),
        ),
        "data-lines" => (
            EVENT_STREAM,
            boxed(lines(n(1_000_000), |i| format!("data: line {i}\n")).chain(once("\n".into()))),
        ),
        "types" => (
            EVENT_STREAM,
            lines(n(20_000), |i| format!("event: type-{i}\ndata: {i}\n\n")),
        ),
        "retry-zero" => (EVENT_STREAM, boxed(once("retry: 0\n\n".into()))),
        "retry-huge" => (
            EVENT_STREAM,
            boxed(once(format!(
                "retry: {}\n\nid: 1\ndata: one\n\n",
                n(2_147_483_648)
            ))),
        ),
        "endless" => {
            let event = format!("data: {}\n\n", "x".repeat(CHUNK_BYTES - 8));
            (EVENT_STREAM, boxed(std::iter::repeat(event)))
        }
        other => {
            let message = format!(
                "Unknown kind \u{201c}{other}\u{201d}: use one of {}.",
                KINDS.join(", ")
            );
            return (StatusCode::BAD_REQUEST, message).into_response();
        }
    };
    let stream =
        futures_util::stream::iter(body.map(|text| Ok::<_, Infallible>(Bytes::from(text))));
    (
        [(header::CONTENT_TYPE, content_type)],
        Body::from_stream(stream),
    )
        .into_response()
}

const EVENT_STREAM: &str = "text/event-stream; charset=utf-8";

type Chunks = Box<dyn Iterator<Item = String> + Send>;

fn boxed(chunks: impl Iterator<Item = String> + Send + 'static) -> Chunks {
    Box::new(chunks)
}

fn once(text: String) -> Chunks {
    boxed(std::iter::once(text))
}

/// `bytes` bytes of `unit` (ASCII) repeated, in chunks of its size.
fn repeated(unit: String, bytes: u64) -> Chunks {
    let mut left = bytes;
    boxed(std::iter::from_fn(move || {
        if left == 0 {
            return None;
        }
        let take = left.min(unit.len() as u64) as usize;
        left -= take as u64;
        Some(unit.get(..take).unwrap_or_default().to_owned())
    }))
}

fn prefixed(prefix: &str, rest: Chunks) -> Chunks {
    boxed(std::iter::once(prefix.to_owned()).chain(rest))
}

/// Lines `line(0)`, `line(1)`, … up to `count`, batched into chunks of about 64 KiB.
fn lines(count: u64, line: impl Fn(u64) -> String + Send + 'static) -> Chunks {
    let mut next = 0;
    boxed(std::iter::from_fn(move || {
        if next >= count {
            return None;
        }
        let mut chunk = String::with_capacity(CHUNK_BYTES + 64);
        while next < count && chunk.len() < CHUNK_BYTES {
            chunk.push_str(&line(next));
            next += 1;
        }
        Some(chunk)
    }))
}
