//! `POST /demo/openai/chat/completions`: an OpenAI Chat Completions stream for the posted
//! messages: `chat.completion.chunk` objects whose `choices[0].delta` carries the role, then the
//! content token by token, then `finish_reason: "stop"`, an optional usage chunk
//! (`stream_options.include_usage`), and `data: [DONE]`. With `"stream": false` it answers one
//! `chat.completion` JSON object instead, as the API does.

use std::time::Duration;

use axum::Json;
use axum::body::Bytes;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::reply::{ChatRequest, Pace, id_suffix, unix_seconds};
use crate::event_stream::{Frame, paced};

const DEFAULT_MODEL: &str = "gpt-4o-mini";
const SYSTEM_FINGERPRINT: &str = "fp_sse_studio_demo";

pub async fn chat_completions(Query(pace): Query<Pace>, body: Bytes) -> Response {
    let request = match ChatRequest::parse(&body) {
        Ok(request) => request,
        Err(message) => return error(&message),
    };
    let model = request.model_or(DEFAULT_MODEL);
    let id = format!("chatcmpl-{}", id_suffix());
    let created = unix_seconds();
    let tokens = request.reply_tokens();
    let usage = json!({
        "prompt_tokens": request.input_tokens(),
        "completion_tokens": tokens.len(),
        "total_tokens": request.input_tokens() + tokens.len(),
    });
    if !request.stream {
        let completion = json!({
            "id": id, "object": "chat.completion", "created": created, "model": model,
            "system_fingerprint": SYSTEM_FINGERPRINT,
            "choices": [{
                "index": 0,
                "message": { "role": "assistant", "content": tokens.concat(), "refusal": null },
                "logprobs": null, "finish_reason": "stop",
            }],
            "usage": usage,
        });
        return Json(completion).into_response();
    }
    let include_usage = request
        .stream_options
        .as_ref()
        .is_some_and(|options| options.include_usage);
    let chunk = |choices: Value, usage: Option<&Value>| {
        let mut chunk = json!({
            "id": id, "object": "chat.completion.chunk", "created": created, "model": model,
            "system_fingerprint": SYSTEM_FINGERPRINT, "choices": choices,
        });
        if include_usage {
            chunk["usage"] = usage.cloned().unwrap_or(Value::Null);
        }
        chunk.to_string()
    };
    let choice = |delta: Value, finish_reason: Value| json!([{ "index": 0, "delta": delta, "logprobs": null, "finish_reason": finish_reason }]);
    let delay = pace.delay();
    let mut frames = vec![Frame::event(
        Duration::ZERO,
        None,
        None,
        &chunk(
            choice(
                json!({ "role": "assistant", "content": "", "refusal": null }),
                Value::Null,
            ),
            None,
        ),
    )];
    for token in &tokens {
        frames.push(Frame::event(
            delay,
            None,
            None,
            &chunk(choice(json!({ "content": token }), Value::Null), None),
        ));
    }
    frames.push(Frame::event(
        delay,
        None,
        None,
        &chunk(choice(json!({}), json!("stop")), None),
    ));
    if include_usage {
        frames.push(Frame::event(
            Duration::ZERO,
            None,
            None,
            &chunk(json!([]), Some(&usage)),
        ));
    }
    frames.push(Frame::event(Duration::ZERO, None, None, "[DONE]"));
    paced(frames)
}

/// A 400 with the API's error body.
fn error(message: &str) -> Response {
    let body = json!({
        "error": { "message": message, "type": "invalid_request_error", "param": null, "code": null }
    });
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}
