//! `sse-studio-matchers-wasm`: the checks' JSON Schema, JSON path and regex matching
//! (`sse-studio-matchers`) as a second wasm module, which the app loads on first use rather than
//! in its size-budgeted shell. Values cross as JSON text; handles are what core's `Matchers`
//! returns.

use serde_json::Value;
use sse_studio_core::checks::check_run::Matchers as _;
use sse_studio_matchers::Standard;
use wasm_bindgen::prelude::*;

/// One set of compiled schemas, paths and regexes (one per evaluation of a request's checks).
#[wasm_bindgen]
#[derive(Debug, Default)]
pub struct WasmMatchers(Standard);

/// `text` as JSON, or why not.
fn parse(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|error| error.to_string())
}

#[wasm_bindgen]
impl WasmMatchers {
    /// Nothing compiled yet.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Self {
        Self::default()
    }

    /// Compiles the JSON Schema in `schema` (JSON text); throws why it is not one.
    #[wasm_bindgen(js_name = compileSchema)]
    pub fn compile_schema(&mut self, schema: &str) -> Result<u32, String> {
        let handle = self.0.compile_schema(&parse(schema)?)?;
        u32::try_from(handle).map_err(|error| error.to_string())
    }

    /// The first violation of schema `handle` by `value` (JSON text), or `undefined`.
    pub fn validate(&self, handle: u32, value: &str) -> Option<String> {
        let value = match parse(value) {
            Ok(value) => value,
            Err(error) => return Some(error),
        };
        self.0.validate(handle as usize, &value).err()
    }

    /// Compiles a JSON path; throws why it is not one.
    #[wasm_bindgen(js_name = compilePath)]
    pub fn compile_path(&mut self, path: &str) -> Result<u32, String> {
        let handle = self.0.compile_path(path)?;
        u32::try_from(handle).map_err(|error| error.to_string())
    }

    /// The values path `handle` selects in `value` (JSON text), as a JSON array's text.
    pub fn query(&self, handle: u32, value: &str) -> String {
        let found = parse(value).map_or_else(
            |_| Vec::new(),
            |value| self.0.query(handle as usize, &value),
        );
        Value::Array(found).to_string()
    }

    /// Compiles a regular expression; throws why it is not one.
    #[wasm_bindgen(js_name = compileRegex)]
    pub fn compile_regex(&mut self, regex: &str) -> Result<u32, String> {
        let handle = self.0.compile_regex(regex)?;
        u32::try_from(handle).map_err(|error| error.to_string())
    }

    /// Whether regex `handle` matches somewhere in `text`.
    #[wasm_bindgen(js_name = isMatch)]
    pub fn is_match(&self, handle: u32, text: &str) -> bool {
        self.0.is_match(handle as usize, text)
    }
}
