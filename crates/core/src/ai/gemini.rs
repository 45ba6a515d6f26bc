//! Google Gemini `streamGenerateContent?alt=sse`: each event is a `GenerateContentResponse`
//! whose `candidates[0].content.parts` carry text (`thought: true` marks thinking), or whole
//! `functionCall`s; `finishReason` ends the candidate (there is no other terminator);
//! `usageMetadata` has the counts; an `error` object reports a failure.

use serde_json::Value;

use super::answer::{AiEvent, Answer, Assemble};

/// Counts function calls, which arrive whole, to key them.
#[derive(Debug, Default)]
pub(super) struct Gemini {
    calls: usize,
}

impl Assemble for Gemini {
    fn add(&mut self, answer: &mut Answer, event: &AiEvent<'_>) {
        let Some(json) = event.json else {
            return;
        };
        if let Some(error) = json.get("error") {
            answer.push_error(event.index, error);
        }
        if let Some(model) = json.get("modelVersion").and_then(Value::as_str) {
            answer.model.get_or_insert_with(|| model.to_owned());
        }
        if let Some(usage) = json.get("usageMetadata") {
            let count = |key: &str| usage.get(key).and_then(Value::as_u64);
            answer.usage.input = count("promptTokenCount");
            answer.usage.output = count("candidatesTokenCount");
            answer.usage.reasoning = count("thoughtsTokenCount");
            answer.usage.total = count("totalTokenCount");
        }
        let Some(candidate) = json.pointer("/candidates/0") else {
            return;
        };
        for part in candidate
            .pointer("/content/parts")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(text) = part.get("text").and_then(Value::as_str) {
                if part.get("thought").and_then(Value::as_bool) == Some(true) {
                    answer.push_reasoning(text, event.at_ms);
                } else {
                    answer.push_text(text, event.at_ms);
                }
            }
            if let Some(function) = part.get("functionCall") {
                self.calls += 1;
                let key = self.calls.to_string();
                let arguments = function
                    .get("args")
                    .map_or_else(String::new, Value::to_string);
                let call = answer.tool_call(&key);
                call.name = function
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                call.id = function
                    .get("id")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                call.is_complete = true;
                answer.push_arguments(&key, &arguments, event.at_ms);
            }
        }
        if let Some(reason) = candidate.get("finishReason").and_then(Value::as_str) {
            answer.finish_reason = Some(reason.to_owned());
            answer.is_terminated = true;
        }
    }
}
