//! "Save as test": checks inferred from a run that looked right — its status, that it is an event
//! stream that ended cleanly, its event types in order, a JSON Schema per event type, the AI
//! answer's terminator, and timing budgets with headroom. Each passes on the run it came from and
//! tolerates what changes between runs (ids, timestamps, generated text, how many deltas).

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::check::{Check, Measure};
use crate::ai::answer::Answer;
use crate::session::log::SessionLog;

/// Longest type sequence kept as it came; a longer one (types that alternate, like ticks and
/// heartbeats) is reduced to each type's first appearance, which a rerun is likelier to repeat.
const MAX_TYPES_IN_ORDER: usize = 12;

/// The checks a user would write for the closed run in `log` (`answer`: its AI answer, if it is
/// an AI stream), in the order the Checks section lists them.
pub fn infer(log: &SessionLog, answer: Option<&Answer>) -> Vec<Check> {
    let mut checks = Vec::new();
    let Some(head) = log.first_response() else {
        return checks;
    };
    checks.push(Check::Status {
        status: head.status,
    });
    if !head.is_sse() {
        return checks;
    }
    checks.push(Check::EventStream);
    if let Some(closed) = &log.closed
        && matches!(closed.reason.kind(), "clean" | "stopped-by-rule")
    {
        checks.push(Check::CleanEnd);
    }
    let types = types_in_order(log);
    if !types.is_empty() {
        checks.push(Check::TypesInOrder { types });
    }
    for (event_type, schema, json_only) in schemas(log) {
        checks.push(Check::DataSchema {
            event_type: Some(event_type),
            schema,
            json_only,
        });
    }
    if answer.is_some_and(|answer| answer.is_terminated) {
        checks.push(Check::AnswerComplete);
    }
    if answer.is_some_and(|answer| answer.order_faults.is_empty()) {
        checks.push(Check::AnswerInOrder);
    }
    let budget = |observed: f64| -> u64 {
        let observed = observed.max(0.0);
        (observed * 3.0).max(observed + 1000.0).ceil() as u64
    };
    if let Some(first) = log.event(0) {
        checks.push(Check::Timing {
            measure: Measure::FirstEvent,
            max_ms: budget(first.at_ms),
        });
    }
    if let Some((gap, _)) = log.largest_gap() {
        checks.push(Check::Timing {
            measure: Measure::LargestGap,
            max_ms: budget(gap),
        });
    }
    if let Some(closed) = &log.closed {
        checks.push(Check::Timing {
            measure: Measure::Duration,
            max_ms: budget(closed.at_ms),
        });
    }
    checks
}

/// `inferred` merged into a request's `existing` checks: an inferred check replaces the existing
/// one about the same thing (the same kind; for a schema the same event type, for a time the same
/// measure), in its place; the others are added after; every other existing check — the user's
/// own — stays. Returns the checks and how many were replaced.
pub fn merge(existing: &[Check], inferred: Vec<Check>) -> (Vec<Check>, usize) {
    let same_subject = |a: &Check, b: &Check| match (a, b) {
        (Check::DataSchema { event_type: x, .. }, Check::DataSchema { event_type: y, .. }) => {
            x == y
        }
        (Check::Timing { measure: x, .. }, Check::Timing { measure: y, .. }) => x == y,
        (Check::DataSchema { .. } | Check::Timing { .. }, _) => false,
        _ => a.kind() == b.kind(),
    };
    let mut merged = existing.to_vec();
    let mut replaced = 0;
    for check in inferred {
        match merged.iter_mut().find(|old| same_subject(old, &check)) {
            Some(old) => {
                *old = check;
                replaced += 1;
            }
            None => merged.push(check),
        }
    }
    (merged, replaced)
}

/// The run's event types in order, consecutive repeats collapsed (or, when that is long, each
/// type once, in order of first appearance).
fn types_in_order(log: &SessionLog) -> Vec<String> {
    let mut collapsed: Vec<String> = Vec::new();
    for index in 0..log.event_count() {
        if let Some(event) = log.event(index)
            && collapsed.last().map(String::as_str) != Some(event.event_type)
        {
            collapsed.push(event.event_type.to_owned());
        }
    }
    if collapsed.len() <= MAX_TYPES_IN_ORDER {
        return collapsed;
    }
    log.types().to_vec()
}

/// What the events of one type have shown so far.
#[derive(Default)]
struct Shape {
    events: usize,
    /// Events whose data was a JSON object.
    objects: usize,
    /// JSON types of the data (for data that is not an object).
    kinds: Vec<&'static str>,
    /// For each field: in how many events it was, and its JSON types.
    fields: BTreeMap<String, (usize, Vec<&'static str>)>,
    /// Events whose data was not JSON at all.
    not_json: usize,
}

/// For each event type with JSON data: a schema its JSON events all match — for objects the
/// fields present in every event, each with the JSON types seen — and whether some of its events
/// are not JSON (the schema then applies to the others only: OpenAI's `data: [DONE]`).
fn schemas(log: &SessionLog) -> Vec<(String, Value, bool)> {
    let mut shapes: BTreeMap<&str, Shape> = BTreeMap::new();
    for index in 0..log.event_count() {
        let Some(event) = log.event(index) else {
            continue;
        };
        let shape = shapes.entry(event.event_type).or_default();
        shape.events += 1;
        match serde_json::from_str::<Value>(event.data) {
            Err(_) => shape.not_json += 1,
            Ok(Value::Object(object)) => {
                shape.objects += 1;
                for (name, value) in object {
                    let (count, kinds) = shape.fields.entry(name).or_default();
                    *count += 1;
                    add_kind(kinds, &value);
                }
            }
            Ok(other) => add_kind(&mut shape.kinds, &other),
        }
    }
    // In order of first appearance, as the timeline's chips list types.
    log.types()
        .iter()
        .filter_map(|event_type| {
            let shape = shapes.get(event_type.as_str())?;
            let json_events = shape.events - shape.not_json;
            if json_events == 0 {
                return None;
            }
            let schema = if shape.objects == json_events {
                let mut properties = Map::new();
                let mut required = Vec::new();
                for (name, (count, kinds)) in &shape.fields {
                    if *count == json_events {
                        properties.insert(name.clone(), json!({ "type": type_of(kinds) }));
                        required.push(Value::String(name.clone()));
                    }
                }
                json!({ "type": "object", "required": required, "properties": properties })
            } else {
                let mut kinds = shape.kinds.clone();
                if shape.objects > 0 {
                    add_kind_name(&mut kinds, "object");
                }
                json!({ "type": type_of(&kinds) })
            };
            Some((event_type.clone(), schema, shape.not_json > 0))
        })
        .collect()
}

/// Notes the JSON type of `value` in `kinds` (an integer is also a number: one "number" covers
/// both when both are seen).
fn add_kind(kinds: &mut Vec<&'static str>, value: &Value) {
    let kind = match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(number) if number.is_i64() || number.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    add_kind_name(kinds, kind);
}

fn add_kind_name(kinds: &mut Vec<&'static str>, kind: &'static str) {
    if !kinds.contains(&kind) {
        kinds.push(kind);
    }
    if kinds.contains(&"number") {
        kinds.retain(|kind| *kind != "integer");
    }
}

/// `"string"`, or `["string", "null"]` for several.
fn type_of(kinds: &[&'static str]) -> Value {
    match kinds {
        [one] => Value::from(*one),
        several => Value::from(several.to_vec()),
    }
}
