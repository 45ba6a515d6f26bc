//! OpenAI Chat Completions chunks: `choices[0].delta` carries `content`, reasoning (as
//! `reasoning_content` or `reasoning`, which OpenAI-compatible servers such as DeepSeek, vLLM and
//! Ollama send) and `tool_calls` fragments keyed by `index`; `finish_reason` ends the choice;
//! a last chunk may carry `usage`; `data: [DONE]` ends the stream.

use serde_json::Value;

use super::answer::{AiEvent, Answer, Assemble};

/// No state beyond the answer: fragments are keyed by their index.
#[derive(Debug, Default)]
pub(super) struct Chat;

impl Assemble for Chat {
    fn add(&mut self, answer: &mut Answer, event: &AiEvent<'_>) {
        let Some(chunk) = event.json else {
            return;
        };
        if let Some(error) = chunk.get("error") {
            answer.push_error(event.index, error);
        }
        if let Some(model) = chunk.get("model").and_then(Value::as_str) {
            answer.model.get_or_insert_with(|| model.to_owned());
        }
        if let Some(usage) = chunk.get("usage").filter(|usage| usage.is_object()) {
            let count = |key: &str| usage.get(key).and_then(Value::as_u64);
            answer.usage.input = count("prompt_tokens");
            answer.usage.output = count("completion_tokens");
            answer.usage.total = count("total_tokens");
            answer.usage.reasoning = usage
                .get("completion_tokens_details")
                .and_then(|details| details.get("reasoning_tokens"))
                .and_then(Value::as_u64);
        }
        // Only the first choice (n = 1 is what streaming clients ask for).
        let Some(choice) = chunk
            .get("choices")
            .and_then(Value::as_array)
            .and_then(|choices| {
                choices
                    .iter()
                    .find(|choice| choice.get("index").and_then(Value::as_u64).unwrap_or(0) == 0)
            })
        else {
            return;
        };
        if let Some(delta) = choice.get("delta") {
            let text = |key: &str| delta.get(key).and_then(Value::as_str).unwrap_or_default();
            answer.push_reasoning(text("reasoning_content"), event.at_ms);
            answer.push_reasoning(text("reasoning"), event.at_ms);
            answer.push_text(text("content"), event.at_ms);
            for call in delta
                .get("tool_calls")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let key = call
                    .get("index")
                    .and_then(Value::as_u64)
                    .unwrap_or(0)
                    .to_string();
                let function = call.get("function");
                let part = |value: Option<&Value>, key: &str| {
                    value
                        .and_then(|value| value.get(key))
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned()
                };
                let tool_call = answer.tool_call(&key);
                tool_call.id.push_str(&part(Some(call), "id"));
                tool_call.name.push_str(&part(function, "name"));
                let arguments = part(function, "arguments");
                answer.push_arguments(&key, &arguments, event.at_ms);
            }
        }
        if let Some(reason) = choice.get("finish_reason").and_then(Value::as_str) {
            answer.finish_reason = Some(reason.to_owned());
            for call in &mut answer.tool_calls {
                call.is_complete = true;
            }
        }
    }
}
