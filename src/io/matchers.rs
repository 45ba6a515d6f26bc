//! The checks' matchers module (`sse-studio-matchers-wasm`: JSON Schema, JSON paths, regexes),
//! imported on first use from next to the page, and core's `Matchers` over it. Values cross as
//! JSON text; its errors come back as thrown strings.

use js_sys::{Array, Function, Promise, Reflect};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::describe_js_error;
use crate::model::checks::check_run::Matchers;

#[wasm_bindgen(inline_js = "export function import_module(url) { return import(url); }")]
extern "C" {
    /// `import(url)`: a module the CSP's `script-src 'self'` allows.
    #[wasm_bindgen(catch)]
    fn import_module(url: &str) -> Result<Promise, JsValue>;
}

/// The module's file, next to the page's (trunk builds it unhashed: see index.html).
const MODULE: &str = "sse-studio-matchers-wasm.js";

/// The loaded module: makes matchers.
#[derive(Debug, Clone)]
pub struct MatchersModule {
    class: Function,
}

impl MatchersModule {
    /// Imports and starts the module.
    ///
    /// # Errors
    /// Why it could not be loaded (offline before it was ever cached, a server without it).
    pub async fn load() -> Result<Self, String> {
        let base = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.base_uri().ok().flatten())
            .unwrap_or_default();
        let url = web_sys::Url::new_with_base(MODULE, &base)
            .map(|url| url.href())
            .map_err(|error| describe_js_error(&error))?;
        let module = JsFuture::from(import_module(&url).map_err(|e| describe_js_error(&e))?)
            .await
            .map_err(|error| describe_js_error(&error))?;
        let init: Function = Reflect::get(&module, &"default".into())
            .and_then(JsCast::dyn_into)
            .map_err(|error| describe_js_error(&error))?;
        let started: Promise = init
            .call0(&JsValue::UNDEFINED)
            .and_then(JsCast::dyn_into)
            .map_err(|error| describe_js_error(&error))?;
        JsFuture::from(started)
            .await
            .map_err(|error| describe_js_error(&error))?;
        let class = Reflect::get(&module, &"WasmMatchers".into())
            .and_then(JsCast::dyn_into)
            .map_err(|error| describe_js_error(&error))?;
        Ok(Self { class })
    }

    /// A fresh set of matchers.
    pub fn matchers(&self) -> Option<Box<dyn Matchers>> {
        let instance = Reflect::construct(&self.class, &Array::new()).ok()?;
        Some(Box::new(ModuleMatchers { instance }))
    }
}

/// Core's `Matchers`, answered by the module.
struct ModuleMatchers {
    instance: JsValue,
}

impl ModuleMatchers {
    /// Calls `method` with `args`; a thrown error comes back as its message.
    fn call(&self, method: &str, args: &[JsValue]) -> Result<JsValue, String> {
        let function: Function = Reflect::get(&self.instance, &method.into())
            .and_then(JsCast::dyn_into)
            .map_err(|error| describe_js_error(&error))?;
        let args: Array = args.iter().collect();
        function
            .apply(&self.instance, &args)
            .map_err(|error| describe_js_error(&error))
    }

    fn handle(&self, method: &str, text: &str) -> Result<usize, String> {
        let handle = self.call(method, &[text.into()])?;
        handle
            .as_f64()
            .map(|handle| handle as usize)
            .ok_or_else(|| "the matchers module answered no handle".into())
    }
}

impl Matchers for ModuleMatchers {
    fn compile_schema(&mut self, schema: &Value) -> Result<usize, String> {
        self.handle("compileSchema", &schema.to_string())
    }

    fn validate(&self, schema: usize, value: &Value) -> Result<(), String> {
        let found = self.call(
            "validate",
            &[(schema as f64).into(), value.to_string().into()],
        )?;
        match found.as_string() {
            Some(violation) => Err(violation),
            None => Ok(()),
        }
    }

    fn compile_path(&mut self, path: &str) -> Result<usize, String> {
        self.handle("compilePath", path)
    }

    fn query(&self, path: usize, value: &Value) -> Vec<Value> {
        self.call("query", &[(path as f64).into(), value.to_string().into()])
            .ok()
            .and_then(|found| found.as_string())
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    fn compile_regex(&mut self, regex: &str) -> Result<usize, String> {
        self.handle("compileRegex", regex)
    }

    fn is_match(&self, regex: usize, text: &str) -> bool {
        self.call("isMatch", &[(regex as f64).into(), text.into()])
            .is_ok_and(|found| found.is_truthy())
    }
}
