//! Environments and `{{variable}}` substitution in requests.
//!
//! A reference is `{{name}}` (spaces inside the braces allowed: `{{ name }}`), where a name is
//! letters, digits, `_`, `-` and `.`. Substitution happens when the request is sent; a reference
//! to a variable the active environment does not define is an error naming it, never sent as is.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// The mask put in place of a secret value in everything kept or shown.
pub const MASK: &str = "•••";

/// One variable of an environment.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Variable {
    /// Stable identity within its environment, so that an edit reaches this variable even after
    /// another tab removed one before it. 0 in records stored before variables had one (see
    /// [`Environment::with_variable_ids`]).
    #[serde(default)]
    pub id: u64,
    /// Its name, as referenced in `{{name}}`.
    pub name: String,
    /// Its value.
    pub value: String,
    /// Whether the value is a secret: shown masked, and masked in history, exports and links.
    pub is_secret: bool,
}

/// A named set of variables ("Local", "Staging"…). Stored as one record.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Environment {
    /// Stable identity (a UUID).
    #[serde(default)]
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its variables; for a name defined twice, the first wins.
    pub variables: Vec<Variable>,
}

impl Environment {
    /// The variable called `name`, if defined.
    pub fn get(&self, name: &str) -> Option<&Variable> {
        self.variables.iter().find(|variable| variable.name == name)
    }

    /// This environment with a distinct, non-zero id on every variable: a variable without one
    /// (0) or repeating an earlier one gets the next free id, in order. The same record always
    /// gets the same ids, so tabs that read it agree before either writes it back.
    #[must_use]
    pub fn with_variable_ids(mut self) -> Self {
        let stored: std::collections::HashSet<u64> = self.variables.iter().map(|v| v.id).collect();
        let mut given = std::collections::HashSet::new();
        let mut next = self.variables.iter().map(|v| v.id).max().unwrap_or(0);
        for variable in &mut self.variables {
            if variable.id == 0 || !given.insert(variable.id) {
                // Wrapping keeps a hostile record (an id of u64::MAX) from overflowing; the
                // loop ends because no environment holds 2^64 variables.
                next = next.wrapping_add(1);
                while next == 0 || stored.contains(&next) || given.contains(&next) {
                    next = next.wrapping_add(1);
                }
                variable.id = next;
                given.insert(next);
            }
        }
        self
    }

    /// This environment as a file (pretty JSON, the record as stored, which `sse-studio run
    /// --env` reads); with [`Secrets::Mask`] the values of secret variables are [`MASK`] — set
    /// them where the file is used (in CI: `SSE_STUDIO_VAR_<name>`).
    pub fn export(&self, secrets: Secrets) -> String {
        let mut exported = self.clone();
        if secrets == Secrets::Mask {
            for variable in exported.variables.iter_mut().filter(|v| v.is_secret) {
                variable.value = MASK.to_owned();
            }
        }
        serde_json::to_string_pretty(&exported).unwrap_or_default()
    }

    /// Appends an empty variable with a fresh id, and returns that id.
    pub fn add_variable(&mut self) -> u64 {
        let mut id = self.variables.iter().map(|v| v.id).max().unwrap_or(0);
        while id == 0 || self.variables.iter().any(|v| v.id == id) {
            id = id.wrapping_add(1);
        }
        self.variables.push(Variable {
            id,
            ..Variable::default()
        });
        id
    }

    /// Sets the variable `name` (the first of that name) to `value`, adding it when it is not
    /// defined — secret when its name looks like a credential (`token`, `api_key`…). Returns
    /// whether anything changed.
    pub fn set(&mut self, name: &str, value: &str) -> bool {
        if let Some(variable) = self.variables.iter_mut().find(|v| v.name == name) {
            if variable.value == value {
                return false;
            }
            variable.value = value.to_owned();
            return true;
        }
        let id = self.add_variable();
        if let Some(variable) = self.variables.iter_mut().find(|v| v.id == id) {
            variable.name = name.to_owned();
            variable.value = value.to_owned();
            variable.is_secret = crate::request::secrets::is_secret_name(name);
        }
        true
    }
}

/// A `{{name}}` reference found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Byte range of the whole reference, braces included.
    pub range: Range<usize>,
    /// The variable's name.
    pub name: String,
}

/// The references in `text`, in order.
pub fn references(text: &str) -> Vec<Reference> {
    let mut found = Vec::new();
    let mut from = 0;
    // Every index comes from `find` of ASCII braces, so every `get` succeeds; `get` only keeps
    // the slicing checked.
    while let Some(open) = text
        .get(from..)
        .and_then(|rest| rest.find("{{"))
        .map(|at| from + at)
    {
        let inner = open + 2;
        let Some(close) = text
            .get(inner..)
            .and_then(|rest| rest.find("}}"))
            .map(|at| inner + at)
        else {
            break;
        };
        let name = text.get(inner..close).unwrap_or_default().trim();
        let is_name = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
        if is_name {
            found.push(Reference {
                range: open..close + 2,
                name: name.to_owned(),
            });
            from = close + 2;
        } else {
            from = open + 1;
        }
    }
    found
}

/// How to write secret values when substituting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Secrets {
    /// Their real values (what is sent).
    Reveal,
    /// [`MASK`] in their place (what is kept in history or shown).
    Mask,
}

/// `text` with every reference replaced by its variable's value from `environment`.
///
/// # Errors
/// The name of the first variable that `environment` does not define (or any, when there is no
/// active environment).
pub fn substitute(
    text: &str,
    environment: Option<&Environment>,
    secrets: Secrets,
) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    for reference in references(text) {
        let variable = environment
            .and_then(|environment| environment.get(&reference.name))
            .ok_or_else(|| reference.name.clone())?;
        out.push_str(text.get(done..reference.range.start).unwrap_or_default());
        out.push_str(if variable.is_secret && secrets == Secrets::Mask {
            MASK
        } else {
            &variable.value
        });
        done = reference.range.end;
    }
    out.push_str(text.get(done..).unwrap_or_default());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn environment() -> Environment {
        Environment {
            id: "e1".into(),
            name: "Local".into(),
            variables: vec![
                Variable {
                    id: 0,
                    name: "host".into(),
                    value: "http://127.0.0.1:8080".into(),
                    is_secret: false,
                },
                Variable {
                    id: 0,
                    name: "api_key".into(),
                    value: "sk-123".into(),
                    is_secret: true,
                },
            ],
        }
    }

    #[test]
    fn references_are_found_with_or_without_inner_spaces() {
        let found = references("{{host}}/x?k={{ api_key }}&{{bad name}}&{{}}");
        let names: Vec<_> = found
            .iter()
            .map(|r| (r.name.as_str(), r.range.clone()))
            .collect();
        assert_eq!(names, vec![("host", 0..8), ("api_key", 13..26)]);
    }

    #[test]
    fn substitution_uses_the_values_and_masks_secrets_when_asked() {
        let environment = environment();
        let text = "{{host}}/demo Bearer {{api_key}}";
        assert_eq!(
            substitute(text, Some(&environment), Secrets::Reveal).as_deref(),
            Ok("http://127.0.0.1:8080/demo Bearer sk-123")
        );
        assert_eq!(
            substitute(text, Some(&environment), Secrets::Mask).as_deref(),
            Ok("http://127.0.0.1:8080/demo Bearer •••")
        );
    }

    #[test]
    fn an_unknown_variable_is_an_error_naming_it() {
        let environment = environment();
        assert_eq!(
            substitute("{{host}}/{{model}}", Some(&environment), Secrets::Reveal),
            Err("model".into())
        );
        assert_eq!(
            substitute("{{host}}", None, Secrets::Reveal),
            Err("host".into())
        );
        assert_eq!(
            substitute("no references", None, Secrets::Reveal).as_deref(),
            Ok("no references")
        );
    }

    #[test]
    fn variables_stored_without_ids_get_distinct_ones_and_the_same_in_every_tab() {
        let stored = Environment {
            variables: vec![
                Variable {
                    id: 0,
                    name: "a".into(),
                    ..Variable::default()
                },
                Variable {
                    id: 2,
                    name: "b".into(),
                    ..Variable::default()
                },
                Variable {
                    id: 2,
                    name: "c".into(),
                    ..Variable::default()
                },
                Variable {
                    id: 0,
                    name: "d".into(),
                    ..Variable::default()
                },
            ],
            ..Environment::default()
        };
        let ids = |environment: Environment| -> Vec<u64> {
            environment.variables.iter().map(|v| v.id).collect()
        };
        assert_eq!(ids(stored.clone().with_variable_ids()), vec![3, 2, 4, 5]);
        assert_eq!(
            ids(stored.clone().with_variable_ids()),
            ids(stored.with_variable_ids())
        );
    }

    #[test]
    fn a_hostile_id_neither_overflows_nor_repeats() {
        let mut environment = Environment {
            variables: vec![
                Variable {
                    id: u64::MAX,
                    ..Variable::default()
                },
                Variable {
                    id: u64::MAX,
                    ..Variable::default()
                },
                Variable {
                    id: 1,
                    ..Variable::default()
                },
            ],
            ..Environment::default()
        }
        .with_variable_ids();
        let added = environment.add_variable();
        let mut ids: Vec<u64> = environment.variables.iter().map(|v| v.id).collect();
        assert_eq!(ids, vec![u64::MAX, 2, 1, added]);
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 4);
        assert!(!ids.contains(&0));
    }

    #[test]
    fn an_added_variable_gets_an_id_no_other_has() {
        let mut environment = environment().with_variable_ids();
        let added = environment.add_variable();
        assert_eq!(environment.variables.last().map(|v| v.id), Some(added));
        assert!(
            environment
                .variables
                .iter()
                .filter(|v| v.id == added)
                .count()
                == 1
        );
    }

    #[test]
    fn an_exported_environment_masks_secret_values_unless_asked() {
        let environment = environment();
        let masked = environment.export(Secrets::Mask);
        assert!(masked.contains("\"value\": \"http://127.0.0.1:8080\""));
        assert!(!masked.contains("sk-123") && masked.contains(MASK));
        assert!(environment.export(Secrets::Reveal).contains("sk-123"));
        let back: Environment = serde_json::from_str(&masked).expect("the record as stored");
        assert_eq!(back.variables.len(), 2);
    }
}
