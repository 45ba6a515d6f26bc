//! `GET|POST /demo/ai/{sample}`: recorded AI streams replayed event by event at a token pace —
//! tool calls with arguments split across deltas, reasoning and thinking blocks, an error event
//! mid-stream, a missing terminator, for each provider's dialect. The samples (in `fixtures/ai/`,
//! also the app's test fixtures) follow the providers' documented stream formats. A request body
//! with `"stream": false` is answered with the one JSON object the API would send instead (see
//! [`super::assembled`]); the rest of the body is ignored.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::reply::Pace;
use crate::event_stream::{Frame, paced};

/// The samples: (name, the stream as recorded).
pub const SAMPLES: [(&str, &str); 6] = [
    (
        "openai-chat-tools",
        include_str!("../../fixtures/ai/openai-chat-tools.sse"),
    ),
    (
        "openai-chat-no-done",
        include_str!("../../fixtures/ai/openai-chat-no-done.sse"),
    ),
    (
        "openai-responses",
        include_str!("../../fixtures/ai/openai-responses.sse"),
    ),
    (
        "anthropic-thinking-tools",
        include_str!("../../fixtures/ai/anthropic-thinking-tools.sse"),
    ),
    (
        "anthropic-error",
        include_str!("../../fixtures/ai/anthropic-error.sse"),
    ),
    ("gemini", include_str!("../../fixtures/ai/gemini.sse")),
];

pub async fn recorded(
    Path(sample): Path<String>,
    Query(pace): Query<Pace>,
    body: Bytes,
) -> Response {
    let Some((_, stream)) = SAMPLES.iter().find(|(name, _)| *name == sample) else {
        let names: Vec<_> = SAMPLES.iter().map(|(name, _)| *name).collect();
        let message = format!(
            "No recorded sample \u{201c}{sample}\u{201d}: use one of {}.",
            names.join(", ")
        );
        return (StatusCode::NOT_FOUND, message).into_response();
    };
    let wants_stream = serde_json::from_slice::<serde_json::Value>(&body)
        .ok()
        .and_then(|request| request.get("stream").and_then(serde_json::Value::as_bool))
        .unwrap_or(true);
    if !wants_stream {
        let (status, answer) = super::assembled::assembled(&sample, stream);
        return (status, Json(answer)).into_response();
    }
    // One frame per event block (each ends with its blank line), the first at once.
    let delay = pace.delay();
    let frames = stream
        .split_inclusive("\n\n")
        .enumerate()
        .map(move |(n, block)| {
            let wait = if n == 0 {
                std::time::Duration::ZERO
            } else {
                delay
            };
            Frame::new(wait, block.to_owned())
        });
    paced(frames.collect::<Vec<_>>())
}
