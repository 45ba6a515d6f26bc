//! Ollama's native API (`/api/chat`, `/api/generate`), streamed as NDJSON: each record carries
//! the next piece of `message.content` (chat) or `response` (generate), the reasoning in
//! `message.thinking` / `thinking`, whole tool calls in `message.tool_calls`; `done: false` until
//! the last record, which has `done: true`, `done_reason` and the counts `prompt_eval_count` and
//! `eval_count`; an `error` string reports a failure.

use serde_json::Value;

use super::answer::{AiEvent, Answer, Assemble};

/// Counts tool calls, which arrive whole, to key them.
#[derive(Debug, Default)]
pub(super) struct Ollama {
    calls: usize,
}

impl Assemble for Ollama {
    fn add(&mut self, answer: &mut Answer, event: &AiEvent<'_>) {
        let Some(json) = event.json else {
            return;
        };
        if let Some(error) = json.get("error") {
            answer.push_error(event.index, error);
        }
        if let Some(model) = json.get("model").and_then(Value::as_str) {
            answer.model.get_or_insert_with(|| model.to_owned());
        }
        let message = json.get("message");
        let field = |name: &str| {
            message
                .and_then(|message| message.get(name))
                .or_else(|| json.get(if name == "content" { "response" } else { name }))
                .and_then(Value::as_str)
                .filter(|text| !text.is_empty())
        };
        if let Some(thinking) = field("thinking") {
            answer.push_reasoning(thinking, event.at_ms);
        }
        if let Some(text) = field("content") {
            answer.push_text(text, event.at_ms);
        }
        for call in message
            .and_then(|message| message.get("tool_calls"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            self.calls += 1;
            let key = self.calls.to_string();
            let function = call.get("function");
            let arguments = function
                .and_then(|function| function.get("arguments"))
                .map_or_else(String::new, Value::to_string);
            let assembled = answer.tool_call(&key);
            assembled.name = function
                .and_then(|function| function.get("name"))
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            assembled.is_complete = true;
            answer.push_arguments(&key, &arguments, event.at_ms);
        }
        if json.get("done").and_then(Value::as_bool) == Some(true) {
            answer.is_terminated = true;
            answer.finish_reason = json
                .get("done_reason")
                .and_then(Value::as_str)
                .map(str::to_owned);
            let count = |key: &str| json.get(key).and_then(Value::as_u64);
            answer.usage.input = count("prompt_eval_count");
            answer.usage.output = count("eval_count");
            answer.usage.total = answer
                .usage
                .input
                .zip(answer.usage.output)
                .map(|(i, o)| i + o);
        }
    }
}
