//! The Vercel AI SDK's UI message stream (SSE with `x-vercel-ai-ui-message-stream: v1`,
//! ai-sdk.dev/docs/ai-sdk-ui/stream-protocol): `start`, then parts by id — `text-start`,
//! `text-delta` (`delta`), `text-end`; the same for `reasoning-*`; a tool call's
//! `tool-input-start` (`toolCallId`, `toolName`), `tool-input-delta` (`inputTextDelta`) and
//! `tool-input-available` (the whole `input`); `start-step` / `finish-step` around each model
//! call; `error` (`errorText`); `finish`, or `abort`; then `data: [DONE]`. Each part is started
//! before its deltas and ended after them, all before `finish`.

use serde_json::Value;

use super::answer::{AiEvent, Answer, Assemble};
use super::order::{PartKind, Parts};

static TEXT: PartKind = PartKind {
    what: "text part",
    start: "text-start",
    stop: "text-end",
};
static REASONING: PartKind = PartKind {
    what: "reasoning part",
    start: "reasoning-start",
    stop: "reasoning-end",
};
static TOOL_INPUT: PartKind = PartKind {
    what: "tool input",
    start: "tool-input-start",
    stop: "tool-input-available",
};

/// The parts started so far, for their order.
#[derive(Debug, Default)]
pub(super) struct UiMessageStream {
    parts: Parts,
}

impl Assemble for UiMessageStream {
    fn add(&mut self, answer: &mut Answer, event: &AiEvent<'_>) {
        let Some(json) = event.json else {
            return;
        };
        let kind = event.kind();
        let text = |key: &str| json.get(key).and_then(Value::as_str).unwrap_or_default();
        let (id, call_id) = (text("id"), text("toolCallId"));
        let at = event.index;
        let fault = match kind {
            "text-start" => {
                answer.begin_text_part();
                self.parts.start(&TEXT, id, at)
            }
            "text-delta" => {
                answer.push_text(text("delta"), event.at_ms);
                self.parts.delta(&TEXT, id, kind, at)
            }
            "text-end" => self.parts.stop(&TEXT, id, at),
            "reasoning-start" => self.parts.start(&REASONING, id, at),
            "reasoning-delta" => {
                answer.push_reasoning(text("delta"), event.at_ms);
                self.parts.delta(&REASONING, id, kind, at)
            }
            "reasoning-end" => self.parts.stop(&REASONING, id, at),
            "tool-input-start" => {
                let call = answer.tool_call(call_id);
                call.id = call_id.to_owned();
                call.name = text("toolName").to_owned();
                self.parts.start(&TOOL_INPUT, call_id, at)
            }
            "tool-input-delta" => {
                answer.push_arguments(call_id, text("inputTextDelta"), event.at_ms);
                self.parts.delta(&TOOL_INPUT, call_id, kind, at)
            }
            "tool-input-available" => {
                let call = answer.tool_call(call_id);
                call.id = call_id.to_owned();
                call.name = text("toolName").to_owned();
                call.is_complete = true;
                if call.arguments.is_empty() {
                    let input = json.get("input").map_or_else(String::new, Value::to_string);
                    answer.push_arguments(call_id, &input, event.at_ms);
                }
                // A tool whose input was not streamed comes whole, without a start.
                if !self.parts.is_open(&TOOL_INPUT, call_id) {
                    self.parts.start(&TOOL_INPUT, call_id, at);
                }
                self.parts.stop(&TOOL_INPUT, call_id, at)
            }
            "tool-output-available" => {
                answer.set_result(call_id, json.get("output").unwrap_or(&Value::Null));
                None
            }
            "start" => {
                if let Some(model) = json
                    .pointer("/messageMetadata/model")
                    .and_then(Value::as_str)
                {
                    answer.model = Some(model.to_owned());
                }
                None
            }
            "error" | "tool-input-error" | "tool-output-error" => {
                answer.push_error(at, &Value::String(text("errorText").to_owned()));
                None
            }
            "finish" => {
                answer.finish_reason = Some(match text("finishReason") {
                    "" => "finish".to_owned(),
                    reason => reason.to_owned(),
                });
                answer.push_faults(self.parts.all_stopped(kind, at));
                None
            }
            "abort" => {
                answer.finish_reason = Some("abort".into());
                None
            }
            _ => None,
        };
        answer.push_faults(fault);
    }
}
