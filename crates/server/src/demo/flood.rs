//! `GET /demo/flood?count=N&size=B`: N events of about B bytes of data each, written as fast as
//! the socket takes them, for load tests of clients (the UI benchmark streams a million).
//! `&format=ndjson` sends the same data as NDJSON records (`application/x-ndjson`) whose `kind`
//! is `delta` (`heartbeat` on every 100th) and the last `end` with `"stop":"length"`: a stream
//! in no AI dialect, for record types and answer rules (`$.kind`, `$.text`, `$.stop`).

use std::convert::Infallible;

use axum::Extension;
use axum::body::{Body, Bytes};
use axum::extract::Query;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use sse_studio_core::session::media_type::NDJSON;

use super::budget::DemoLimits;

/// Upper bounds that keep a typo from tying up the server for hours.
const MAX_COUNT: u64 = 10_000_000;
const MAX_SIZE: usize = 1 << 20;
/// Bytes written per body chunk: events are batched so the socket, not the server, sets the pace.
const BATCH_BYTES: usize = 64 << 10;
/// Every this many events one is of type `heartbeat` instead of the default `message`.
const HEARTBEAT_EVERY: u64 = 100;

#[derive(Debug, Deserialize)]
pub struct FloodQuery {
    /// Number of events (default 100,000).
    #[serde(default = "default_count")]
    count: u64,
    /// Bytes of data per event (default 200); at least what `{"seq":N,"text":""}` takes.
    #[serde(default = "default_size")]
    size: usize,
    /// `ndjson` for records instead of events.
    #[serde(default)]
    format: Option<String>,
}

fn default_count() -> u64 {
    100_000
}

fn default_size() -> usize {
    200
}

/// Words the filler text is made of, so searches find realistic text.
const WORDS: [&str; 12] = [
    "stream", "event", "token", "delta", "chunk", "reply", "model", "server", "buffer", "über",
    "答案", "fast",
];

/// Event `seq`: `id: seq`, an `event: heartbeat` line on every 100th, and one `data` line
/// holding `{"seq":seq,"text":"…"}` padded with words to about `size` bytes.
fn event(seq: u64, size: usize, out: &mut String) {
    use std::fmt::Write as _;
    let _ = writeln!(out, "id: {seq}");
    if seq.is_multiple_of(HEARTBEAT_EVERY) {
        out.push_str("event: heartbeat\n");
    }
    out.push_str("data: ");
    let data_start = out.len();
    let _ = write!(out, "{{\"seq\":{seq},\"text\":\"");
    words(seq, size, data_start, out);
    out.push_str("\"}\n\n");
}

/// Words after `out[data_start..]` until the data, closed by `"}`, takes about `size` bytes.
fn words(seq: u64, size: usize, data_start: usize, out: &mut String) {
    // A linear congruential generator seeded by `seq`: varied words, the same for every run.
    let mut state = seq;
    // The closing `"}` takes 2 bytes.
    while out.len() - data_start + 2 < size {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        out.push_str(WORDS[(state >> 33) as usize % WORDS.len()]);
        out.push(' ');
    }
}

/// Record `seq` of `count`: `{"seq":seq,"kind":…,"text":"…"}` padded with words to about `size`
/// bytes (the last also says `"stop":"length"`), and its line end.
fn record(seq: u64, count: u64, size: usize, out: &mut String) {
    use std::fmt::Write as _;
    let kind = match seq {
        _ if seq == count => "end\",\"stop\":\"length",
        _ if seq.is_multiple_of(HEARTBEAT_EVERY) => "heartbeat",
        _ => "delta",
    };
    let data_start = out.len();
    let _ = write!(out, "{{\"kind\":\"{kind}\",\"seq\":{seq},\"text\":\"");
    words(seq, size, data_start, out);
    out.push_str("\"}\n");
}

/// Bytes an event takes besides its data: `id: N\n`, `data: `, the closing `\n\n`.
const FRAMING_BYTES: u64 = 24;

/// The flood: `count` events (see [`event`]) in 64 KiB chunks, then a clean end; `400` when
/// that would be more than a demo may send (`limits.max_bytes`).
pub async fn flood(
    Extension(limits): Extension<DemoLimits>,
    Query(query): Query<FloodQuery>,
) -> Response {
    let count = query.count.min(MAX_COUNT);
    let size = query.size.min(MAX_SIZE);
    let total = count.saturating_mul(size as u64 + FRAMING_BYTES);
    if total > limits.max_bytes {
        let message = format!(
            "count \u{d7} size would send ~{} MiB; a demo sends at most {} MiB here \
             (sse-studio-server --demo-max-bytes). Ask for fewer or smaller events.",
            total >> 20,
            limits.max_bytes >> 20
        );
        return (StatusCode::BAD_REQUEST, message).into_response();
    }
    let records = query.format.as_deref() == Some("ndjson");
    let mut next = 1;
    let batches = std::iter::from_fn(move || {
        if next > count {
            return None;
        }
        let mut batch = String::with_capacity(BATCH_BYTES + size + 64);
        while next <= count && batch.len() < BATCH_BYTES {
            if records {
                record(next, count, size, &mut batch);
            } else {
                event(next, size, &mut batch);
            }
            next += 1;
        }
        Some(Ok::<_, Infallible>(Bytes::from(batch)))
    });
    let content_type = if records {
        NDJSON
    } else {
        "text/event-stream; charset=utf-8"
    };
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::HeaderName::from_static("x-accel-buffering"), "no"),
        ],
        Body::from_stream(futures_util::stream::iter(batches)),
    )
        .into_response()
}
