//! A recorded AI stream as the one JSON object its API answers a request with `"stream": false`:
//! the chunks of an OpenAI Chat Completions stream merged into a `chat.completion`, the
//! `response.completed` event's response of OpenAI Responses, an Anthropic message with its
//! content blocks whole (or the error it ended with), and a Gemini `GenerateContentResponse` with
//! its parts joined — as the providers document their non-streaming answers.

use axum::http::StatusCode;
use serde_json::{Map, Value, json};
use sse_codec::{Decoder, Item};

/// The JSON answer for the recorded stream `stream` of sample `name`, with its status; `None` for
/// a protocol that has no answer but the stream (the AI SDK's, AG-UI).
pub fn assembled(name: &str, stream: &str) -> Option<(StatusCode, Value)> {
    let events = events(stream);
    Some(if name.starts_with("openai-chat") {
        (StatusCode::OK, chat_completion(&events))
    } else if name.starts_with("openai-responses") {
        (StatusCode::OK, response(&events))
    } else if name.starts_with("anthropic") {
        anthropic_message(&events)
    } else if name.starts_with("gemini") {
        (StatusCode::OK, gemini_response(&events))
    } else {
        return None;
    })
}

/// (event type, data as JSON) of each event whose data is JSON (`[DONE]` is left out).
fn events(stream: &str) -> Vec<(String, Value)> {
    let mut decoder = Decoder::new();
    let mut items = Vec::new();
    decoder.feed(stream.as_bytes(), &mut items);
    items
        .into_iter()
        .filter_map(|item| match item {
            Item::Event(event) => serde_json::from_str(&event.data)
                .ok()
                .map(|data| (event.event_type, data)),
            _ => None,
        })
        .collect()
}

/// Appends the string at `key` of `from` (if any) to the string at `key` of `into`.
fn append(into: &mut Map<String, Value>, key: &str, from: &Value) {
    if let Some(text) = from.get(key).and_then(Value::as_str) {
        let joined = format!(
            "{}{text}",
            into.get(key).and_then(Value::as_str).unwrap_or_default()
        );
        into.insert(key.to_owned(), Value::String(joined));
    }
}

/// OpenAI Chat Completions chunks merged into one `chat.completion` (choice 0).
fn chat_completion(events: &[(String, Value)]) -> Value {
    let mut message = Map::new();
    message.insert("role".into(), json!("assistant"));
    let mut tool_calls: Vec<Value> = Vec::new();
    let (mut finish_reason, mut usage, mut head) = (Value::Null, Value::Null, Value::Null);
    for (_, chunk) in events {
        if head.is_null() {
            head = chunk.clone();
        }
        if chunk.get("usage").is_some_and(|value| !value.is_null()) {
            usage = chunk["usage"].clone();
        }
        let Some(choice) = chunk.get("choices").and_then(|choices| choices.get(0)) else {
            continue;
        };
        if let Some(reason) = choice.get("finish_reason").filter(|value| !value.is_null()) {
            finish_reason = reason.clone();
        }
        let delta = &choice["delta"];
        append(&mut message, "content", delta);
        append(&mut message, "reasoning_content", delta);
        for call in delta["tool_calls"].as_array().into_iter().flatten() {
            let index = call["index"].as_u64().unwrap_or(0) as usize;
            if tool_calls.len() <= index {
                tool_calls.resize(index + 1, json!({ "function": { "arguments": "" } }));
            }
            let merged = &mut tool_calls[index];
            for key in ["id", "type"] {
                if let Some(value) = call.get(key) {
                    merged[key] = value.clone();
                }
            }
            if let Some(name) = call["function"].get("name") {
                merged["function"]["name"] = name.clone();
            }
            if let Some(function) = merged["function"].as_object_mut() {
                append(function, "arguments", &call["function"]);
            }
        }
    }
    message.entry("content").or_insert(Value::Null);
    if !tool_calls.is_empty() {
        message.insert("tool_calls".into(), Value::Array(tool_calls));
    }
    json!({
        "id": head["id"],
        "object": "chat.completion",
        "created": head["created"],
        "model": head["model"],
        "system_fingerprint": head.get("system_fingerprint").cloned().unwrap_or(Value::Null),
        "choices": [{ "index": 0, "message": message, "logprobs": null, "finish_reason": finish_reason }],
        "usage": usage,
    })
}

/// The response of OpenAI Responses' `response.completed` event (the last response seen when
/// there is none).
fn response(events: &[(String, Value)]) -> Value {
    events
        .iter()
        .rev()
        .find_map(|(_, data)| {
            (data["type"] == "response.completed").then(|| data["response"].clone())
        })
        .or_else(|| {
            events
                .iter()
                .rev()
                .find_map(|(_, data)| data.get("response").cloned())
        })
        .unwrap_or(Value::Null)
}

/// An Anthropic Messages stream as its message: `message_start`'s message with each content
/// block whole (text, thinking and signature joined, a tool's input JSON parsed), and
/// `message_delta`'s stop reason and usage; or, when the stream carried an `error` event, that
/// error with the status the API gives it.
fn anthropic_message(events: &[(String, Value)]) -> (StatusCode, Value) {
    let mut message = Value::Null;
    let mut blocks: Vec<Value> = Vec::new();
    let mut inputs: Vec<String> = Vec::new();
    for (_, data) in events {
        match data["type"].as_str().unwrap_or_default() {
            "error" => {
                let status = match data["error"]["type"].as_str() {
                    Some("overloaded_error") => 529,
                    Some("rate_limit_error") => 429,
                    Some("invalid_request_error") => 400,
                    _ => 500,
                };
                return (
                    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
                    data.clone(),
                );
            }
            "message_start" => message = data["message"].clone(),
            "content_block_start" => {
                blocks.push(data["content_block"].clone());
                inputs.push(String::new());
            }
            "content_block_delta" => {
                let index = data["index"].as_u64().unwrap_or(0) as usize;
                let delta = &data["delta"];
                if let Some(partial) = delta["partial_json"].as_str()
                    && let Some(input) = inputs.get_mut(index)
                {
                    input.push_str(partial);
                }
                if let Some(block) = blocks.get_mut(index).and_then(Value::as_object_mut) {
                    for key in ["text", "thinking", "signature"] {
                        append(block, key, delta);
                    }
                }
            }
            "message_delta" => {
                for key in ["stop_reason", "stop_sequence"] {
                    if let Some(value) = data["delta"].get(key) {
                        message[key] = value.clone();
                    }
                }
                if let Some(usage) = data["usage"].as_object()
                    && let Some(merged) = message["usage"].as_object_mut()
                {
                    merged.extend(usage.clone());
                }
            }
            _ => {}
        }
    }
    for (block, input) in blocks.iter_mut().zip(inputs) {
        if block["type"] == "tool_use" && !input.is_empty() {
            block["input"] = serde_json::from_str(&input).unwrap_or(Value::String(input));
        }
    }
    message["content"] = Value::Array(blocks);
    (StatusCode::OK, message)
}

/// Gemini chunks as one `GenerateContentResponse`: candidate 0's parts in order (consecutive
/// text parts of the same kind joined), the last finish reason, usage and model version.
fn gemini_response(events: &[(String, Value)]) -> Value {
    let mut parts: Vec<Value> = Vec::new();
    let mut last = Value::Null;
    for (_, chunk) in events {
        let candidate = &chunk["candidates"][0];
        for part in candidate["content"]["parts"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let same_kind = parts.last().is_some_and(|previous| {
                previous.get("text").is_some()
                    && part.get("text").is_some()
                    && previous.get("thought") == part.get("thought")
            });
            match parts.last_mut().and_then(Value::as_object_mut) {
                Some(previous) if same_kind => append(previous, "text", part),
                _ => parts.push(part.clone()),
            }
        }
        last = chunk.clone();
    }
    json!({
        "candidates": [{
            "content": { "role": "model", "parts": parts },
            "finishReason": last["candidates"][0].get("finishReason").cloned().unwrap_or(Value::Null),
            "index": 0,
        }],
        "usageMetadata": last["usageMetadata"],
        "modelVersion": last["modelVersion"],
        "responseId": last["responseId"],
    })
}
