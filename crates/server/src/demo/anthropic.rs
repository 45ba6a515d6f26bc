//! `POST /demo/anthropic/messages`: an Anthropic Messages stream for the posted messages:
//! `message_start`, `content_block_start`, `ping`, one `content_block_delta` (`text_delta`) per
//! token, `content_block_stop`, `message_delta` (stop reason and output usage), `message_stop`.
//! With `"stream": false` (the API's default) it answers one `message` JSON object instead.

use std::time::Duration;

use axum::Json;
use axum::body::Bytes;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::reply::{ChatRequest, Pace, id_suffix};
use crate::event_stream::{Frame, paced};

const DEFAULT_MODEL: &str = "claude-sonnet-4-5";

pub async fn messages(Query(pace): Query<Pace>, body: Bytes) -> Response {
    let request = match ChatRequest::parse(&body) {
        Ok(request) => request,
        Err(message) => return error(&message),
    };
    let model = request.model_or(DEFAULT_MODEL);
    let id = format!("msg_{}", id_suffix());
    let tokens = request.reply_tokens();
    let input_tokens = request.input_tokens();
    if !request.stream {
        let message = json!({
            "id": id, "type": "message", "role": "assistant", "model": model,
            "content": [{ "type": "text", "text": tokens.concat() }],
            "stop_reason": "end_turn", "stop_sequence": null,
            "usage": { "input_tokens": input_tokens, "output_tokens": tokens.len() },
        });
        return Json(message).into_response();
    }
    let delay = pace.delay();
    let event = |delay, event_type: &str, data: serde_json::Value| {
        Frame::event(delay, Some(event_type), None, &data.to_string())
    };
    let mut frames = vec![
        event(
            Duration::ZERO,
            "message_start",
            json!({
                "type": "message_start",
                "message": {
                    "id": id, "type": "message", "role": "assistant", "content": [], "model": model,
                    "stop_reason": null, "stop_sequence": null,
                    "usage": { "input_tokens": input_tokens, "output_tokens": 1 },
                },
            }),
        ),
        event(
            Duration::ZERO,
            "content_block_start",
            json!({
                "type": "content_block_start", "index": 0, "content_block": { "type": "text", "text": "" },
            }),
        ),
        event(Duration::ZERO, "ping", json!({ "type": "ping" })),
    ];
    for token in &tokens {
        frames.push(event(delay, "content_block_delta", json!({
            "type": "content_block_delta", "index": 0, "delta": { "type": "text_delta", "text": token },
        })));
    }
    frames.push(event(
        delay,
        "content_block_stop",
        json!({ "type": "content_block_stop", "index": 0 }),
    ));
    frames.push(event(
        Duration::ZERO,
        "message_delta",
        json!({
            "type": "message_delta",
            "delta": { "stop_reason": "end_turn", "stop_sequence": null },
            "usage": { "output_tokens": tokens.len() },
        }),
    ));
    frames.push(event(
        Duration::ZERO,
        "message_stop",
        json!({ "type": "message_stop" }),
    ));
    paced(frames)
}

/// A 400 with the API's error body.
fn error(message: &str) -> Response {
    let body = json!({ "type": "error", "error": { "type": "invalid_request_error", "message": message } });
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}
