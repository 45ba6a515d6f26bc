//! Paced `text/event-stream` responses: each frame is written and flushed on its own, after its
//! delay, so clients see events arrive one by one as from a real server.

use std::convert::Infallible;
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

/// A `200 text/event-stream; charset=utf-8` response that sends `frames` in order, each after its
/// delay, then ends the body.
pub fn paced(frames: impl IntoIterator<Item = Frame, IntoIter: Send + 'static>) -> Response {
    let stream = futures_util::stream::unfold(frames.into_iter(), |mut frames| async move {
        let frame = frames.next()?;
        if !frame.delay.is_zero() {
            tokio::time::sleep(frame.delay).await;
        }
        Some((Ok::<_, Infallible>(Bytes::from(frame.bytes)), frames))
    });
    (
        [
            (header::CONTENT_TYPE, "text/event-stream; charset=utf-8"),
            // Tells nginx-style proxies in front of a deployment not to buffer the stream.
            (header::HeaderName::from_static("x-accel-buffering"), "no"),
        ],
        Body::from_stream(stream),
    )
        .into_response()
}
