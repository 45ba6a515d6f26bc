//! The answer rule a request sets for a stream in no known dialect (see
//! [`crate::session::reading::Reading`]): JSON paths into each event's data for the text delta,
//! and optionally reasoning, a tool call's name and arguments, and the finish reason. Text is
//! appended (a number or boolean as JSON writes it); each event with a tool name starts a call,
//! whose arguments the later ones append to; the first finish reason other than `null` ends the
//! answer, as does `data: [DONE]`.

use serde_json::Value;

use super::answer::{AiEvent, Answer, Assemble};
use crate::session::reading::Reading;
use crate::simple_path::SimplePath;

/// The rule's paths (a path that is not one is not read: the editor says so).
#[derive(Debug)]
pub(super) struct Rule {
    text: Option<SimplePath>,
    reasoning: Option<SimplePath>,
    tool_name: Option<SimplePath>,
    tool_arguments: Option<SimplePath>,
    finish: Option<SimplePath>,
    calls: usize,
}

impl Rule {
    /// The rule `reading` sets.
    pub fn new(reading: &Reading) -> Self {
        let path = |path: &str| SimplePath::parse(path.trim());
        Self {
            text: path(&reading.text),
            reasoning: path(&reading.reasoning),
            tool_name: path(&reading.tool_name),
            tool_arguments: path(&reading.tool_arguments),
            finish: path(&reading.finish),
            calls: 0,
        }
    }
}

/// The value at `path` in `json` as text: a string as it is, another scalar as JSON text, an
/// array or object as JSON text when `whole` (tool arguments), else nothing.
fn text_at(path: Option<&SimplePath>, json: &Value, whole: bool) -> Option<String> {
    match path?.get(json)? {
        Value::String(text) => Some(text.clone()),
        Value::Null => None,
        Value::Array(_) | Value::Object(_) if !whole => None,
        other => Some(other.to_string()),
    }
}

impl Assemble for Rule {
    fn add(&mut self, answer: &mut Answer, event: &AiEvent<'_>) {
        let Some(json) = event.json else {
            return;
        };
        if let Some(text) = text_at(self.reasoning.as_ref(), json, false) {
            answer.push_reasoning(&text, event.at_ms);
        }
        if let Some(text) = text_at(self.text.as_ref(), json, false) {
            answer.push_text(&text, event.at_ms);
        }
        if let Some(name) = text_at(self.tool_name.as_ref(), json, false) {
            self.calls += 1;
            answer.tool_call(&self.calls.to_string()).name = name;
        }
        if let Some(arguments) = text_at(self.tool_arguments.as_ref(), json, true) {
            let key = self.calls.max(1).to_string();
            answer.push_arguments(&key, &arguments, event.at_ms);
        }
        if let Some(reason) = text_at(self.finish.as_ref(), json, false) {
            answer.finish_reason.get_or_insert(reason);
            answer.is_terminated = true;
            for call in &mut answer.tool_calls {
                call.is_complete = true;
            }
        }
    }
}
