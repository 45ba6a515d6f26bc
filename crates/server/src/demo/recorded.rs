//! `GET|POST /demo/ai/{sample}`: recorded AI streams replayed event by event at a token pace —
//! tool calls with arguments split across deltas, reasoning and thinking blocks, an error event
//! mid-stream, a missing terminator, for each provider's dialect. The samples (in `fixtures/ai/`,
//! also the app's test fixtures) follow the providers' documented stream formats. A request body
//! with `"stream": false` is answered with the one JSON object the API would send instead (see
//! [`super::assembled`]); the rest of the body is ignored. The front-end protocols (the AI SDK's
//! UI message stream, with its `x-vercel-ai-ui-message-stream: v1` header, and AG-UI) have no
//! such answer and always stream, as do the NDJSON samples (Ollama's native API), sent as
//! `application/x-ndjson`, a record per line.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sse_studio_core::session::media_type::NDJSON;

use super::reply::Pace;
use crate::event_stream::{End, Frame, paced, paced_as};

/// The samples: (name, the stream as recorded).
pub const SAMPLES: [(&str, &str); 8] = [
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
    ("ai-sdk-ui", include_str!("../../fixtures/ai/ai-sdk-ui.sse")),
    ("ag-ui", include_str!("../../fixtures/ai/ag-ui.sse")),
];

/// The header the AI SDK's UI message stream is sent with (ai-sdk.dev, "Stream Protocols").
const AI_SDK_HEADER: (&str, &str) = ("x-vercel-ai-ui-message-stream", "v1");

/// The samples streamed as NDJSON (`application/x-ndjson`, a record per line): (name, records).
pub const NDJSON_SAMPLES: [(&str, &str); 2] = [
    (
        "ollama-chat",
        include_str!("../../fixtures/ai/ollama-chat.ndjson"),
    ),
    (
        "ollama-generate",
        include_str!("../../fixtures/ai/ollama-generate.ndjson"),
    ),
];

/// `?skip=N`: the sample without its Nth event (or record), counted from 1 — a stream out of
/// protocol order on purpose (an Anthropic block's stop left out, say).
#[derive(Debug, serde::Deserialize)]
pub struct Skip {
    skip: Option<usize>,
}

pub async fn recorded(
    Path(sample): Path<String>,
    Query(pace): Query<Pace>,
    Query(Skip { skip }): Query<Skip>,
    body: Bytes,
) -> Response {
    let kept = |pieces: std::str::SplitInclusive<'static, &'static str>| {
        pieces
            .enumerate()
            .filter(move |(n, _)| Some(n + 1) != skip)
            .map(|(_, piece)| piece)
    };
    if let Some((_, records)) = NDJSON_SAMPLES.iter().find(|(name, _)| *name == sample) {
        // A record per line.
        let frames = paced_frames(kept(records.split_inclusive("\n")), pace.delay());
        return paced_as(NDJSON, frames, End::Clean);
    }
    let Some((_, stream)) = SAMPLES.iter().find(|(name, _)| *name == sample) else {
        let names: Vec<_> = SAMPLES
            .iter()
            .chain(&NDJSON_SAMPLES)
            .map(|(name, _)| *name)
            .collect();
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
    if !wants_stream && let Some((status, answer)) = super::assembled::assembled(&sample, stream) {
        return (status, Json(answer)).into_response();
    }
    // One frame per event block (each ends with its blank line).
    let response = paced(paced_frames(
        kept(stream.split_inclusive("\n\n")),
        pace.delay(),
    ));
    if sample == "ai-sdk-ui" {
        return ([AI_SDK_HEADER], response).into_response();
    }
    response
}

/// A frame per piece, `delay` apart, the first at once.
fn paced_frames<'a>(
    pieces: impl Iterator<Item = &'a str>,
    delay: std::time::Duration,
) -> Vec<Frame> {
    pieces
        .enumerate()
        .map(|(n, piece)| {
            let wait = if n == 0 {
                std::time::Duration::ZERO
            } else {
                delay
            };
            Frame::new(wait, piece.to_owned())
        })
        .collect()
}
