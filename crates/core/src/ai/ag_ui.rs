//! AG-UI, the Agent–User Interaction protocol (docs.ag-ui.com/concepts/events), over SSE: each
//! event's data names itself in `type` — `RUN_STARTED`; `TEXT_MESSAGE_START` / `_CONTENT`
//! (`delta`) / `_END` by `messageId`; `TOOL_CALL_START` (`toolCallId`, `toolCallName`) / `_ARGS`
//! (`delta`) / `_END`; reasoning as `REASONING_MESSAGE_*` by `messageId` (or the older
//! `THINKING_TEXT_MESSAGE_*`); the `*_CHUNK` forms, which start and end their message or call
//! themselves; `RUN_FINISHED`, or `RUN_ERROR` (`message`, `code`). A message or tool call is
//! started before its content and ended after it, all before `RUN_FINISHED`. A run may follow a
//! finished one.

use serde_json::Value;

use super::answer::{AiEvent, Answer, Assemble};
use super::order::{PartKind, Parts};

static MESSAGE: PartKind = PartKind {
    what: "text message",
    start: "TEXT_MESSAGE_START",
    stop: "TEXT_MESSAGE_END",
};
static REASONING: PartKind = PartKind {
    what: "reasoning message",
    start: "REASONING_MESSAGE_START",
    stop: "REASONING_MESSAGE_END",
};
static TOOL_CALL: PartKind = PartKind {
    what: "tool call",
    start: "TOOL_CALL_START",
    stop: "TOOL_CALL_END",
};

/// The messages and tool calls started so far, and the last chunked ones (a chunk may leave its
/// id out to continue the one before).
#[derive(Debug, Default)]
pub(super) struct AgUi {
    parts: Parts,
    chunked_message: String,
    chunked_call: String,
}

impl AgUi {
    /// The chunked tool call so far, if any, is complete: chunks close their call themselves
    /// when another call starts or the run finishes.
    fn close_chunked_call(&mut self, answer: &mut Answer) {
        if !self.chunked_call.is_empty() {
            answer.tool_call(&self.chunked_call).is_complete = true;
            self.chunked_call.clear();
        }
    }
}

impl Assemble for AgUi {
    fn add(&mut self, answer: &mut Answer, event: &AiEvent<'_>) {
        let Some(json) = event.json else {
            return;
        };
        let kind = event.kind();
        let text = |key: &str| json.get(key).and_then(Value::as_str).unwrap_or_default();
        let (message, call) = (text("messageId"), text("toolCallId"));
        let (at, at_ms) = (event.index, event.at_ms);
        let fault = match kind {
            "RUN_STARTED" => {
                answer.is_terminated = false;
                None
            }
            "TEXT_MESSAGE_START" => {
                answer.begin_text_part();
                self.parts.start(&MESSAGE, message, at)
            }
            "TEXT_MESSAGE_CONTENT" => {
                answer.push_text(text("delta"), at_ms);
                self.parts.delta(&MESSAGE, message, kind, at)
            }
            "TEXT_MESSAGE_END" => self.parts.stop(&MESSAGE, message, at),
            "TEXT_MESSAGE_CHUNK" => {
                if !message.is_empty() && message != self.chunked_message {
                    answer.begin_text_part();
                    message.clone_into(&mut self.chunked_message);
                }
                answer.push_text(text("delta"), at_ms);
                None
            }
            "REASONING_MESSAGE_START" => self.parts.start(&REASONING, message, at),
            "REASONING_MESSAGE_CONTENT" => {
                answer.push_reasoning(text("delta"), at_ms);
                self.parts.delta(&REASONING, message, kind, at)
            }
            "REASONING_MESSAGE_END" => self.parts.stop(&REASONING, message, at),
            "REASONING_MESSAGE_CHUNK" | "THINKING_TEXT_MESSAGE_CONTENT" => {
                answer.push_reasoning(text("delta"), at_ms);
                None
            }
            "TOOL_CALL_START" => {
                let assembled = answer.tool_call(call);
                assembled.id = call.to_owned();
                assembled.name = text("toolCallName").to_owned();
                self.parts.start(&TOOL_CALL, call, at)
            }
            "TOOL_CALL_ARGS" => {
                answer.push_arguments(call, text("delta"), at_ms);
                self.parts.delta(&TOOL_CALL, call, kind, at)
            }
            "TOOL_CALL_END" => {
                answer.tool_call(call).is_complete = true;
                self.parts.stop(&TOOL_CALL, call, at)
            }
            "TOOL_CALL_RESULT" => {
                let content = json.get("content").unwrap_or(&Value::Null);
                answer.set_result(call, content);
                None
            }
            "TOOL_CALL_CHUNK" => {
                if !call.is_empty() && call != self.chunked_call {
                    // A chunked call ends where the next one starts.
                    self.close_chunked_call(answer);
                    call.clone_into(&mut self.chunked_call);
                }
                let key = self.chunked_call.as_str();
                let assembled = answer.tool_call(key);
                assembled.id = key.to_owned();
                if let Some(name) = json.get("toolCallName").and_then(Value::as_str) {
                    name.clone_into(&mut assembled.name);
                }
                answer.push_arguments(key, text("delta"), at_ms);
                None
            }
            "RUN_FINISHED" => {
                self.close_chunked_call(answer);
                answer.is_terminated = true;
                answer.finish_reason = Some(match text("outcome") {
                    "" => "finished".to_owned(),
                    outcome => outcome.to_owned(),
                });
                answer.push_faults(self.parts.all_stopped(kind, at));
                None
            }
            "RUN_ERROR" => {
                let message = match text("code") {
                    "" => text("message").to_owned(),
                    code => format!("{code}: {}", text("message")),
                };
                answer.push_error(at, &Value::String(message));
                None
            }
            _ => None,
        };
        answer.push_faults(fault);
    }
}
