//! Auth helpers: credentials kept apart from the headers table and turned into what is sent —
//! a bearer token (RFC 6750 §2.1), Basic credentials (RFC 7617, UTF-8 `user:password` in
//! base64), or an API key in a header or a query parameter. Every field may hold `{{variables}}`;
//! when the request is prepared for display or keeping ([`Secrets::Mask`]) the credential is
//! masked whatever it holds.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::Value;

use crate::checks::json::{Fields, object};

use crate::request::variables::MASK;
use crate::request::variables::{Environment, Secrets, substitute};

/// How the request authenticates; written `{"type": "api_key", "name", "value", "place"}`…
/// (by hand through `serde_json::Value`: serde's derive for an internally tagged enum costs the
/// app's size-budgeted wasm several KB).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum Auth {
    /// Nothing added.
    #[default]
    None,
    /// `Authorization: Bearer <token>`.
    Bearer {
        /// The token.
        token: String,
    },
    /// `Authorization: Basic <base64(username:password)>`.
    Basic {
        /// User name (may not contain `:`, RFC 7617 §2).
        username: String,
        /// Password.
        password: String,
    },
    /// A key sent as header or query parameter `name`.
    ApiKey {
        /// Header or parameter name.
        name: String,
        /// The key.
        value: String,
        /// Where it goes.
        place: KeyPlace,
    },
}

/// Where an API key is sent (written `header` or `query`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum KeyPlace {
    /// As a request header.
    #[default]
    Header,
    /// As a query parameter of the URL.
    Query,
}

impl Auth {
    fn to_json(&self) -> Value {
        let kind = |name: &str| ("type", Value::from(name));
        match self {
            Self::None => object([kind("none")]),
            Self::Bearer { token } => object([kind("bearer"), ("token", token.as_str().into())]),
            Self::Basic { username, password } => object([
                kind("basic"),
                ("username", username.as_str().into()),
                ("password", password.as_str().into()),
            ]),
            Self::ApiKey { name, value, place } => object([
                kind("api_key"),
                ("name", name.as_str().into()),
                ("value", value.as_str().into()),
                (
                    "place",
                    match place {
                        KeyPlace::Header => "header",
                        KeyPlace::Query => "query",
                    }
                    .into(),
                ),
            ]),
        }
    }

    /// Reads it as [`Self::to_json`] writes it; the error names what is wrong.
    pub(crate) fn from_json(value: &Value) -> Result<Self, String> {
        let fields = Fields::of(value, "the auth")?;
        Ok(match fields.text("type")?.as_str() {
            "none" => Self::None,
            "bearer" => Self::Bearer {
                token: fields.text("token")?,
            },
            "basic" => Self::Basic {
                username: fields.text("username")?,
                password: fields.text("password")?,
            },
            "api_key" => Self::ApiKey {
                name: fields.text("name")?,
                value: fields.text("value")?,
                place: match fields.text("place")?.as_str() {
                    "header" => KeyPlace::Header,
                    "query" => KeyPlace::Query,
                    other => {
                        return Err(format!(
                            "an API key goes in the header or the query, not \u{201c}{other}\u{201d}"
                        ));
                    }
                },
            },
            other => {
                return Err(format!(
                    "no auth type \u{201c}{other}\u{201d}: none, bearer, basic or api_key"
                ));
            }
        })
    }
}

serde_through_json!(Auth);

/// A field of an [`Auth`] that the editor shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthField {
    /// [`Auth::Bearer`]'s token.
    Token,
    /// [`Auth::Basic`]'s user name.
    Username,
    /// [`Auth::Basic`]'s password.
    Password,
    /// [`Auth::ApiKey`]'s header or parameter name.
    KeyName,
    /// [`Auth::ApiKey`]'s key.
    KeyValue,
}

impl AuthField {
    /// Its label in the editor.
    pub fn label(self) -> &'static str {
        match self {
            Self::Token => "Token",
            Self::Username => "User name",
            Self::Password => "Password",
            Self::KeyName => "Key name",
            Self::KeyValue => "Key",
        }
    }

    /// Whether it holds a credential (shown masked until revealed).
    pub fn is_secret(self) -> bool {
        matches!(self, Self::Token | Self::Password | Self::KeyValue)
    }
}

/// Characters escaped in a query parameter: all but RFC 3986 unreserved ones.
const QUERY_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// What a substitution that fails reports: the name of the undefined variable.
type Unknown = String;

impl Auth {
    /// The kinds, as (menu label, an empty `Auth` of that kind), in menu order.
    pub fn kinds() -> [(&'static str, Auth); 4] {
        [
            ("No auth", Auth::None),
            (
                "Bearer token",
                Auth::Bearer {
                    token: String::new(),
                },
            ),
            (
                "Basic",
                Auth::Basic {
                    username: String::new(),
                    password: String::new(),
                },
            ),
            (
                "API key",
                Auth::ApiKey {
                    name: String::new(),
                    value: String::new(),
                    place: KeyPlace::Header,
                },
            ),
        ]
    }

    /// Its menu label (see [`Auth::kinds`]).
    pub fn label(&self) -> &'static str {
        match self {
            Self::None => "No auth",
            Self::Bearer { .. } => "Bearer token",
            Self::Basic { .. } => "Basic",
            Self::ApiKey { .. } => "API key",
        }
    }

    /// Its fields, in the editor's order (each may hold `{{variables}}`).
    pub fn fields(&self) -> &'static [AuthField] {
        match self {
            Self::None => &[],
            Self::Bearer { .. } => &[AuthField::Token],
            Self::Basic { .. } => &[AuthField::Username, AuthField::Password],
            Self::ApiKey { .. } => &[AuthField::KeyName, AuthField::KeyValue],
        }
    }

    /// The text of `field` ("" if this kind has no such field).
    pub fn get(&self, field: AuthField) -> &str {
        match (self, field) {
            (Self::Bearer { token }, AuthField::Token)
            | (
                Self::Basic {
                    username: token, ..
                },
                AuthField::Username,
            )
            | (
                Self::Basic {
                    password: token, ..
                },
                AuthField::Password,
            )
            | (Self::ApiKey { name: token, .. }, AuthField::KeyName)
            | (Self::ApiKey { value: token, .. }, AuthField::KeyValue) => token,
            _ => "",
        }
    }

    /// Sets `field` to `text` (nothing if this kind has no such field).
    pub fn set(&mut self, field: AuthField, text: String) {
        match (self, field) {
            (Self::Bearer { token }, AuthField::Token)
            | (
                Self::Basic {
                    username: token, ..
                },
                AuthField::Username,
            )
            | (
                Self::Basic {
                    password: token, ..
                },
                AuthField::Password,
            )
            | (Self::ApiKey { name: token, .. }, AuthField::KeyName)
            | (Self::ApiKey { value: token, .. }, AuthField::KeyValue) => *token = text,
            _ => {}
        }
    }

    /// The header it adds to a request, or the query parameter it appends to `url`, with
    /// variables substituted from `environment` and, with [`Secrets::Mask`], the credential
    /// shown as `•••`. Returns the header as (name, value), if it adds one.
    ///
    /// # Errors
    /// A sentence for the user: an undefined variable (`unknown` words it, given the variable's
    /// name and the field), a user name with `:`, an API key without a name.
    pub fn apply(
        &self,
        url: &mut String,
        environment: Option<&Environment>,
        secrets: Secrets,
        unknown: impl Fn(&str, Unknown) -> String,
    ) -> Result<Option<(String, String)>, String> {
        let resolve = |field: &str, text: &str| {
            substitute(text, environment, secrets).map_err(|name| unknown(field, name))
        };
        let is_masked = secrets == Secrets::Mask;
        match self {
            Self::None => Ok(None),
            Self::Bearer { token } => {
                let token = resolve("the bearer token", token)?;
                let shown = if is_masked { MASK } else { token.trim() };
                Ok(Some(("Authorization".into(), format!("Bearer {shown}"))))
            }
            Self::Basic { username, password } => {
                let username = resolve("the Basic user name", username)?;
                let password = resolve("the Basic password", password)?;
                if username.contains(':') {
                    return Err("A Basic auth user name cannot contain \u{201c}:\u{201d} (RFC 7617): put it in the password, or use a header.".into());
                }
                let credentials = if is_masked {
                    MASK.to_owned()
                } else {
                    STANDARD.encode(format!("{username}:{password}"))
                };
                Ok(Some((
                    "Authorization".into(),
                    format!("Basic {credentials}"),
                )))
            }
            Self::ApiKey { name, value, place } => {
                let name = resolve("the API key name", name)?;
                let name = name.trim();
                if name.is_empty() {
                    return Err("Give the API key a header or parameter name (e.g. x-api-key), or choose No auth.".into());
                }
                let value = resolve("the API key", value)?;
                let value = if is_masked { MASK } else { value.trim() };
                match place {
                    KeyPlace::Header => Ok(Some((name.to_owned(), value.to_owned()))),
                    KeyPlace::Query => {
                        append_query(url, name, value, is_masked);
                        Ok(None)
                    }
                }
            }
        }
    }
}

/// Appends `name=value` (percent-encoded; a masked value stays readable) to `url`'s query,
/// before any `#fragment`.
fn append_query(url: &mut String, name: &str, value: &str, is_masked: bool) {
    let fragment_at = url.find('#').unwrap_or(url.len());
    let fragment = url.split_off(fragment_at);
    let separator = match url.find('?') {
        None => "?",
        Some(at) if at + 1 == url.len() || url.ends_with('&') => "",
        Some(_) => "&",
    };
    let name = utf8_percent_encode(name, QUERY_COMPONENT);
    url.push_str(&format!("{separator}{name}="));
    if is_masked {
        url.push_str(value);
    } else {
        url.extend(utf8_percent_encode(value, QUERY_COMPONENT));
    }
    url.push_str(&fragment);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::variables::Variable;

    fn environment() -> Environment {
        Environment {
            id: "e".into(),
            name: "Dev".into(),
            variables: vec![Variable {
                id: 0,
                name: "token".into(),
                value: "sk-1".into(),
                is_secret: true,
            }],
        }
    }

    fn applied(auth: &Auth, url: &str, secrets: Secrets) -> (String, Option<(String, String)>) {
        let mut url = url.to_owned();
        let header = auth
            .apply(&mut url, Some(&environment()), secrets, |field, name| {
                format!("{name} in {field}")
            })
            .expect("applies");
        (url, header)
    }

    #[test]
    fn a_bearer_token_becomes_the_authorization_header_and_is_masked_for_display() {
        let auth = Auth::Bearer {
            token: "{{token}}".into(),
        };
        let header = |secrets| applied(&auth, "http://h/", secrets).1;
        assert_eq!(
            header(Secrets::Reveal),
            Some(("Authorization".into(), "Bearer sk-1".into()))
        );
        assert_eq!(
            header(Secrets::Mask),
            Some(("Authorization".into(), "Bearer •••".into()))
        );
    }

    #[test]
    fn basic_credentials_are_utf8_then_base64() {
        let auth = Auth::Basic {
            username: "Aladdin".into(),
            password: "open sesame".into(),
        };
        // RFC 7617 §2's example.
        assert_eq!(
            applied(&auth, "http://h/", Secrets::Reveal).1,
            Some((
                "Authorization".into(),
                "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==".into()
            ))
        );
        let auth = Auth::Basic {
            username: "test".into(),
            password: "123\u{a3}".into(),
        };
        // RFC 7617 §2.1's UTF-8 example.
        assert_eq!(
            applied(&auth, "http://h/", Secrets::Reveal).1.map(|h| h.1),
            Some("Basic dGVzdDoxMjPCow==".into())
        );
        assert_eq!(
            applied(&auth, "http://h/", Secrets::Mask).1.map(|h| h.1),
            Some("Basic •••".into())
        );
    }

    #[test]
    fn an_api_key_goes_in_the_query_encoded_before_the_fragment() {
        let auth = Auth::ApiKey {
            name: "api key".into(),
            value: "a&b=c/{{token}}".into(),
            place: KeyPlace::Query,
        };
        let url = |url: &str, secrets| applied(&auth, url, secrets).0;
        assert_eq!(
            url("http://h/s?x=1#top", Secrets::Reveal),
            "http://h/s?x=1&api%20key=a%26b%3Dc%2Fsk-1#top"
        );
        assert_eq!(
            url("http://h/s", Secrets::Reveal),
            "http://h/s?api%20key=a%26b%3Dc%2Fsk-1"
        );
        assert_eq!(
            url("http://h/s?", Secrets::Mask),
            "http://h/s?api%20key=•••"
        );
    }

    #[test]
    fn an_api_key_header_is_added_by_name() {
        let auth = Auth::ApiKey {
            name: "x-api-key".into(),
            value: "{{token}}".into(),
            place: KeyPlace::Header,
        };
        assert_eq!(
            applied(&auth, "http://h/", Secrets::Reveal).1,
            Some(("x-api-key".into(), "sk-1".into()))
        );
    }

    #[test]
    fn mistakes_are_refused_with_what_to_do() {
        let error = |auth: Auth| {
            let mut url = String::from("http://h/");
            auth.apply(
                &mut url,
                Some(&environment()),
                Secrets::Reveal,
                |field, name| format!("{{{{{name}}}}} in {field} is not defined"),
            )
            .expect_err("refused")
        };
        let bearer = Auth::Bearer {
            token: "{{nope}}".into(),
        };
        assert_eq!(error(bearer), "{{nope}} in the bearer token is not defined");
        let basic = Auth::Basic {
            username: "a:b".into(),
            password: String::new(),
        };
        assert!(error(basic).contains("cannot contain"));
        let nameless = Auth::ApiKey {
            name: " ".into(),
            value: "k".into(),
            place: KeyPlace::Header,
        };
        assert!(error(nameless).contains("Give the API key"));
    }

    #[test]
    fn each_kind_edits_its_own_fields() {
        for (_, mut auth) in Auth::kinds() {
            for field in auth.fields() {
                auth.set(*field, format!("{field:?}"));
            }
            let texts: Vec<_> = auth.fields().iter().map(|field| auth.get(*field)).collect();
            let expected: Vec<_> = auth
                .fields()
                .iter()
                .map(|field| format!("{field:?}"))
                .collect();
            assert_eq!(texts, expected, "{}", auth.label());
        }
        let mut bearer = Auth::kinds()[1].1.clone();
        bearer.set(AuthField::Password, "x".into());
        assert_eq!(
            bearer.get(AuthField::Password),
            "",
            "not a field of this kind"
        );
    }

    #[test]
    fn saved_auth_reads_back_as_written() {
        let auth = Auth::ApiKey {
            name: "key".into(),
            value: "{{token}}".into(),
            place: KeyPlace::Query,
        };
        let json = serde_json::to_string(&auth).expect("json");
        assert_eq!(
            json,
            r#"{"type":"api_key","name":"key","value":"{{token}}","place":"query"}"#
        );
        assert_eq!(serde_json::from_str::<Auth>(&json).expect("reads"), auth);
    }
}
