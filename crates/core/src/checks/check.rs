//! `Check`: one expectation of a run, as saved with a request (collections file format 3), with
//! a label in plain language.

use serde_json::Value;

/// One expectation of a run. Saved as JSON tagged by `kind` (kebab-case), e.g.
/// `{"kind":"status","status":200}`. An `event_type` of `None` means every event.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Check {
    /// The (first) response's status is `status`.
    Status {
        /// The expected status code.
        status: u16,
    },
    /// The response is an event stream (2xx, `text/event-stream`).
    EventStream,
    /// The run ended cleanly: at an event boundary, or stopped by a rule — not truncated, no
    /// network or HTTP error, not aborted.
    CleanEnd,
    /// The number of events (of one type) is within `min..=max` (each bound optional).
    EventCount {
        /// Only events of this type count.
        event_type: Option<String>,
        /// At least this many.
        min: Option<u64>,
        /// At most this many.
        max: Option<u64>,
    },
    /// These event types appear in this order, others allowed between (a subsequence).
    TypesInOrder {
        /// The types, in order.
        types: Vec<String>,
    },
    /// No event has a type outside `types`.
    TypesOnly {
        /// The allowed types.
        types: Vec<String>,
    },
    /// Event ids never repeat, also across reconnections; when numeric, they increase.
    UniqueIds,
    /// Every event's data (of one type) is JSON.
    DataIsJson {
        /// Only events of this type.
        event_type: Option<String>,
    },
    /// Every event's data (of one type) is JSON valid against `schema` (JSON Schema draft
    /// 2020-12).
    DataSchema {
        /// Only events of this type.
        event_type: Option<String>,
        /// The schema.
        schema: Value,
        /// Only events whose data is JSON (an OpenAI stream's `[DONE]` is left to
        /// [`Check::AnswerComplete`]); otherwise data that is not JSON fails.
        json_only: bool,
    },
    /// The value at a JSON path (RFC 9535) of every (or some) event's data passes `test`.
    DataPath {
        /// Only events of this type.
        event_type: Option<String>,
        /// The path, e.g. `$.choices[0].delta.content`.
        path: String,
        /// What its value must be.
        test: ValueTest,
        /// Every event, or at least one.
        which: Which,
    },
    /// Every (or some) event's data (of one type) contains `text`.
    DataContains {
        /// Only events of this type.
        event_type: Option<String>,
        /// The text.
        text: String,
        /// Every event, or at least one.
        which: Which,
    },
    /// A time of the run is at most `max_ms`.
    Timing {
        /// Which time.
        measure: Measure,
        /// The budget, in ms.
        max_ms: u64,
    },
    /// The AI answer is complete: its dialect's terminator arrived.
    AnswerComplete,
    /// The AI stream's events follow its dialect's order (see `crate::ai::order`): fails at the
    /// first break.
    AnswerInOrder,
    /// The AI answer's text passes `test`.
    AnswerText {
        /// What the text must contain or match.
        test: TextTest,
    },
    /// The AI answer has a call of tool `name` whose arguments are JSON (valid against `schema`,
    /// when given).
    ToolCall {
        /// The tool's name.
        name: String,
        /// A JSON Schema (draft 2020-12) for the arguments.
        schema: Option<Value>,
    },
    /// The AI answer's finish reason is `reason` (`stop`, `end_turn`, `tool_calls`…).
    FinishReason {
        /// The expected reason, as the provider spells it.
        reason: String,
    },
    /// The first token (text, reasoning or tool arguments) arrived within `max_ms` of the
    /// request start.
    FirstToken {
        /// The budget, in ms.
        max_ms: u64,
    },
    /// The AI answer reports token usage.
    UsagePresent,
}

/// Whether a data check holds for every event it applies to, or for at least one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Which {
    /// Every event (of the type); at least one must arrive.
    #[default]
    Every,
    /// At least one event.
    Some,
}

/// A test of a JSON value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ValueTest {
    /// Equal to `value`.
    Equals {
        /// The expected value.
        value: Value,
    },
    /// A string containing `text`, or any other value whose JSON text contains it.
    Contains {
        /// The text.
        text: String,
    },
    /// A string matching `regex` (any other value: its JSON text).
    Matches {
        /// The regular expression (the `regex` crate's syntax, unanchored).
        regex: String,
    },
}

/// A test of a text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TextTest {
    /// Contains `text`.
    Contains {
        /// The text.
        text: String,
    },
    /// Matches `regex`.
    Matches {
        /// The regular expression (the `regex` crate's syntax, unanchored).
        regex: String,
    },
}

/// A time a [`Check::Timing`] bounds, each in ms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    /// From the request start to the response head.
    Headers,
    /// From the request start to the first event.
    FirstEvent,
    /// The longest wait between two consecutive events.
    LargestGap,
    /// From the request start to the end of the run.
    Duration,
}

impl Measure {
    /// Its name in a label, e.g. "time to first event".
    pub fn name(self) -> &'static str {
        match self {
            Self::Headers => "time to headers",
            Self::FirstEvent => "time to first event",
            Self::LargestGap => "largest gap between events",
            Self::Duration => "total duration",
        }
    }
}

/// "events" or "`type` events".
fn events_of(event_type: Option<&String>) -> String {
    event_type.map_or_else(
        || "events".to_owned(),
        |t| format!("\u{201c}{t}\u{201d} events"),
    )
}

/// "every event's" / "some event's", of a type when given.
fn whose(which: Which, event_type: Option<&String>) -> String {
    let of_type = event_type.map_or_else(String::new, |t| format!("\u{201c}{t}\u{201d} "));
    match which {
        Which::Every => format!("every {of_type}event's"),
        Which::Some => format!("some {of_type}event's"),
    }
}

fn quoted_list(items: &[String], separator: &str) -> String {
    items
        .iter()
        .map(|item| format!("\u{201c}{item}\u{201d}"))
        .collect::<Vec<_>>()
        .join(separator)
}

impl ValueTest {
    /// "equals 42", "contains “x”", "matches /re/".
    pub fn label(&self) -> String {
        match self {
            Self::Equals { value } => format!("equals {value}"),
            Self::Contains { text } => format!("contains \u{201c}{text}\u{201d}"),
            Self::Matches { regex } => format!("matches /{regex}/"),
        }
    }
}

impl TextTest {
    /// "contains “x”", "matches /re/".
    pub fn label(&self) -> String {
        match self {
            Self::Contains { text } => format!("contains \u{201c}{text}\u{201d}"),
            Self::Matches { regex } => format!("matches /{regex}/"),
        }
    }
}

impl Check {
    /// Whether it needs the front end's `Matchers` (a JSON Schema, a JSON path or a regex).
    pub fn needs_matchers(&self) -> bool {
        matches!(
            self,
            Self::DataPath { .. }
                | Self::DataSchema { .. }
                | Self::AnswerText {
                    test: TextTest::Matches { .. }
                }
                | Self::ToolCall {
                    schema: Some(_),
                    ..
                }
        )
    }

    /// Whether it looks at the AI answer.
    pub fn needs_answer(&self) -> bool {
        matches!(
            self,
            Self::AnswerComplete
                | Self::AnswerInOrder
                | Self::AnswerText { .. }
                | Self::ToolCall { .. }
                | Self::FinishReason { .. }
                | Self::FirstToken { .. }
                | Self::UsagePresent
        )
    }

    /// What it expects, in plain language: "Status is 200", "“done” events: 1 to 3".
    pub fn label(&self) -> String {
        match self {
            Self::Status { status } => format!("Status is {status}"),
            Self::EventStream => "The response is an event stream".into(),
            Self::CleanEnd => "The stream ends cleanly".into(),
            Self::EventCount {
                event_type,
                min,
                max,
            } => {
                let what = match event_type {
                    Some(t) => format!("\u{201c}{t}\u{201d} event(s)"),
                    None => "event(s)".to_owned(),
                };
                match (min, max) {
                    (Some(min), Some(max)) if min == max => format!("Exactly {min} {what}"),
                    (Some(min), Some(max)) => format!("{min} to {max} {what}"),
                    (Some(min), None) => format!("At least {min} {what}"),
                    (None, Some(max)) => format!("At most {max} {what}"),
                    (None, None) => format!("Any number of {what}"),
                }
            }
            Self::TypesInOrder { types } => {
                format!("Event types in order: {}", quoted_list(types, " → "))
            }
            Self::TypesOnly { types } => {
                format!("No event types but {}", quoted_list(types, ", "))
            }
            Self::UniqueIds => "Event ids never repeat, and numeric ids increase".into(),
            Self::DataIsJson { event_type } => {
                format!("Data of {} is JSON", events_of(event_type.as_ref()))
            }
            Self::DataSchema {
                event_type,
                json_only,
                ..
            } => format!(
                "Data of {}{} matches the JSON Schema",
                events_of(event_type.as_ref()),
                if *json_only { " that is JSON" } else { "" }
            ),
            Self::DataPath {
                event_type,
                path,
                test,
                which,
            } => format!(
                "In {} data, {path} {}",
                whose(*which, event_type.as_ref()),
                test.label()
            ),
            Self::DataContains {
                event_type,
                text,
                which,
            } => {
                let whose = whose(*which, event_type.as_ref());
                let mut label = format!("{whose} data contains \u{201c}{text}\u{201d}");
                // Sentence case.
                if let Some(first) = label.get(..1) {
                    label = first.to_ascii_uppercase() + label.get(1..).unwrap_or_default();
                }
                label
            }
            Self::Timing { measure, max_ms } => {
                let name = measure.name();
                let mut label = format!("{name} at most {max_ms} ms");
                if let Some(first) = label.get(..1) {
                    label = first.to_ascii_uppercase() + label.get(1..).unwrap_or_default();
                }
                label
            }
            Self::AnswerComplete => "The AI answer is complete (its terminator arrived)".into(),
            Self::AnswerInOrder => "The AI stream's events are in protocol order".into(),
            Self::AnswerText { test } => format!("The AI answer's text {}", test.label()),
            Self::ToolCall { name, schema } => format!(
                "The AI calls tool \u{201c}{name}\u{201d} with JSON arguments{}",
                if schema.is_some() {
                    " matching the schema"
                } else {
                    ""
                }
            ),
            Self::FinishReason { reason } => {
                format!("The AI answer's finish reason is \u{201c}{reason}\u{201d}")
            }
            Self::FirstToken { max_ms } => format!("First token within {max_ms} ms"),
            Self::UsagePresent => "The AI answer reports token usage".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_are_saved_as_json_tagged_by_kind_and_read_back() {
        let checks = vec![
            Check::Status { status: 200 },
            Check::EventCount {
                event_type: Some("tick".into()),
                min: Some(1),
                max: None,
            },
            Check::DataPath {
                event_type: None,
                path: "$.n".into(),
                test: ValueTest::Equals { value: 3.into() },
                which: Which::Some,
            },
        ];
        let text = serde_json::to_string(&checks).expect("serialisable");
        assert_eq!(
            text,
            r#"[{"kind":"status","status":200},{"kind":"event-count","event_type":"tick","min":1},{"kind":"data-path","path":"$.n","test":{"op":"equals","value":3},"which":"some"}]"#
        );
        let back: Vec<Check> = serde_json::from_str(&text).expect("readable");
        assert_eq!(back, checks);
        // `which` may be left out: every event.
        let every: Check =
            serde_json::from_str(r#"{"kind":"data-contains","text":"x"}"#).expect("readable");
        assert_eq!(
            every.label(),
            "Every event's data contains \u{201c}x\u{201d}"
        );
    }

    #[test]
    fn labels_say_what_is_expected() {
        let count = |min, max| Check::EventCount {
            event_type: Some("tick".into()),
            min,
            max,
        };
        assert_eq!(
            count(Some(3), Some(3)).label(),
            "Exactly 3 \u{201c}tick\u{201d} event(s)"
        );
        assert_eq!(
            count(Some(1), Some(5)).label(),
            "1 to 5 \u{201c}tick\u{201d} event(s)"
        );
        assert_eq!(
            count(None, Some(5)).label(),
            "At most 5 \u{201c}tick\u{201d} event(s)"
        );
        assert_eq!(
            Check::TypesInOrder {
                types: vec!["start".into(), "end".into()]
            }
            .label(),
            "Event types in order: \u{201c}start\u{201d} → \u{201c}end\u{201d}"
        );
        assert_eq!(
            Check::Timing {
                measure: Measure::FirstEvent,
                max_ms: 500
            }
            .label(),
            "Time to first event at most 500 ms"
        );
    }
}
