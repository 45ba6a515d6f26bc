//! Anthropic Messages events: `message_start` (model, input usage), `content_block_start` of a
//! `text`, `thinking` or `tool_use` block, `content_block_delta` (`text_delta`,
//! `thinking_delta`, `input_json_delta` fragments of a tool call's input), `content_block_stop`,
//! `message_delta` (stop reason, output usage), `message_stop`; `error`; `ping` is a keepalive.
//! Blocks come one at a time, by index from 0: each started, delta'd and stopped before the next
//! starts, all stopped before `message_delta`.

use serde_json::Value;

use super::answer::{AiEvent, Answer, Assemble};
use super::order::{PartKind, Parts, fault};

static BLOCK: PartKind = PartKind {
    what: "content block",
    start: "content_block_start",
    stop: "content_block_stop",
};

/// The blocks started so far, for their order.
#[derive(Debug, Default)]
pub(super) struct Messages {
    blocks: Parts,
}

impl Assemble for Messages {
    fn add(&mut self, answer: &mut Answer, event: &AiEvent<'_>) {
        let Some(json) = event.json else {
            return;
        };
        let kind = event.kind();
        // Blocks are keyed by their index in the message's content.
        let index = json.get("index").and_then(Value::as_u64).unwrap_or(0);
        let key = index.to_string();
        match kind {
            "message_start" => {
                if let Some(model) = json.pointer("/message/model").and_then(Value::as_str) {
                    answer.model = Some(model.to_owned());
                }
                if let Some(input) = json
                    .pointer("/message/usage/input_tokens")
                    .and_then(Value::as_u64)
                {
                    answer.usage.input = Some(input);
                }
            }
            "content_block_start" => {
                let due = self.blocks.count(&BLOCK) as u64;
                answer.push_faults(
                    self.blocks
                        .all_stopped(&format!("content_block_start of block {key}"), event.index),
                );
                if index != due {
                    answer.push_faults([fault(
                        event.index,
                        format!(
                            "content block {key} started at event #{} where block {due} was due",
                            event.index + 1
                        ),
                        "Blocks are numbered from 0 in the order they start: a block is \
                         missing, or the stream was cut and stitched."
                            .into(),
                        "Start each block with the next index.".into(),
                    )]);
                }
                answer.push_faults(self.blocks.start(&BLOCK, &key, event.index));
                let Some(block) = json.get("content_block") else {
                    return;
                };
                let field = |key: &str| block.get(key).and_then(Value::as_str).unwrap_or_default();
                match field("type") {
                    "tool_use" | "server_tool_use" => {
                        let call = answer.tool_call(&key);
                        call.id = field("id").to_owned();
                        call.name = field("name").to_owned();
                    }
                    "text" => answer.push_text(field("text"), event.at_ms),
                    "thinking" => answer.push_reasoning(field("thinking"), event.at_ms),
                    _ => {}
                }
            }
            "content_block_delta" => {
                answer.push_faults(self.blocks.delta(&BLOCK, &key, kind, event.index));
                let Some(delta) = json.get("delta") else {
                    return;
                };
                let field = |key: &str| delta.get(key).and_then(Value::as_str).unwrap_or_default();
                match field("type") {
                    "text_delta" => answer.push_text(field("text"), event.at_ms),
                    "thinking_delta" => answer.push_reasoning(field("thinking"), event.at_ms),
                    "input_json_delta" => {
                        answer.push_arguments(&key, field("partial_json"), event.at_ms);
                    }
                    _ => {}
                }
            }
            "content_block_stop" => {
                answer.push_faults(self.blocks.stop(&BLOCK, &key, event.index));
                if let Some(call) = answer.tool_calls.iter_mut().find(|call| call.key == key) {
                    call.is_complete = true;
                }
            }
            "message_delta" => {
                answer.push_faults(self.blocks.all_stopped(kind, event.index));
                if let Some(reason) = json.pointer("/delta/stop_reason").and_then(Value::as_str) {
                    answer.finish_reason = Some(reason.to_owned());
                }
                if let Some(output) = json.pointer("/usage/output_tokens").and_then(Value::as_u64) {
                    answer.usage.output = Some(output);
                }
            }
            "message_stop" => {
                answer.push_faults(self.blocks.all_stopped(kind, event.index));
                answer.is_terminated = true;
            }
            "error" => answer.push_error(event.index, json.get("error").unwrap_or(json)),
            _ => {}
        }
    }
}
