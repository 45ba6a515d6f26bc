//! `Reading`: what a request says about reading its stream beyond the format's own rules — the
//! field that types each record of a line-delimited JSON stream in the timeline, and a rule for
//! assembling the answer of an AI stream in no known dialect (JSON paths into each event's data,
//! as Apidog's merge rules). Saved with the request; a run keeps it in its log.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::simple_path::SimplePath;

/// The field that types records when none is chosen: AG-UI events and the AI SDK's parts name
/// themselves there.
pub const DEFAULT_RECORD_TYPE: &str = "$.type";

/// How a request's stream is read. Each path is a JSON path of names and indices (`$.a.b[0]`);
/// an empty one is not read. Collection files hold it as an object and are read field by field
/// with errors that name the field (`library::collection`); history holds it as [`as_pairs`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Reading {
    /// The path whose string value types each record in the timeline (empty:
    /// [`DEFAULT_RECORD_TYPE`]); a record without one is a `record`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub record_type: String,
    /// The answer rule's path to each event's text delta: the rule is on when it is set.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// The path to a reasoning delta.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reasoning: String,
    /// The path to a tool call's name: each event with one starts a call.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub tool_name: String,
    /// The path to the arguments of the latest call (text is appended; another value is its
    /// JSON text).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub tool_arguments: String,
    /// The path to the finish reason: its first value other than `null` ends the answer.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub finish: String,
}

/// The fields of a [`Reading`] as people name them: (field name in files, label, placeholder).
pub const READING_FIELDS: [(&str, &str, &str); 6] = [
    ("record_type", "Record type", DEFAULT_RECORD_TYPE),
    ("text", "Answer text", "$.choices[0].delta.content"),
    ("reasoning", "Reasoning", "$.reasoning"),
    ("tool_name", "Tool name", "$.tool.name"),
    ("tool_arguments", "Tool arguments", "$.tool.arguments"),
    ("finish", "Finish reason", "$.finish_reason"),
];

impl Reading {
    /// Whether nothing is set (so it is left out of what is saved).
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    /// The field named `name` in [`READING_FIELDS`], for reading and editing them in turn.
    pub fn field_mut(&mut self, name: &str) -> Option<&mut String> {
        Some(match name {
            "record_type" => &mut self.record_type,
            "text" => &mut self.text,
            "reasoning" => &mut self.reasoning,
            "tool_name" => &mut self.tool_name,
            "tool_arguments" => &mut self.tool_arguments,
            "finish" => &mut self.finish,
            _ => return None,
        })
    }

    /// The field named `name` (see [`Reading::field_mut`]); empty for an unknown name.
    pub fn field(&self, name: &str) -> &str {
        match name {
            "record_type" => &self.record_type,
            "text" => &self.text,
            "reasoning" => &self.reasoning,
            "tool_name" => &self.tool_name,
            "tool_arguments" => &self.tool_arguments,
            "finish" => &self.finish,
            _ => "",
        }
    }

    /// The path that types records: the chosen one, else [`DEFAULT_RECORD_TYPE`]; `None` when
    /// the chosen one is not a path of names and indices.
    pub fn record_type_path(&self) -> Option<SimplePath> {
        SimplePath::parse(match self.record_type.trim() {
            "" => DEFAULT_RECORD_TYPE,
            chosen => chosen,
        })
    }

    /// Whether an answer rule is set (its text path is).
    pub fn has_rule(&self) -> bool {
        !self.text.trim().is_empty()
    }

    /// Each set field that is not a path of names and indices: (label, what was written).
    pub fn invalid_paths(&self) -> Vec<(&'static str, &str)> {
        READING_FIELDS
            .iter()
            .map(|(name, label, _)| (*label, self.field(name).trim()))
            .filter(|(_, path)| !path.is_empty() && SimplePath::parse(path).is_none())
            .collect()
    }
}

/// A [`Reading`] stored as `[[field name, path], …]` of its set fields: the shape of headers, so
/// keeping it in history adds no deserialiser of its own to the app (about 2 KB of wasm). For
/// `#[serde(with = "…")]`; an unknown field name is skipped.
pub mod as_pairs {
    use super::*;

    /// Writes the set fields as pairs.
    ///
    /// # Errors
    /// The serialiser's.
    pub fn serialize<S: Serializer>(reading: &Reading, serializer: S) -> Result<S::Ok, S::Error> {
        READING_FIELDS
            .iter()
            .map(|(name, _, _)| ((*name).to_owned(), reading.field(name).to_owned()))
            .filter(|(_, path)| !path.is_empty())
            .collect::<Vec<(String, String)>>()
            .serialize(serializer)
    }

    /// Reads pairs back.
    ///
    /// # Errors
    /// The deserialiser's, for what is not a list of pairs of strings.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Reading, D::Error> {
        let mut reading = Reading::default();
        for (name, path) in Vec::<(String, String)>::deserialize(deserializer)? {
            if let Some(field) = reading.field_mut(&name) {
                *field = path;
            }
        }
        Ok(reading)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_typed_by_type_unless_another_path_is_chosen() {
        let mut reading = Reading::default();
        let typed = |reading: &Reading, json: &str| {
            let value: serde_json::Value = serde_json::from_str(json).expect("JSON");
            reading
                .record_type_path()
                .and_then(|path| path.get(&value).cloned())
        };
        assert_eq!(typed(&reading, r#"{"type":"a"}"#), Some("a".into()));
        reading.record_type = "$.event.kind".into();
        assert_eq!(
            typed(&reading, r#"{"event":{"kind":"b"}}"#),
            Some("b".into())
        );
        reading.record_type = "event.kind".into();
        assert_eq!(reading.record_type_path(), None);
        assert_eq!(reading.invalid_paths(), [("Record type", "event.kind")]);
    }

    #[test]
    fn each_field_is_reached_by_its_name() {
        let mut reading = Reading::default();
        for (n, (name, _, _)) in READING_FIELDS.iter().enumerate() {
            *reading.field_mut(name).expect("a field") = format!("$.f{n}");
        }
        for (n, (name, _, _)) in READING_FIELDS.iter().enumerate() {
            assert_eq!(reading.field(name), format!("$.f{n}"));
        }
        assert!(reading.has_rule());
        assert!(reading.invalid_paths().is_empty());
        assert_eq!(reading.field_mut("nope"), None);
    }
}
