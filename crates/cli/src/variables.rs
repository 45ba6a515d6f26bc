//! The variables a run substitutes, from three places, later ones winning: an environment file
//! (`--env`: the app's environment record `{"name", "variables": [{"name", "value",
//! "is_secret"}]}`, or a plain object of name → value), `SSE_STUDIO_VAR_<name>` in the process
//! environment, and `--var name=value`. A variable is secret when its file says so or its name
//! looks like a credential (`api_key`, `token`…); secret values are masked in all output.

use std::path::Path;

use serde_json::Value;
use sse_studio_core::request::secrets::is_secret_name;
use sse_studio_core::request::variables::{Environment, Variable};

/// The prefix of process environment variables that set run variables.
pub const PREFIX: &str = "SSE_STUDIO_VAR_";

/// The environment of a run.
///
/// # Errors
/// A sentence: the file cannot be read or is not an environment, or a `--var` has no `=`.
pub fn environment(
    file: Option<&Path>,
    vars: &[String],
    process: impl Iterator<Item = (String, String)>,
) -> Result<Environment, String> {
    let mut environment = match file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|error| format!("Cannot read {}: {error}.", path.display()))?;
            from_file(&text).map_err(|why| format!("{} {why}", path.display()))?
        }
        None => Environment {
            name: "command line".into(),
            ..Environment::default()
        },
    };
    for (name, value) in process {
        if let Some(name) = name.strip_prefix(PREFIX) {
            set(&mut environment, name, value, false);
        }
    }
    for var in vars {
        let (name, value) = var
            .split_once('=')
            .ok_or_else(|| format!("--var {var}: write it as name=value."))?;
        set(&mut environment, name.trim(), value.to_owned(), false);
    }
    Ok(environment)
}

/// The environment in an environment file's text.
fn from_file(text: &str) -> Result<Environment, String> {
    let value: Value =
        serde_json::from_str(text).map_err(|error| format!("is not valid JSON: {error}."))?;
    if value.get("variables").is_some_and(Value::is_array) {
        return serde_json::from_value::<Environment>(value)
            .map_err(|error| format!("is not an SSE Studio environment: {error}."));
    }
    let Value::Object(map) = value else {
        return Err("is neither an SSE Studio environment nor an object of name → value.".into());
    };
    let mut environment = Environment {
        name: "file".into(),
        ..Environment::default()
    };
    for (name, value) in map {
        let value = match value {
            Value::String(text) => text,
            other => other.to_string(),
        };
        set(&mut environment, &name, value, false);
    }
    Ok(environment)
}

/// Defines (or redefines) variable `name`.
fn set(environment: &mut Environment, name: &str, value: String, is_secret: bool) {
    let is_secret = is_secret || is_secret_name(name);
    match environment.variables.iter_mut().find(|v| v.name == name) {
        Some(variable) => {
            variable.value = value;
            variable.is_secret |= is_secret;
        }
        None => environment.variables.push(Variable {
            id: 0,
            name: name.to_owned(),
            value,
            is_secret,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_sources_win_and_credential_names_are_secret() {
        let file = std::env::temp_dir().join("sse-studio-cli-env-test.json");
        std::fs::write(&file, r#"{"host": "http://a", "model": "m1"}"#).expect("written");
        let process = [
            ("SSE_STUDIO_VAR_model".to_owned(), "m2".to_owned()),
            ("PATH".to_owned(), "/bin".to_owned()),
        ];
        let environment = environment(
            Some(&file),
            &["api_key=sk-1".into(), "model=m3".into()],
            process.into_iter(),
        )
        .expect("readable");
        let get = |name| {
            environment
                .get(name)
                .map(|v| (v.value.as_str(), v.is_secret))
        };
        assert_eq!(get("host"), Some(("http://a", false)));
        assert_eq!(get("model"), Some(("m3", false)));
        assert_eq!(get("api_key"), Some(("sk-1", true)));
        assert_eq!(get("PATH"), None);
    }

    #[test]
    fn an_apps_environment_record_keeps_its_secret_marks() {
        let environment = from_file(
            r#"{"id":"e","name":"Staging","variables":[{"name":"vault","value":"v","is_secret":true}]}"#,
        )
        .expect("an environment");
        assert_eq!(environment.name, "Staging");
        assert!(environment.get("vault").is_some_and(|v| v.is_secret));
        assert!(from_file("[1]").is_err());
        assert!(super::environment(None, &["novalue".into()], std::iter::empty()).is_err());
    }
}
