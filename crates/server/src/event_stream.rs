//! Paced `text/event-stream` responses: each frame is written and flushed on its own, after its
//! delay, so clients see events arrive one by one as from a real server.

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// One piece of a demo stream: `bytes` sent `delay` after the previous piece.
#[derive(Debug, Clone)]
pub struct Frame {
    pub delay: Duration,
    pub bytes: String,
}

impl Frame {
    pub fn new(delay: Duration, bytes: String) -> Self {
        Self { delay, bytes }
    }

    /// One encoded event (see [`sse_codec::encode_event`]).
    pub fn event(delay: Duration, event_type: Option<&str>, id: Option<&str>, data: &str) -> Self {
        let mut bytes = String::new();
        sse_codec::encode_event(&mut bytes, event_type, id, data);
        Self::new(delay, bytes)
    }
}

/// How a paced body ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// The body ends properly (the last chunk of a chunked body is sent).
    Clean,
    /// The connection is dropped mid-body, after the delay given: the client sees a network
    /// error, as when a server or proxy dies.
    Drop(Duration),
}

/// A `200 text/event-stream; charset=utf-8` response that sends `frames` in order, each after its
/// delay, then ends the body.
pub fn paced(frames: impl IntoIterator<Item = Frame, IntoIter: Send + 'static>) -> Response {
    paced_until(frames, End::Clean)
}

/// As [`paced`], ending as `end` says.
pub fn paced_until(
    frames: impl IntoIterator<Item = Frame, IntoIter: Send + 'static>,
    end: End,
) -> Response {
    paced_as("text/event-stream; charset=utf-8", frames, end)
}

/// As [`paced_until`], sent as `content_type` (a stream of NDJSON records, say).
pub fn paced_as(
    content_type: &'static str,
    frames: impl IntoIterator<Item = Frame, IntoIter: Send + 'static>,
    end: End,
) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            // Tells nginx-style proxies in front of a deployment not to buffer the stream.
            (header::HeaderName::from_static("x-accel-buffering"), "no"),
        ],
        paced_body(frames, end),
    )
        .into_response()
}

/// A body that sends `frames`, each after its delay, then ends as `end` says.
fn paced_body(frames: impl IntoIterator<Item = Frame, IntoIter: Send + 'static>, end: End) -> Body {
    let stream = futures_util::stream::unfold(
        (frames.into_iter(), Some(end)),
        |(mut frames, end)| async move {
            let Some(frame) = frames.next() else {
                // An error item makes the server abort the connection instead of ending the body.
                let Some(End::Drop(delay)) = end else {
                    return None;
                };
                tokio::time::sleep(delay).await;
                let dropped = std::io::Error::other("the demo drops the connection");
                return Some((Err(dropped), (frames, None)));
            };
            if !frame.delay.is_zero() {
                tokio::time::sleep(frame.delay).await;
            }
            Some((Ok(Bytes::from(frame.bytes)), (frames, end)))
        },
    );
    Body::from_stream(stream)
}

/// The number a client resumes after: its `Last-Event-ID` header read as a number (the demos'
/// ids are the event numbers); 0 when absent or not a number.
pub fn last_event_number(headers: &axum::http::HeaderMap) -> u64 {
    headers
        .get("last-event-id")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse().ok())
        .unwrap_or(0)
}
