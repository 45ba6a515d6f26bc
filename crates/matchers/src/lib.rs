//! `sse-studio-matchers`: what checks need beyond plain JSON — JSON Schema (draft 2020-12 unless
//! the schema's `$schema` says otherwise, with boon), JSON paths (RFC 9535, serde_json_path) and
//! regular expressions (regex-lite) — as core's `Matchers`. The CLI links it; it is kept out of
//! the browser app's size-budgeted shell.
//!
//! A schema comes from a collections file, which may be someone else's: it may not load anything
//! — no file, no URL — so a `$ref` outside the schema itself is an error, never a read.

use boon::{Compiler, Draft, SchemaIndex, Schemas, SchemeUrlLoader};
use regex_lite::Regex;
use serde_json::Value;
use serde_json_path::JsonPath;
use sse_studio_core::checks::check_run::Matchers;

/// The matchers, holding what was compiled (handles are indices into these lists).
#[derive(Default)]
pub struct Standard {
    schemas: Schemas,
    compiled_schemas: Vec<SchemaIndex>,
    paths: Vec<JsonPath>,
    regexes: Vec<Regex>,
}

impl std::fmt::Debug for Standard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Standard")
            .field("schemas", &self.compiled_schemas.len())
            .field("paths", &self.paths.len())
            .field("regexes", &self.regexes.len())
            .finish()
    }
}

impl Matchers for Standard {
    fn compile_schema(&mut self, schema: &Value) -> Result<usize, String> {
        let mut compiler = Compiler::new();
        compiler.set_default_draft(Draft::V2020_12);
        // No scheme registered: `file:` and every other remote reference is refused.
        compiler.use_loader(Box::new(SchemeUrlLoader::new()));
        let location = format!("urn:sse-studio:schema:{}", self.compiled_schemas.len());
        compiler
            .add_resource(&location, schema.clone())
            .map_err(|error| error.to_string())?;
        let index = compiler
            .compile(&location, &mut self.schemas)
            .map_err(|error| error.to_string())?;
        self.compiled_schemas.push(index);
        Ok(self.compiled_schemas.len() - 1)
    }

    fn validate(&self, schema: usize, value: &Value) -> Result<(), String> {
        let Some(index) = self.compiled_schemas.get(schema) else {
            return Err("no such schema".into());
        };
        self.schemas.validate(value, *index).map_err(|error| {
            // The innermost cause says what is wrong, and where.
            let mut cause = &error;
            while let Some(inner) = cause.causes.first() {
                cause = inner;
            }
            format!(
                "at \u{201c}{}\u{201d}: {}",
                cause.instance_location, cause.kind
            )
        })
    }

    fn compile_path(&mut self, path: &str) -> Result<usize, String> {
        let parsed = JsonPath::parse(path).map_err(|error| error.to_string())?;
        self.paths.push(parsed);
        Ok(self.paths.len() - 1)
    }

    fn query(&self, path: usize, value: &Value) -> Vec<Value> {
        self.paths.get(path).map_or_else(Vec::new, |path| {
            path.query(value).all().into_iter().cloned().collect()
        })
    }

    fn compile_regex(&mut self, regex: &str) -> Result<usize, String> {
        let compiled = Regex::new(regex).map_err(|error| error.to_string())?;
        self.regexes.push(compiled);
        Ok(self.regexes.len() - 1)
    }

    fn is_match(&self, regex: usize, text: &str) -> bool {
        self.regexes
            .get(regex)
            .is_some_and(|regex| regex.is_match(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn a_value_is_checked_against_a_2020_12_schema_with_where_it_fails() {
        let mut matchers = Standard::default();
        let schema = matchers
            .compile_schema(&json!({
                "type": "object",
                "required": ["choices"],
                "properties": {"choices": {"type": "array", "prefixItems": [{"type": "object"}]}}
            }))
            .expect("a valid schema");
        assert_eq!(matchers.validate(schema, &json!({"choices": [{}]})), Ok(()));
        let error = matchers
            .validate(schema, &json!({"choices": [1]}))
            .expect_err("not an object");
        assert!(error.contains("/choices/0"), "{error}");
    }

    #[test]
    fn a_schema_cannot_read_a_file_or_a_url() {
        let secret = std::env::temp_dir().join("sse-studio-schema-secret.json");
        std::fs::write(&secret, r#"{"type": "string"}"#).expect("written");
        let mut matchers = Standard::default();
        for reference in [
            format!("file://{}", secret.display()),
            "http://127.0.0.1:9/schema.json".to_owned(),
        ] {
            // boon's default loader would read the file, and this schema would compile.
            let error = matchers
                .compile_schema(&json!({"$ref": reference}))
                .expect_err("refused");
            assert!(error.contains("error loading"), "{error}");
        }
        assert!(matchers.compile_schema(&json!({"type": "array"})).is_ok());
    }

    #[test]
    fn json_paths_follow_rfc_9535_filters_included() {
        let mut matchers = Standard::default();
        let value = json!({"choices": [{"delta": {"content": "Hi"}}, {"delta": {}}],
                           "tools": [{"name": "a"}, {"name": "b"}]});
        let content = matchers
            .compile_path("$.choices[0].delta.content")
            .expect("valid");
        assert_eq!(matchers.query(content, &value), vec![json!("Hi")]);
        let named = matchers
            .compile_path("$.tools[?@.name == 'b'].name")
            .expect("a filter");
        assert_eq!(matchers.query(named, &value), vec![json!("b")]);
        assert!(matchers.compile_path("$[").is_err());
        assert!(matchers.compile_path("choices").is_err(), "no root");
    }

    /// Random JSON documents: objects and arrays over a few names, nested up to 4 deep.
    fn documents() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i32>().prop_map(serde_json::Value::from),
            "[a-c\u{e9}]{0,3}".prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(4, 32, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
                proptest::collection::vec(("[abc]", inner), 0..4)
                    .prop_map(|members| members.into_iter().collect()),
            ]
        })
    }

    proptest! {
        /// core follows simple paths through the text instead of asking for this query: both
        /// must select the same value from every document.
        #[test]
        fn a_simple_path_finds_what_the_rfc_9535_query_selects(
            document in documents(),
            steps in proptest::collection::vec(
                prop_oneof![
                    "[abc]".prop_map(|name| format!(".{name}")),
                    "[abc]".prop_map(|name| format!("['{name}']")),
                    (0..3usize).prop_map(|index| format!("[{index}]")),
                ],
                0..4,
            ),
        ) {
                use sse_studio_core::simple_path::SimplePath;
            let path = format!("${}", steps.concat());
            let mut matchers = Standard::default();
            let query = matchers.compile_path(&path).expect("a valid path");
            let simple = SimplePath::parse(&path).expect("a simple path");
            let text = document.to_string();
            let found = simple.find(&text).expect("JSON");
            prop_assert_eq!(found.into_iter().collect::<Vec<_>>(), matchers.query(query, &document));
        }
    }

    #[test]
    fn regexes_are_unanchored_unless_asked() {
        let mut matchers = Standard::default();
        let digits = matchers.compile_regex("^[0-9]+$").expect("valid");
        assert!(matchers.is_match(digits, "42"));
        assert!(!matchers.is_match(digits, "4 2"));
        let word = matchers.compile_regex("stop").expect("valid");
        assert!(matchers.is_match(word, "finish: stop."));
        assert!(matchers.compile_regex("(").is_err());
    }
}
