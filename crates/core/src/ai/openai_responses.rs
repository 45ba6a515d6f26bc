//! OpenAI Responses events (each names itself in `type`): `response.output_text.delta`,
//! `response.reasoning_summary_text.delta` / `response.reasoning_text.delta`,
//! `response.output_item.added` (a `function_call` item) with
//! `response.function_call_arguments.delta` fragments keyed by `item_id`, then
//! `response.completed` (or `response.incomplete` / `response.failed`) with `usage`; `error`.
//! Each event's `sequence_number` is greater than the one before, and each delta's `item_id` names
//! an output item added before it and not yet done (`response.output_item.done`). An item left
//! without its `.done` is not a fault: proxies and some servers leave those out.

use serde_json::Value;

use super::answer::{AiEvent, Answer, Assemble};
use super::order::{PartKind, Parts, fault};

static OUTPUT_ITEM: PartKind = PartKind {
    what: "output item",
    start: "response.output_item.added",
    stop: "response.output_item.done",
};

/// The last `sequence_number` seen, with its event's log index, and the output items added.
#[derive(Debug, Default)]
pub(super) struct Responses {
    last_sequence: Option<(u64, usize)>,
    items: Parts,
}

impl Assemble for Responses {
    fn add(&mut self, answer: &mut Answer, event: &AiEvent<'_>) {
        let Some(json) = event.json else {
            return;
        };
        let kind = event.kind();
        if let Some(number) = json.get("sequence_number").and_then(Value::as_u64) {
            if let Some((last, at)) = self.last_sequence
                && number <= last
            {
                answer.push_faults([fault(
                    event.index,
                    format!(
                        "sequence_number {number} at event #{} does not follow {last} (event #{})",
                        event.index + 1,
                        at + 1
                    ),
                    "Events were repeated or reordered on the way: a retry that replayed part of \
                     the stream, or two streams merged."
                        .into(),
                    "Send each event once, numbered upwards; on a resumed stream skip what the \
                     client has."
                        .into(),
                )]);
            }
            self.last_sequence = Some((number, event.index));
        }
        let text = |key: &str| json.get(key).and_then(Value::as_str).unwrap_or_default();
        let item_id = json.pointer("/item/id").and_then(Value::as_str);
        let fault = match kind {
            "response.output_item.added" => {
                item_id.and_then(|id| self.items.start(&OUTPUT_ITEM, id, event.index))
            }
            "response.output_item.done" => {
                item_id.and_then(|id| self.items.stop(&OUTPUT_ITEM, id, event.index))
            }
            _ if kind.ends_with(".delta") && !text("item_id").is_empty() => {
                self.items
                    .delta(&OUTPUT_ITEM, text("item_id"), kind, event.index)
            }
            _ => None,
        };
        answer.push_faults(fault);
        match kind {
            "response.output_text.delta" => answer.push_text(text("delta"), event.at_ms),
            "response.reasoning_summary_text.delta" | "response.reasoning_text.delta" => {
                answer.push_reasoning(text("delta"), event.at_ms);
            }
            "response.output_item.added" | "response.output_item.done" => {
                let Some(item) = json.get("item").filter(|item| {
                    item.get("type").and_then(Value::as_str) == Some("function_call")
                }) else {
                    return;
                };
                let field = |key: &str| item.get(key).and_then(Value::as_str).unwrap_or_default();
                let call = answer.tool_call(field("id"));
                call.id = field("call_id").to_owned();
                call.name = field("name").to_owned();
                if kind == "response.output_item.done" {
                    call.arguments = field("arguments").to_owned();
                    call.is_complete = true;
                }
            }
            "response.function_call_arguments.delta" => {
                answer.push_arguments(text("item_id"), text("delta"), event.at_ms);
            }
            "response.function_call_arguments.done" => {
                let call = answer.tool_call(text("item_id"));
                call.arguments = text("arguments").to_owned();
                call.is_complete = true;
            }
            "response.created" | "response.in_progress" => {
                if let Some(model) = json.pointer("/response/model").and_then(Value::as_str) {
                    answer.model.get_or_insert_with(|| model.to_owned());
                }
            }
            "response.completed" | "response.incomplete" | "response.failed" => {
                answer.is_terminated = true;
                let response = json.get("response");
                let status = response
                    .and_then(|response| response.get("status"))
                    .and_then(Value::as_str)
                    .unwrap_or(kind.trim_start_matches("response."));
                let reason = response
                    .and_then(|response| response.pointer("/incomplete_details/reason"))
                    .and_then(Value::as_str);
                answer.finish_reason = Some(match reason {
                    Some(reason) => format!("{status} ({reason})"),
                    None => status.to_owned(),
                });
                if let Some(error) = response
                    .and_then(|response| response.get("error"))
                    .filter(|error| !error.is_null())
                {
                    answer.push_error(event.index, error);
                }
                if let Some(usage) = response.and_then(|response| response.get("usage")) {
                    let count = |pointer: &str| usage.pointer(pointer).and_then(Value::as_u64);
                    answer.usage.input = count("/input_tokens");
                    answer.usage.output = count("/output_tokens");
                    answer.usage.reasoning = count("/output_tokens_details/reasoning_tokens");
                    answer.usage.total = count("/total_tokens");
                }
            }
            "error" => answer.push_error(event.index, json.get("error").unwrap_or(json)),
            _ => {}
        }
    }
}
