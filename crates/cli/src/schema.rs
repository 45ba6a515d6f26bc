//! JSON Schema (draft 2020-12 unless the schema's `$schema` says otherwise) for the checks, with
//! boon. A schema comes from a collections file, which may be someone else's: it may not load
//! anything — no file, no URL — so a `$ref` outside the schema itself is an error, never a read.

use boon::{Compiler, Draft, SchemaIndex, Schemas, SchemeUrlLoader};
use serde_json::Value;
use sse_studio_core::checks::check_run::SchemaValidator;

/// The validator the CLI gives its check runs.
#[derive(Default)]
pub struct Boon {
    schemas: Schemas,
    compiled: Vec<SchemaIndex>,
}

impl SchemaValidator for Boon {
    fn compile(&mut self, schema: &Value) -> Result<usize, String> {
        let mut compiler = Compiler::new();
        compiler.set_default_draft(Draft::V2020_12);
        // No scheme registered: `file:` and every other remote reference is refused.
        compiler.use_loader(Box::new(SchemeUrlLoader::new()));
        let location = format!("urn:sse-studio:schema:{}", self.compiled.len());
        compiler
            .add_resource(&location, schema.clone())
            .map_err(|error| error.to_string())?;
        let index = compiler
            .compile(&location, &mut self.schemas)
            .map_err(|error| error.to_string())?;
        self.compiled.push(index);
        Ok(self.compiled.len() - 1)
    }

    fn validate(&self, schema: usize, value: &Value) -> Result<(), String> {
        let Some(index) = self.compiled.get(schema) else {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_value_is_checked_against_a_2020_12_schema_with_where_it_fails() {
        let mut boon = Boon::default();
        let schema = boon
            .compile(&json!({
                "type": "object",
                "required": ["choices"],
                "properties": {"choices": {"type": "array", "prefixItems": [{"type": "object"}]}}
            }))
            .expect("a valid schema");
        assert_eq!(boon.validate(schema, &json!({"choices": [{}]})), Ok(()));
        let error = boon
            .validate(schema, &json!({"choices": [1]}))
            .expect_err("not an object");
        assert!(error.contains("/choices/0"), "{error}");
    }

    #[test]
    fn a_schema_cannot_read_a_file_or_a_url() {
        let secret = std::env::temp_dir().join("sse-studio-schema-secret.json");
        std::fs::write(&secret, r#"{"type": "string"}"#).expect("written");
        let mut boon = Boon::default();
        for reference in [
            format!("file://{}", secret.display()),
            "http://127.0.0.1:9/schema.json".to_owned(),
        ] {
            // boon's default loader would read the file, and this schema would compile.
            let error = boon
                .compile(&json!({"$ref": reference}))
                .expect_err("refused");
            assert!(error.contains("error loading"), "{error}");
        }
        assert!(boon.compile(&json!({"type": "array"})).is_ok());
    }
}
