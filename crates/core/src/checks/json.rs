//! How checks and stop rules are written in collections files (format 2) and storage: JSON
//! objects tagged by `kind` (kebab-case), e.g. `{"kind":"status","status":200}`; a value test or
//! text test is an object tagged by `op`; a verdict in a report is tagged by `kind` too. Written by hand through `serde_json::Value` rather than
//! derived: serde's derive for internally tagged enums cost the app's size-budgeted wasm ~75 KB
//! gzip, this about a tenth of it.

use serde_json::{Map, Value};

use super::check::{Check, Measure, TextTest, ValueTest, Which};
use super::check_run::Verdict;
use super::stop_rule::StopRule;

/// An object's fields, read with errors that name the field.
pub(crate) struct Fields<'a> {
    what: &'a str,
    object: &'a Map<String, Value>,
}

impl<'a> Fields<'a> {
    pub(crate) fn of(value: &'a Value, what: &'a str) -> Result<Self, String> {
        value
            .as_object()
            .map(|object| Self { what, object })
            .ok_or_else(|| format!("{what} must be an object"))
    }

    fn missing(&self, field: &str) -> String {
        format!("{} needs the field `{field}`", self.what)
    }

    pub(crate) fn text(&self, field: &str) -> Result<String, String> {
        self.optional_text(field)?
            .ok_or_else(|| self.missing(field))
    }

    pub(crate) fn optional_text(&self, field: &str) -> Result<Option<String>, String> {
        match self.object.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            Some(_) => Err(format!("`{field}` of {} must be a string", self.what)),
        }
    }

    fn number(&self, field: &str) -> Result<u64, String> {
        self.optional_number(field)?
            .ok_or_else(|| self.missing(field))
    }

    pub(crate) fn optional_number(&self, field: &str) -> Result<Option<u64>, String> {
        match self.object.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => value
                .as_u64()
                .map(Some)
                .ok_or_else(|| format!("`{field}` of {} must be a whole number", self.what)),
        }
    }

    pub(crate) fn texts(&self, field: &str) -> Result<Vec<String>, String> {
        let items = self
            .object
            .get(field)
            .and_then(Value::as_array)
            .ok_or_else(|| format!("{} needs `{field}`, a list of strings", self.what))?;
        items
            .iter()
            .map(|item| {
                item.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| format!("`{field}` of {} must hold strings", self.what))
            })
            .collect()
    }

    /// `field`, unless it is absent or null.
    pub(crate) fn get(&self, field: &str) -> Option<&'a Value> {
        self.object.get(field).filter(|value| !value.is_null())
    }

    /// `field`, a list read item by item with `read` (absent or null: empty, or an error when
    /// `is_required`).
    pub(crate) fn list<T>(
        &self,
        field: &str,
        is_required: bool,
        read: impl Fn(&Value) -> Result<T, String>,
    ) -> Result<Vec<T>, String> {
        match self.get(field) {
            None if is_required => Err(self.missing(field)),
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => items.iter().map(read).collect(),
            Some(_) => Err(format!("`{field}` of {} must be a list", self.what)),
        }
    }

    fn value(&self, field: &str) -> Result<Value, String> {
        self.object
            .get(field)
            .cloned()
            .ok_or_else(|| self.missing(field))
    }

    pub(crate) fn flag(&self, field: &str) -> Result<bool, String> {
        match self.object.get(field) {
            None | Some(Value::Null) => Ok(false),
            Some(Value::Bool(flag)) => Ok(*flag),
            Some(_) => Err(format!("`{field}` of {} must be true or false", self.what)),
        }
    }

    /// `field` as one of `names` (kebab-case), or `default` when absent.
    fn choice<T: Copy>(
        &self,
        field: &str,
        names: &[(&str, T)],
        default: Option<T>,
    ) -> Result<T, String> {
        match self.optional_text(field)? {
            None => default.ok_or_else(|| self.missing(field)),
            Some(name) => named(names, &name).ok_or_else(|| {
                let known: Vec<_> = names.iter().map(|(known, _)| *known).collect();
                format!(
                    "`{field}` of {} must be one of {}, not \u{201c}{name}\u{201d}",
                    self.what,
                    known.join(", ")
                )
            }),
        }
    }
}

/// [`Which`] as written (in files and in the add form).
pub const WHICH: [(&str, Which); 2] = [("every", Which::Every), ("some", Which::Some)];
/// [`Measure`] as written (in files and in the add form).
pub const MEASURES: [(&str, Measure); 4] = [
    ("headers", Measure::Headers),
    ("first-event", Measure::FirstEvent),
    ("largest-gap", Measure::LargestGap),
    ("duration", Measure::Duration),
];

/// The value written `name` in `names` (one of [`WHICH`], [`MEASURES`]).
pub fn named<T: Copy>(names: &[(&str, T)], name: &str) -> Option<T> {
    names
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, value)| *value)
}

/// How `value` is written, from `names` (one of [`WHICH`], [`MEASURES`]).
pub fn name_of<T: PartialEq>(names: &[(&'static str, T)], value: &T) -> &'static str {
    names
        .iter()
        .find(|(_, known)| known == value)
        .map_or("", |(name, _)| name)
}

/// An object of `entries`, leaving out nulls.
pub(crate) fn object(entries: impl IntoIterator<Item = (&'static str, Value)>) -> Value {
    Value::Object(
        entries
            .into_iter()
            .filter(|(_, value)| !value.is_null())
            .map(|(name, value)| (name.to_owned(), value))
            .collect(),
    )
}

fn optional(text: &Option<String>) -> Value {
    text.clone().map_or(Value::Null, Value::String)
}

impl ValueTest {
    fn to_json(&self) -> Value {
        match self {
            Self::Equals { value } => object([("op", "equals".into()), ("value", value.clone())]),
            Self::Contains { text } => {
                object([("op", "contains".into()), ("text", text.as_str().into())])
            }
            Self::Matches { regex } => {
                object([("op", "matches".into()), ("regex", regex.as_str().into())])
            }
        }
    }

    fn from_json(value: &Value) -> Result<Self, String> {
        let fields = Fields::of(value, "a value test")?;
        Ok(match fields.text("op")?.as_str() {
            "equals" => Self::Equals {
                value: fields.value("value")?,
            },
            "contains" => Self::Contains {
                text: fields.text("text")?,
            },
            "matches" => Self::Matches {
                regex: fields.text("regex")?,
            },
            other => {
                return Err(format!(
                    "no value test \u{201c}{other}\u{201d}: equals, contains or matches"
                ));
            }
        })
    }
}

impl TextTest {
    /// Written as the value test of the same `op`.
    fn to_json(&self) -> Value {
        match self {
            Self::Contains { text } => ValueTest::Contains { text: text.clone() },
            Self::Matches { regex } => ValueTest::Matches {
                regex: regex.clone(),
            },
        }
        .to_json()
    }

    fn from_json(value: &Value) -> Result<Self, String> {
        match ValueTest::from_json(value)? {
            ValueTest::Contains { text } => Ok(Self::Contains { text }),
            ValueTest::Matches { regex } => Ok(Self::Matches { regex }),
            ValueTest::Equals { .. } => Err("a text test is contains or matches".into()),
        }
    }
}

impl Check {
    /// Its `kind` as written: `status`, `event-count`, `data-path`…
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Status { .. } => "status",
            Self::EventStream => "event-stream",
            Self::CleanEnd => "clean-end",
            Self::EventCount { .. } => "event-count",
            Self::TypesInOrder { .. } => "types-in-order",
            Self::TypesOnly { .. } => "types-only",
            Self::UniqueIds => "unique-ids",
            Self::DataIsJson { .. } => "data-is-json",
            Self::DataSchema { .. } => "data-schema",
            Self::DataPath { .. } => "data-path",
            Self::DataContains { .. } => "data-contains",
            Self::Timing { .. } => "timing",
            Self::AnswerComplete => "answer-complete",
            Self::AnswerInOrder => "answer-in-order",
            Self::AnswerText { .. } => "answer-text",
            Self::ToolCall { .. } => "tool-call",
            Self::FinishReason { .. } => "finish-reason",
            Self::FirstToken { .. } => "first-token",
            Self::UsagePresent => "usage-present",
        }
    }

    /// As written in files: `kind`, then the fields in the order declared; absent options left out.
    pub fn to_json(&self) -> Value {
        let kind = ("kind", Value::from(self.kind()));
        match self {
            Self::Status { status } => object([kind, ("status", (*status).into())]),
            Self::EventStream
            | Self::CleanEnd
            | Self::UniqueIds
            | Self::AnswerComplete
            | Self::AnswerInOrder
            | Self::UsagePresent => object([kind]),
            Self::EventCount {
                event_type,
                min,
                max,
            } => object([
                kind,
                ("event_type", optional(event_type)),
                ("min", min.map_or(Value::Null, Value::from)),
                ("max", max.map_or(Value::Null, Value::from)),
            ]),
            Self::TypesInOrder { types } | Self::TypesOnly { types } => {
                object([kind, ("types", types.clone().into())])
            }
            Self::DataIsJson { event_type } => object([kind, ("event_type", optional(event_type))]),
            Self::DataSchema {
                event_type,
                schema,
                json_only,
            } => object([
                kind,
                ("event_type", optional(event_type)),
                ("schema", schema.clone()),
                (
                    "json_only",
                    if *json_only {
                        Value::Bool(true)
                    } else {
                        Value::Null
                    },
                ),
            ]),
            Self::DataPath {
                event_type,
                path,
                test,
                which,
            } => object([
                kind,
                ("event_type", optional(event_type)),
                ("path", path.as_str().into()),
                ("test", test.to_json()),
                ("which", name_of(&WHICH, which).into()),
            ]),
            Self::DataContains {
                event_type,
                text,
                which,
            } => object([
                kind,
                ("event_type", optional(event_type)),
                ("text", text.as_str().into()),
                ("which", name_of(&WHICH, which).into()),
            ]),
            Self::Timing { measure, max_ms } => object([
                kind,
                ("measure", name_of(&MEASURES, measure).into()),
                ("max_ms", (*max_ms).into()),
            ]),
            Self::AnswerText { test } => object([kind, ("test", test.to_json())]),
            Self::ToolCall { name, schema } => object([
                kind,
                ("name", name.as_str().into()),
                ("schema", schema.clone().unwrap_or(Value::Null)),
            ]),
            Self::FinishReason { reason } => object([kind, ("reason", reason.as_str().into())]),
            Self::FirstToken { max_ms } => object([kind, ("max_ms", (*max_ms).into())]),
        }
    }

    /// The check `value` writes (see [`Check::to_json`]).
    ///
    /// # Errors
    /// A sentence naming the field that is missing or of the wrong type, or the unknown kind.
    pub fn from_json(value: &Value) -> Result<Self, String> {
        let fields = Fields::of(value, "a check")?;
        let kind = fields.text("kind")?;
        let fields = Fields {
            what: &format!("a check of kind \u{201c}{kind}\u{201d}"),
            object: fields.object,
        };
        let event_type = || fields.optional_text("event_type");
        let which = || fields.choice("which", &WHICH, Some(Which::Every));
        Ok(match kind.as_str() {
            "status" => Self::Status {
                status: u16::try_from(fields.number("status")?)
                    .map_err(|_| "`status` of a check must be at most 65535".to_owned())?,
            },
            "event-stream" => Self::EventStream,
            "clean-end" => Self::CleanEnd,
            "event-count" => Self::EventCount {
                event_type: event_type()?,
                min: fields.optional_number("min")?,
                max: fields.optional_number("max")?,
            },
            "types-in-order" => Self::TypesInOrder {
                types: fields.texts("types")?,
            },
            "types-only" => Self::TypesOnly {
                types: fields.texts("types")?,
            },
            "unique-ids" => Self::UniqueIds,
            "data-is-json" => Self::DataIsJson {
                event_type: event_type()?,
            },
            "data-schema" => Self::DataSchema {
                event_type: event_type()?,
                schema: fields.value("schema")?,
                json_only: fields.flag("json_only")?,
            },
            "data-path" => Self::DataPath {
                event_type: event_type()?,
                path: fields.text("path")?,
                test: ValueTest::from_json(&fields.value("test")?)?,
                which: which()?,
            },
            "data-contains" => Self::DataContains {
                event_type: event_type()?,
                text: fields.text("text")?,
                which: which()?,
            },
            "timing" => Self::Timing {
                measure: fields.choice("measure", &MEASURES, None)?,
                max_ms: fields.number("max_ms")?,
            },
            "answer-complete" => Self::AnswerComplete,
            "answer-in-order" => Self::AnswerInOrder,
            "answer-text" => Self::AnswerText {
                test: TextTest::from_json(&fields.value("test")?)?,
            },
            "tool-call" => Self::ToolCall {
                name: fields.text("name")?,
                schema: fields
                    .object
                    .get("schema")
                    .filter(|schema| !schema.is_null())
                    .cloned(),
            },
            "finish-reason" => Self::FinishReason {
                reason: fields.text("reason")?,
            },
            "first-token" => Self::FirstToken {
                max_ms: fields.number("max_ms")?,
            },
            "usage-present" => Self::UsagePresent,
            other => return Err(format!("there is no check \u{201c}{other}\u{201d}")),
        })
    }
}

impl StopRule {
    /// Its `kind` as written: `after-events`, `on-type`, `on-data`, `after-ms`, `idle-ms`.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::AfterEvents { .. } => "after-events",
            Self::OnType { .. } => "on-type",
            Self::OnData { .. } => "on-data",
            Self::AfterMs { .. } => "after-ms",
            Self::IdleMs { .. } => "idle-ms",
        }
    }

    /// As written in files.
    pub fn to_json(&self) -> Value {
        let kind = ("kind", Value::from(self.kind()));
        match self {
            Self::AfterEvents { count } => object([kind, ("count", (*count).into())]),
            Self::OnType { event_type } => {
                object([kind, ("event_type", event_type.as_str().into())])
            }
            Self::OnData { text } => object([kind, ("text", text.as_str().into())]),
            Self::AfterMs { ms } | Self::IdleMs { ms } => object([kind, ("ms", (*ms).into())]),
        }
    }

    /// The stop rule `value` writes.
    ///
    /// # Errors
    /// A sentence naming the field that is missing or wrong, or the unknown kind.
    pub fn from_json(value: &Value) -> Result<Self, String> {
        let fields = Fields::of(value, "a stop rule")?;
        Ok(match fields.text("kind")?.as_str() {
            "after-events" => Self::AfterEvents {
                count: fields.number("count")?,
            },
            "on-type" => Self::OnType {
                event_type: fields.text("event_type")?,
            },
            "on-data" => Self::OnData {
                text: fields.text("text")?,
            },
            "after-ms" => Self::AfterMs {
                ms: fields.number("ms")?,
            },
            "idle-ms" => Self::IdleMs {
                ms: fields.number("ms")?,
            },
            other => return Err(format!("there is no stop rule \u{201c}{other}\u{201d}")),
        })
    }
}

impl Verdict {
    /// As written in a stored report: `{"kind": "failed", "reason": "…", "event": 2}` (the
    /// event's log index), `{"kind": "passed"}`…
    fn to_json(&self) -> Value {
        let kind = ("kind", Value::from(self.kind()));
        match self {
            Self::Pending | Self::Passed => object([kind]),
            Self::Failed { reason, event } => object([
                kind,
                ("reason", reason.as_str().into()),
                ("event", event.map_or(Value::Null, Value::from)),
            ]),
            Self::NotReached { reason } => object([kind, ("reason", reason.as_str().into())]),
        }
    }

    fn from_json(value: &Value) -> Result<Self, String> {
        let fields = Fields::of(value, "a verdict")?;
        Ok(match fields.text("kind")?.as_str() {
            "pending" => Self::Pending,
            "passed" => Self::Passed,
            "failed" => Self::Failed {
                reason: fields.text("reason")?,
                event: fields
                    .optional_number("event")?
                    .and_then(|index| usize::try_from(index).ok()),
            },
            "not-reached" => Self::NotReached {
                reason: fields.text("reason")?,
            },
            other => return Err(format!("no verdict \u{201c}{other}\u{201d}")),
        })
    }
}

serde_through_json!(Verdict);

serde_through_json!(Check);

serde_through_json!(StopRule);
