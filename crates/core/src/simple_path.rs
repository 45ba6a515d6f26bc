//! `SimplePath`: a JSON path of member names and array indices only — `$.choices[0].delta`,
//! `$['a b'][2]`, what most checks use — followed through an event's JSON text without building
//! its document. Members and elements off the path are skipped (still checked to be JSON, by the
//! same parser), and only the value at the path is built. Building each event's whole document
//! as a `serde_json::Value` cost a check run more than decoding the stream (`cargo xtask bench
//! cli`); any other path (wildcards, slices, filters, descendants, negative indices) is not
//! simple and goes to the `Matchers`' RFC 9535 query of the whole document.
//!
//! What it finds is what RFC 9535 selects (and `serde_json::Value` keeps: of members with the
//! same name, the last): a name selects an object's member, an index an array's element, and
//! nothing is selected from a value of another kind.
//!
//! It imports nothing else in the crate: checks, captures, record types and answer rules use it.

use std::fmt;

use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// A path of names and indices (RFC 9535 `name-selector`s written `.name` or `['name']`, and
/// non-negative `index-selector`s).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimplePath(Vec<Step>);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Name(String),
    Index(usize),
}

impl SimplePath {
    /// `path` as a simple path, or `None` when it is not one (or not a path at all: the
    /// `Matchers` say why). Bracketed names with escapes are not simple.
    pub fn parse(path: &str) -> Option<Self> {
        let mut rest = path.strip_prefix('$')?;
        let mut steps = Vec::new();
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('.') {
                // RFC 9535 member-name-shorthand: ALPHA / "_" / non-ASCII, then digits too.
                let end = after
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || !c.is_ascii()))
                    .unwrap_or(after.len());
                let (name, next) = after.split_at(end);
                if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
                    return None;
                }
                steps.push(Step::Name(name.to_owned()));
                rest = next;
            } else if let Some(after) = rest.strip_prefix('[') {
                let (inside, next) = after.split_once(']')?;
                steps.push(bracketed(inside)?);
                rest = next;
            } else {
                return None;
            }
        }
        Some(Self(steps))
    }

    /// The value at this path in the JSON text `json`, `None` when there is none.
    ///
    /// # Errors
    /// serde_json's sentence when `json` is not JSON (as `serde_json::from_str` words it).
    pub fn find(&self, json: &str) -> Result<Option<Value>, String> {
        let mut parser = serde_json::Deserializer::from_str(json);
        let found = Seek(&self.0)
            .deserialize(&mut parser)
            .and_then(|found| parser.end().map(|()| found));
        found.map_err(|error| error.to_string())
    }

    /// The value at this path in the parsed document `json`, `None` when there is none.
    pub fn get<'v>(&self, json: &'v Value) -> Option<&'v Value> {
        self.0.iter().try_fold(json, |value, step| match step {
            Step::Name(name) => value.as_object()?.get(name),
            Step::Index(index) => value.as_array()?.get(*index),
        })
    }
}

/// `'name'`, `"name"` (without escapes) or a non-negative integer without leading zeros.
fn bracketed(inside: &str) -> Option<Step> {
    let quoted = |quote: char| {
        inside
            .strip_prefix(quote)?
            .strip_suffix(quote)
            .filter(|name| !name.contains(['\\', '\'', '"']))
    };
    if let Some(name) = quoted('\'').or_else(|| quoted('"')) {
        return Some(Step::Name(name.to_owned()));
    }
    let is_canonical = inside == "0" || !inside.starts_with('0');
    let digits = !inside.is_empty() && inside.bytes().all(|b| b.is_ascii_digit());
    // Larger than any array can be (RFC 9535 caps indices at 2^53 − 1): not simple.
    (is_canonical && digits && inside.len() <= 15)
        .then(|| inside.parse().ok().map(Step::Index))
        .flatten()
}

/// Follows `steps` through the value being parsed.
struct Seek<'p>(&'p [Step]);

impl<'de> DeserializeSeed<'de> for Seek<'_> {
    type Value = Option<Value>;

    fn deserialize<D: Deserializer<'de>>(self, parser: D) -> Result<Self::Value, D::Error> {
        match self.0.split_first() {
            None => Value::deserialize(parser).map(Some),
            Some((step, rest)) => parser.deserialize_any(SeekIn { step, rest }),
        }
    }
}

/// One step into the value being parsed: its member or element, when it has it.
struct SeekIn<'p> {
    step: &'p Step,
    rest: &'p [Step],
}

impl<'de> Visitor<'de> for SeekIn<'_> {
    type Value = Option<Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        let name = match self.step {
            Step::Name(name) => Some(name.as_str()),
            Step::Index(_) => None,
        };
        while let Some(is_on_path) = map.next_key_seed(KeyIs(name))? {
            if is_on_path {
                // Of members with the same name, the last counts (as in a `Value`).
                found = map.next_value_seed(Seek(self.rest))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        let wanted = match self.step {
            Step::Index(index) => Some(*index),
            Step::Name(_) => None,
        };
        let mut index = 0;
        loop {
            if wanted == Some(index) {
                match seq.next_element_seed(Seek(self.rest))? {
                    Some(at) => found = at,
                    None => break,
                }
            } else if seq.next_element::<IgnoredAny>()?.is_none() {
                break;
            }
            index += 1;
        }
        Ok(found)
    }
}

/// Whether a member's name is the one on the path (read without copying it).
struct KeyIs<'p>(Option<&'p str>);

impl<'de> DeserializeSeed<'de> for KeyIs<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, parser: D) -> Result<bool, D::Error> {
        parser.deserialize_str(self)
    }
}

impl Visitor<'_> for KeyIs<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E>(self, key: &str) -> Result<bool, E> {
        Ok(self.0 == Some(key))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn find(path: &str, json: &str) -> Result<Option<Value>, String> {
        SimplePath::parse(path).expect("a simple path").find(json)
    }

    #[test]
    fn names_and_indices_are_simple_and_the_rest_is_not() {
        for simple in [
            "$",
            "$.a",
            "$.choices[0].delta.content",
            "$['a b'][12]",
            "$[\"x\"]",
            "$.über_2",
        ] {
            assert!(SimplePath::parse(simple).is_some(), "{simple}");
        }
        for other in [
            "",
            "a",
            "$..a",
            "$.*",
            "$[*]",
            "$[-1]",
            "$[0:2]",
            "$[?@.a]",
            "$['a','b']",
            "$.1a",
            "$[01]",
            "$['a\\'b']",
            "$.a[",
            "$ .a",
            "$[9999999999999999]",
        ] {
            assert!(SimplePath::parse(other).is_none(), "{other}");
        }
    }

    #[test]
    fn finds_the_value_at_the_path_and_nothing_off_it() {
        let chunk =
            r#"{"id":"c1","choices":[{"index":0,"delta":{"content":"Hi","n":[1,2.5,null]}}]}"#;
        assert_eq!(
            find("$.choices[0].delta.content", chunk),
            Ok(Some(json!("Hi")))
        );
        assert_eq!(
            find("$.choices[0].delta.n", chunk),
            Ok(Some(json!([1, 2.5, null])))
        );
        assert_eq!(find("$", "[1]"), Ok(Some(json!([1]))));
        assert_eq!(find("$.choices[1]", chunk), Ok(None));
        assert_eq!(find("$.id.length", chunk), Ok(None));
        assert_eq!(find("$.choices.index", chunk), Ok(None));
        assert_eq!(find("$[0]", chunk), Ok(None));
        assert_eq!(find("$['a\u{e9}']", r#"{"a\u00e9":1}"#), Ok(Some(json!(1))));
    }

    #[test]
    fn of_members_with_the_same_name_the_last_counts() {
        assert_eq!(find("$.a", r#"{"a":1,"a":2}"#), Ok(Some(json!(2))));
        assert_eq!(find("$.a.b", r#"{"a":{"b":1},"a":3}"#), Ok(None));
    }

    #[test]
    fn text_that_is_not_json_is_said_as_serde_json_says_it() {
        for bad in ["[DONE]", r#"{"a":1,}"#, r#"{"a":1} x"#, "", r#"{"b":[1,}"#] {
            let expected = serde_json::from_str::<Value>(bad).expect_err("not JSON");
            assert_eq!(find("$.a", bad), Err(expected.to_string()), "{bad}");
        }
    }
}
