//! What the Checks section's "Add" forms build: a check or a stop rule from the fields a user
//! filled in, as typed, with a sentence for what is missing or wrong.

use serde_json::Value;

use super::check::{Check, Measure, TextTest, ValueTest, Which};
use super::json::{MEASURES, WHICH, name_of, named};
use super::stop_rule::StopRule;

/// A field of the add-check form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// An event type (optional: empty means every event).
    EventType,
    /// A whole number (a status, a count).
    Number,
    /// The least and most, each optional.
    Range,
    /// Event types, comma-separated.
    Types,
    /// A JSON path.
    Path,
    /// equals / contains / matches.
    Op,
    /// contains / matches (for text).
    TextOp,
    /// A text, a regex or a JSON value, as `Op` says.
    Text,
    /// every / some.
    Which,
    /// Which time.
    Measure,
    /// A time in ms.
    Ms,
    /// A JSON Schema.
    Schema,
    /// A name (a tool, a finish reason).
    Name,
}

/// The check kinds "Add check" offers, in menu order: (kind as saved, menu label, its fields).
pub const CHECK_KINDS: [(&str, &str, &[Field]); 19] = [
    ("status", "Status is", &[Field::Number]),
    ("event-stream", "Response is an event stream", &[]),
    ("clean-end", "Stream ends cleanly", &[]),
    (
        "event-count",
        "Number of events",
        &[Field::EventType, Field::Range],
    ),
    ("types-in-order", "Event types in order", &[Field::Types]),
    ("types-only", "No other event types", &[Field::Types]),
    ("unique-ids", "Ids never repeat", &[]),
    ("data-is-json", "Data is JSON", &[Field::EventType]),
    (
        "data-schema",
        "Data matches a JSON Schema",
        &[Field::EventType, Field::Schema],
    ),
    (
        "data-path",
        "Value at a JSON path",
        &[
            Field::EventType,
            Field::Which,
            Field::Path,
            Field::Op,
            Field::Text,
        ],
    ),
    (
        "data-contains",
        "Data contains",
        &[Field::EventType, Field::Which, Field::Text],
    ),
    ("timing", "Time within", &[Field::Measure, Field::Ms]),
    ("answer-complete", "AI answer is complete", &[]),
    ("answer-in-order", "AI stream is in protocol order", &[]),
    (
        "answer-text",
        "AI answer's text",
        &[Field::TextOp, Field::Text],
    ),
    (
        "tool-call",
        "AI calls a tool",
        &[Field::Name, Field::Schema],
    ),
    ("finish-reason", "AI finish reason is", &[Field::Name]),
    ("first-token", "AI first token within", &[Field::Ms]),
    ("usage-present", "AI reports token usage", &[]),
];

/// The fields of the add-check form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckForm {
    /// The kind, as in [`CHECK_KINDS`].
    pub kind: String,
    /// [`Field::EventType`].
    pub event_type: String,
    /// [`Field::Number`], or the least of [`Field::Range`].
    pub number: String,
    /// The most of [`Field::Range`].
    pub most: String,
    /// [`Field::Types`].
    pub types: String,
    /// [`Field::Path`].
    pub path: String,
    /// [`Field::Op`] or [`Field::TextOp`]: `equals`, `contains` or `matches`.
    pub op: String,
    /// [`Field::Text`].
    pub text: String,
    /// [`Field::Which`]: `every` or `some`.
    pub which: String,
    /// [`Field::Measure`]: `headers`, `first-event`, `largest-gap` or `duration`.
    pub measure: String,
    /// [`Field::Ms`].
    pub ms: String,
    /// [`Field::Schema`] (optional for a tool call).
    pub schema: String,
    /// [`Field::Name`].
    pub name: String,
    /// Kept from a schema check being edited (Save as test sets it; the form shows no field).
    pub json_only: bool,
}

fn whole(text: &str, what: &str) -> Result<u64, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("{what}: write a whole number, e.g. 200."))
}

fn optional_whole(text: &str, what: &str) -> Result<Option<u64>, String> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        whole(text, what).map(Some)
    }
}

fn required(text: &str, what: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        Err(format!("{what} is empty."))
    } else {
        Ok(text.to_owned())
    }
}

fn list(text: &str) -> Result<Vec<String>, String> {
    let types: Vec<String> = text
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect();
    if types.is_empty() {
        Err("Name at least one event type (separate them with commas).".into())
    } else {
        Ok(types)
    }
}

fn schema(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|error| format!("The JSON Schema is not JSON: {error}."))
}

impl CheckForm {
    /// The form filled in with `check`, to edit it: [`CheckForm::build`] gives it back.
    pub fn of(check: &Check) -> Self {
        let mut form = Self {
            kind: check.kind().to_owned(),
            ..Self::default()
        };
        let pretty = |value: &Value| serde_json::to_string_pretty(value).unwrap_or_default();
        let which = |which: &Which| name_of(&WHICH, which).to_owned();
        match check {
            Check::Status { status } => form.number = status.to_string(),
            Check::EventCount {
                event_type,
                min,
                max,
            } => {
                form.event_type = event_type.clone().unwrap_or_default();
                form.number = min.map(|n| n.to_string()).unwrap_or_default();
                form.most = max.map(|n| n.to_string()).unwrap_or_default();
            }
            Check::TypesInOrder { types } | Check::TypesOnly { types } => {
                form.types = types.join(", ");
            }
            Check::DataIsJson { event_type } => {
                form.event_type = event_type.clone().unwrap_or_default();
            }
            Check::DataSchema {
                event_type,
                schema,
                json_only,
            } => {
                form.event_type = event_type.clone().unwrap_or_default();
                form.schema = pretty(schema);
                form.json_only = *json_only;
            }
            Check::DataPath {
                event_type,
                path,
                test,
                which: every_or_some,
            } => {
                form.event_type = event_type.clone().unwrap_or_default();
                form.path = path.clone();
                form.which = which(every_or_some);
                (form.op, form.text) = match test {
                    // A string is shown bare, as it would be typed.
                    ValueTest::Equals {
                        value: Value::String(text),
                    } => ("equals".into(), text.clone()),
                    ValueTest::Equals { value } => ("equals".into(), value.to_string()),
                    ValueTest::Contains { text } => ("contains".into(), text.clone()),
                    ValueTest::Matches { regex } => ("matches".into(), regex.clone()),
                };
            }
            Check::DataContains {
                event_type,
                text,
                which: every_or_some,
            } => {
                form.event_type = event_type.clone().unwrap_or_default();
                form.text = text.clone();
                form.which = which(every_or_some);
            }
            Check::Timing { measure, max_ms } => {
                form.measure = name_of(&MEASURES, measure).to_owned();
                form.ms = max_ms.to_string();
            }
            Check::AnswerText { test } => {
                (form.op, form.text) = match test {
                    TextTest::Contains { text } => ("contains".into(), text.clone()),
                    TextTest::Matches { regex } => ("matches".into(), regex.clone()),
                };
            }
            Check::ToolCall { name, schema } => {
                form.name = name.clone();
                form.schema = schema.as_ref().map(pretty).unwrap_or_default();
            }
            Check::FinishReason { reason } => form.name = reason.clone(),
            Check::FirstToken { max_ms } => form.ms = max_ms.to_string(),
            Check::EventStream
            | Check::CleanEnd
            | Check::UniqueIds
            | Check::AnswerComplete
            | Check::AnswerInOrder
            | Check::UsagePresent => {}
        }
        form
    }

    /// The check the form describes.
    ///
    /// # Errors
    /// A sentence naming the field that is missing or wrong.
    pub fn build(&self) -> Result<Check, String> {
        let event_type = Some(self.event_type.trim().to_owned()).filter(|t| !t.is_empty());
        let which = named(&WHICH, &self.which).unwrap_or(Which::Every);
        let ms = || whole(&self.ms, "The time in ms");
        Ok(match self.kind.as_str() {
            "status" => Check::Status {
                status: u16::try_from(whole(&self.number, "The status")?)
                    .map_err(|_| "The status: at most 999.".to_owned())?,
            },
            "event-stream" => Check::EventStream,
            "clean-end" => Check::CleanEnd,
            "event-count" => Check::EventCount {
                event_type,
                min: optional_whole(&self.number, "The least")?,
                max: optional_whole(&self.most, "The most")?,
            },
            "types-in-order" => Check::TypesInOrder {
                types: list(&self.types)?,
            },
            "types-only" => Check::TypesOnly {
                types: list(&self.types)?,
            },
            "unique-ids" => Check::UniqueIds,
            "data-is-json" => Check::DataIsJson { event_type },
            "data-schema" => Check::DataSchema {
                event_type,
                schema: schema(&self.schema)?,
                json_only: self.json_only,
            },
            "data-path" => Check::DataPath {
                event_type,
                path: required(&self.path, "The JSON path")?,
                test: match self.op.as_str() {
                    "contains" => ValueTest::Contains {
                        text: self.text.clone(),
                    },
                    "matches" => ValueTest::Matches {
                        regex: self.text.clone(),
                    },
                    // A value as JSON (`42`, `true`, `"stop"`), or else as a string.
                    _ => ValueTest::Equals {
                        value: serde_json::from_str(&self.text)
                            .unwrap_or_else(|_| Value::String(self.text.clone())),
                    },
                },
                which,
            },
            "data-contains" => Check::DataContains {
                event_type,
                text: required(&self.text, "The text")?,
                which,
            },
            "timing" => Check::Timing {
                measure: named(&MEASURES, &self.measure).unwrap_or(Measure::FirstEvent),
                max_ms: ms()?,
            },
            "answer-complete" => Check::AnswerComplete,
            "answer-in-order" => Check::AnswerInOrder,
            "answer-text" => Check::AnswerText {
                test: if self.op == "matches" {
                    TextTest::Matches {
                        regex: required(&self.text, "The regular expression")?,
                    }
                } else {
                    TextTest::Contains {
                        text: required(&self.text, "The text")?,
                    }
                },
            },
            "tool-call" => Check::ToolCall {
                name: required(&self.name, "The tool's name")?,
                schema: if self.schema.trim().is_empty() {
                    None
                } else {
                    Some(schema(&self.schema)?)
                },
            },
            "finish-reason" => Check::FinishReason {
                reason: required(&self.name, "The finish reason")?,
            },
            "first-token" => Check::FirstToken { max_ms: ms()? },
            "usage-present" => Check::UsagePresent,
            other => return Err(format!("There is no check \u{201c}{other}\u{201d}.")),
        })
    }
}

/// The stop rules "Add stop rule" offers, in menu order: (kind as saved, menu label, what its
/// value is).
pub const STOP_RULE_KINDS: [(&str, &str, &str); 5] = [
    ("after-events", "After N events", "events"),
    ("on-type", "On an event of type", "event type"),
    ("on-data", "On data containing", "text"),
    ("after-ms", "After T seconds", "seconds"),
    ("idle-ms", "After S seconds without an event", "seconds"),
];

/// The stop rule of `kind` with `value` as typed.
///
/// # Errors
/// A sentence when the value is missing or not a number where one is needed.
pub fn stop_rule(kind: &str, value: &str) -> Result<StopRule, String> {
    let seconds = || -> Result<u64, String> {
        let seconds: f64 = value
            .trim()
            .parse()
            .map_err(|_| "Write a number of seconds, e.g. 2.5.".to_owned())?;
        if seconds.is_finite() && seconds > 0.0 {
            Ok((seconds * 1000.0).round() as u64)
        } else {
            Err("Write a number of seconds above 0.".into())
        }
    };
    Ok(match kind {
        "after-events" => StopRule::AfterEvents {
            count: whole(value, "The number of events")?.max(1),
        },
        "on-type" => StopRule::OnType {
            event_type: required(value, "The event type")?,
        },
        "on-data" => StopRule::OnData {
            text: required(value, "The text")?,
        },
        "after-ms" => StopRule::AfterMs { ms: seconds()? },
        "idle-ms" => StopRule::IdleMs { ms: seconds()? },
        other => return Err(format!("There is no stop rule \u{201c}{other}\u{201d}.")),
    })
}
