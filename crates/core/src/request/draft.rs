//! The request being edited, its variables, its validation into what is sent, and the built-in
//! examples.

use crate::checks::check::Check;
use crate::checks::stop_rule::StopRule;
use crate::jsonrpc::message::is_json_rpc;
use crate::request::auth::Auth;
use crate::request::capture::Capture;
use crate::request::secrets::{is_secret_name, redact_url};
use crate::request::trust::Trust;
use crate::request::variables::MASK;
use crate::request::variables::{Environment, Secrets, references, substitute};
use crate::session::reading::Reading;
use crate::session::reconnect::ReconnectPolicy;
use crate::session::reconnection::Reconnection;

/// HTTP methods the request bar offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// GET: no body.
    Get,
    /// POST.
    Post,
    /// PUT.
    Put,
    /// PATCH.
    Patch,
    /// DELETE.
    Delete,
}

impl Method {
    /// Every method, in menu order.
    pub const ALL: [Method; 5] = [
        Method::Get,
        Method::Post,
        Method::Put,
        Method::Patch,
        Method::Delete,
    ];

    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
    }

    /// The method named `name` (as written on the wire), if offered.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|method| method.as_str() == name)
    }

    /// Whether requests with this method carry the body editor's text (all but GET).
    pub fn has_body(self) -> bool {
        self != Self::Get
    }
}

/// One row of the headers table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderRow {
    /// Stable identity of the row while it is edited (not sent).
    pub id: u64,
    /// Header name as typed.
    pub name: String,
    /// Header value as typed.
    pub value: String,
    /// Disabled rows stay in the table but are not sent.
    pub enabled: bool,
}

impl HeaderRow {
    /// Rows numbered from 0, from (name, value, enabled) triples.
    pub fn numbered<'a>(rows: impl IntoIterator<Item = (&'a str, &'a str, bool)>) -> Vec<Self> {
        (0..)
            .zip(rows)
            .map(|(id, (name, value, enabled))| Self {
                id,
                name: name.to_owned(),
                value: value.to_owned(),
                enabled,
            })
            .collect()
    }
}

/// The request as the editor holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestDraft {
    /// Method.
    pub method: Method,
    /// URL as typed: absolute, or relative to the page.
    pub url: String,
    /// Headers table rows, in order.
    pub headers: Vec<HeaderRow>,
    /// Raw body, sent for every method but GET.
    pub body: String,
    /// Credentials, added as a header or query parameter when sent.
    pub auth: Auth,
    /// Whether it is sent through the CORS relay (see `crate::request::relay`).
    pub via_relay: bool,
    /// Sent as the `Last-Event-ID` header when not empty, to resume a stream after that event
    /// (WHATWG HTML §9.2.4). Part of the tab's session, not of the saved request.
    pub last_event_id: String,
    /// Whether and how it reconnects when a connection ends.
    pub reconnect: ReconnectPolicy,
    /// Whether it may spend the user's secrets without asking (see `crate::request::trust`).
    pub trust: Trust,
    /// What its run is expected to do (see `crate::checks`).
    pub checks: Vec<Check>,
    /// When its run ends by itself.
    pub stop_rules: Vec<StopRule>,
    /// The variables it sets from its response (see `crate::request::capture`).
    pub captures: Vec<Capture>,
    /// How its stream is read: record types, an answer rule.
    pub reading: Reading,
}

/// What is sent: validated, with disabled and empty header rows left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedRequest {
    /// Method.
    pub method: Method,
    /// URL, trimmed.
    pub url: String,
    /// Enabled headers as (name, value), in table order.
    pub headers: Vec<(String, String)>,
    /// Body, for methods that have one.
    pub body: Option<String>,
}

/// `url` with `http://` in front when it names a host without a scheme (`localhost:8080/x`,
/// `127.0.0.1:18777/ticks`, `api.example.com/v1`), as curl and Postman read it; `None` when it
/// has a scheme, or is a path (`/x`, `./x`, `?q`, `#f`) or empty, which no scheme completes.
/// A typed URL is never fetched relative to the app: `127.0.0.1:18777/ticks` fetched the app's
/// own `index.html` and showed "Connected … 200 OK".
pub fn with_default_scheme(url: &str) -> Option<String> {
    let url = url.trim();
    let is_path = url.is_empty() || url.starts_with(['/', '.', '?', '#', '\\']);
    (!url.contains("://") && !is_path).then(|| format!("http://{url}"))
}

/// A header value as fetch's `Headers` takes it: a ByteString, whose characters are bytes (U+0000
/// to U+00FF), so each UTF-8 byte of `value` becomes the character of that code and the wire
/// carries `value`'s UTF-8 bytes. That is what `EventSource` sends as `Last-Event-ID` (WHATWG
/// HTML §9.2.3: the last event ID string, UTF-8 encoded), and what curl sends for a header typed
/// in a UTF-8 terminal. Without it, `Headers.append` throws on any character past U+00FF
/// (`id: 日本-1` made every reconnection fail).
pub fn as_byte_string(value: &str) -> String {
    value.bytes().map(char::from).collect()
}

impl PreparedRequest {
    /// This request as it may be shown or kept outside the editor — the timeline, history,
    /// exports, a copied curl command: the URL's password and secret-looking query values, and
    /// the values of headers named like credentials (`Authorization`, `X-Api-Key`, `Cookie`…)
    /// masked. The one masking of a request as sent; secret variables are masked before (see
    /// [`RequestDraft::prepare`] with [`Secrets::Mask`]).
    pub fn masked(&self) -> Self {
        Self {
            method: self.method,
            url: redact_url(&self.url),
            headers: self
                .headers
                .iter()
                .map(|(name, value)| {
                    let value = if is_secret_name(name) { MASK } else { value };
                    (name.clone(), value.to_owned())
                })
                .collect(),
            body: self.body.clone(),
        }
    }

    /// The `Last-Event-ID` header's value, or empty when there is none.
    pub fn last_event_id(&self) -> &str {
        self.headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("last-event-id"))
            .map_or("", |(_, value)| value)
    }

    /// This request as a reconnection sends it: with `Last-Event-ID: last_event_id` in place of
    /// any such header, or none when `last_event_id` is empty (as `EventSource` does).
    pub fn resuming(&self, last_event_id: &str) -> Self {
        let mut request = self.clone();
        request
            .headers
            .retain(|(name, _)| !name.eq_ignore_ascii_case("last-event-id"));
        if !last_event_id.is_empty() {
            request
                .headers
                .push(("Last-Event-ID".to_owned(), last_event_id.to_owned()));
        }
        request
    }

    /// The reconnection state of a session of this request under `policy`: whether it
    /// reconnects by default follows the method reconnections use, and an MCP POST (resumed as a
    /// GET) reconnects only while a request of its body is unanswered.
    pub fn reconnection(&self, policy: ReconnectPolicy) -> Reconnection {
        let resumes_as = self.reconnecting("").method;
        Reconnection::new(policy, resumes_as.as_str()).awaiting_answers(resumes_as != self.method)
    }

    /// This request as a reconnection sends it: as [`PreparedRequest::resuming`], except that
    /// an MCP Streamable HTTP POST (a JSON-RPC body and an `Mcp-Session-Id` header) is resumed
    /// as that transport says (MCP 2025-11-25, "Resumability and Redelivery"): a GET to the same
    /// URL, without the body and its `Content-Type` — sending the POST again would call its
    /// method again.
    pub fn reconnecting(&self, last_event_id: &str) -> Self {
        let mut request = self.resuming(last_event_id);
        let is_mcp_post = request.method == Method::Post
            && request
                .headers
                .iter()
                .any(|(name, _)| name.eq_ignore_ascii_case("mcp-session-id"))
            && request.body.as_deref().is_some_and(is_json_rpc);
        if is_mcp_post {
            request.method = Method::Get;
            request.body = None;
            request
                .headers
                .retain(|(name, _)| !name.eq_ignore_ascii_case("content-type"));
            for (name, value) in &mut request.headers {
                if name.eq_ignore_ascii_case("accept") {
                    *value = "text/event-stream".to_owned();
                }
            }
        }
        request
    }
}

impl RequestDraft {
    /// A draft with the given method and URL, `Accept: text/event-stream` (which the user may
    /// remove; an `Accept` among `extra_headers` replaces it) and the extra headers.
    pub fn new(method: Method, url: String, extra_headers: &[(&str, &str)], body: String) -> Self {
        let mut headers = Vec::new();
        if !extra_headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("accept"))
        {
            headers.push(("Accept", "text/event-stream"));
        }
        headers.extend_from_slice(extra_headers);
        let headers = headers.into_iter().map(|(name, value)| (name, value, true));
        Self::with_rows(method, url, HeaderRow::numbered(headers), body)
    }

    /// A draft rebuilt from stored text (a saved request, a history entry), without auth: the
    /// method by name (one the request bar does not offer, only possible in an edited record,
    /// opens as GET), and header rows as (name, value, enabled).
    pub fn restored<'a>(
        method: &str,
        url: String,
        headers: impl IntoIterator<Item = (&'a str, &'a str, bool)>,
        body: String,
    ) -> Self {
        let method = Method::parse(method).unwrap_or(Method::Get);
        Self::with_rows(method, url, HeaderRow::numbered(headers), body)
    }

    /// A draft of these parts, without auth, relay, last event ID, checks, stop rules or
    /// captures.
    fn with_rows(method: Method, url: String, headers: Vec<HeaderRow>, body: String) -> Self {
        Self {
            method,
            url,
            headers,
            body,
            auth: Auth::None,
            via_relay: false,
            last_event_id: String::new(),
            reconnect: ReconnectPolicy::default(),
            trust: Trust::Trusted,
            checks: Vec::new(),
            stop_rules: Vec::new(),
            captures: Vec::new(),
            reading: Reading::default(),
        }
    }

    /// A name for the request when it is first saved: method and URL path, e.g.
    /// `POST /v1/chat/completions` (the host and query are left out).
    pub fn default_name(&self) -> String {
        let url = self.url.trim();
        let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
        let path = if url.contains("://") {
            after_scheme
                .find('/')
                .and_then(|at| after_scheme.get(at..))
                .unwrap_or("/")
        } else {
            after_scheme
        };
        let path = path.split(['?', '#']).next().unwrap_or(path);
        format!("{} {path}", self.method.as_str())
    }

    /// The names of the `{{variables}}` it uses, each once, in order of first use: in the URL,
    /// the enabled header rows, the body (for methods that send one) and the auth fields.
    pub fn variable_names(&self) -> Vec<String> {
        let mut texts = vec![self.url.as_str()];
        for row in self.headers.iter().filter(|row| row.enabled) {
            texts.push(&row.name);
            texts.push(&row.value);
        }
        if self.method.has_body() {
            texts.push(&self.body);
        }
        texts.extend(self.auth.fields().iter().map(|&field| self.auth.get(field)));
        let mut names: Vec<String> = Vec::new();
        for reference in texts.into_iter().flat_map(references) {
            if !names.contains(&reference.name) {
                names.push(reference.name);
            }
        }
        names
    }

    /// The variables it uses whose value in `environment` is empty, in order of first use: each
    /// is worth a warning at Send (`http://{{host}}/ticks` went out as `http:///ticks`).
    pub fn empty_variables(&self, environment: Option<&Environment>) -> Vec<String> {
        let mut names = self.variable_names();
        names.retain(|name| {
            environment
                .and_then(|environment| environment.get(name))
                .is_some_and(|variable| variable.value.is_empty())
        });
        names
    }

    /// Appends an empty, enabled header row with a fresh id.
    pub fn add_header(&mut self) {
        let id = self.headers.iter().map(|row| row.id + 1).max().unwrap_or(0);
        self.headers.push(HeaderRow {
            id,
            name: String::new(),
            value: String::new(),
            enabled: true,
        });
    }

    /// Substitutes `{{variables}}` from `environment` (secret values revealed or masked) in the
    /// URL, the enabled headers, the body and the auth fields, checks the result and builds what
    /// is sent: the auth's header and `Last-Event-ID` (when set) replace table headers of the
    /// same name (any case), the auth's query parameter is appended to the URL; with
    /// [`Secrets::Mask`] its credential is masked.
    ///
    /// Errors, each a sentence for the user: a variable the environment does not define (naming
    /// it and where it is used); an empty URL; a URL whose scheme is not http or https; a header
    /// value without a name; a header name that is not an RFC 9110 token; a header value with CR,
    /// LF or NUL (which `fetch` would reject with a less helpful message); an auth mistake (see
    /// [`Auth::apply`]).
    pub fn prepare(
        &self,
        environment: Option<&Environment>,
        secrets: Secrets,
    ) -> Result<PreparedRequest, String> {
        let mut resolved = self.resolve(environment, secrets)?;
        let auth_header =
            self.auth
                .apply(&mut resolved.url, environment, secrets, |field, name| {
                    unknown_variable(environment, &name, field)
                })?;
        let last_event_id = (!self.last_event_id.is_empty())
            .then(|| ("Last-Event-ID".to_owned(), self.last_event_id.clone()));
        // A JSON body says so unless the user set a Content-Type (as Postman does).
        let content_type = self
            .implicit_content_type()
            .map(|(name, value)| (name.to_owned(), value.to_owned()));
        for (name, value) in auth_header
            .into_iter()
            .chain(last_event_id)
            .chain(content_type)
        {
            resolved
                .headers
                .retain(|row| !row.enabled || !row.name.trim().eq_ignore_ascii_case(name.trim()));
            resolved.add_header();
            if let Some(row) = resolved.headers.last_mut() {
                (row.name, row.value) = (name, value);
            }
        }
        resolved.check()
    }

    /// The header a body written as JSON (an object or an array, `{{variables}}` allowed) implies
    /// when no enabled header row sets `Content-Type`: `("Content-Type", "application/json")`,
    /// added to what is sent and shown in the editor as an implicit row the user can override.
    pub fn implicit_content_type(&self) -> Option<(&'static str, &'static str)> {
        let body = self.body.trim_start();
        let is_json = self.method.has_body() && (body.starts_with('{') || body.starts_with('['));
        let is_set = self
            .headers
            .iter()
            .any(|row| row.enabled && row.name.trim().eq_ignore_ascii_case("content-type"));
        (is_json && !is_set).then_some(("Content-Type", "application/json"))
    }

    /// The draft with its variables substituted (disabled header rows are left as they are).
    fn resolve(&self, environment: Option<&Environment>, secrets: Secrets) -> Result<Self, String> {
        let unknown =
            |place: String| move |name: String| unknown_variable(environment, &name, &place);
        let mut resolved = self.clone();
        resolved.url =
            substitute(&self.url, environment, secrets).map_err(unknown("the URL".into()))?;
        for row in resolved.headers.iter_mut().filter(|row| row.enabled) {
            let place = format!("the header \u{201c}{}\u{201d}", row.name);
            row.name =
                substitute(&row.name, environment, secrets).map_err(unknown(place.clone()))?;
            row.value = substitute(&row.value, environment, secrets).map_err(unknown(place))?;
        }
        if self.method.has_body() {
            resolved.body =
                substitute(&self.body, environment, secrets).map_err(unknown("the body".into()))?;
        }
        Ok(resolved)
    }

    /// Checks a draft whose variables are substituted and builds what is sent.
    fn check(&self) -> Result<PreparedRequest, String> {
        let url = self.url.trim();
        if url.is_empty() {
            return Err("Enter a URL to send the request to.".into());
        }
        let completed = with_default_scheme(url);
        let url = completed.as_deref().unwrap_or(url);
        if !url.contains("://") {
            return Err(format!(
                "\u{201c}{url}\u{201d} has no host: enter a full URL such as \
                 http://localhost:8080/events (a path alone would be fetched from SSE Studio's own \
                 server)."
            ));
        }
        if let Some((scheme, _)) = url.split_once("://") {
            let scheme = scheme.to_ascii_lowercase();
            if scheme != "http" && scheme != "https" {
                return Err(format!(
                    "Only http:// and https:// URLs can be fetched, not {scheme}://."
                ));
            }
        }
        let mut headers = Vec::new();
        for row in self.headers.iter().filter(|row| row.enabled) {
            let name = row.name.trim();
            if name.is_empty() {
                if row.value.trim().is_empty() {
                    continue;
                }
                return Err(format!(
                    "The header with value \u{201c}{}\u{201d} has no name.",
                    row.value
                ));
            }
            if !name.bytes().all(is_token_byte) {
                return Err(format!(
                    "\u{201c}{name}\u{201d} is not a valid header name: use letters, digits and !#$%&'*+-.^_`|~ only."
                ));
            }
            if row.value.contains(['\r', '\n', '\0']) {
                return Err(format!(
                    "The value of header \u{201c}{name}\u{201d} contains a line break or NUL."
                ));
            }
            headers.push((name.to_owned(), row.value.trim().to_owned()));
        }
        let body = self.method.has_body().then(|| self.body.clone());
        Ok(PreparedRequest {
            method: self.method,
            url: url.to_owned(),
            headers,
            body,
        })
    }
}

/// Why `{{name}}` in `place` ("the URL") cannot be sent, as a sentence.
fn unknown_variable(environment: Option<&Environment>, name: &str, place: &str) -> String {
    match environment {
        Some(environment) => format!(
            "{{{{{name}}}}} in {place} is not defined in the environment \u{201c}{}\u{201d}.",
            environment.name
        ),
        None => format!(
            "{{{{{name}}}}} in {place} needs an environment that defines it: choose or create one."
        ),
    }
}

/// RFC 9110 §5.6.2 `tchar`.
fn is_token_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::variables::Variable;

    #[test]
    fn a_saved_request_is_named_by_method_and_path() {
        let named = |method, url: &str| {
            RequestDraft::new(method, url.into(), &[], String::new()).default_name()
        };
        assert_eq!(
            named(
                Method::Post,
                "https://api.openai.com/v1/chat/completions?x=1"
            ),
            "POST /v1/chat/completions"
        );
        assert_eq!(named(Method::Get, "http://h"), "GET /");
        assert_eq!(
            named(Method::Get, "{{host}}/demo/ticks#a"),
            "GET {{host}}/demo/ticks"
        );
    }

    #[test]
    fn variables_are_substituted_in_url_headers_and_body_and_secrets_masked_on_request() {
        let environment = Environment {
            id: "e1".into(),
            name: "Local".into(),
            variables: vec![
                Variable {
                    id: 0,
                    name: "host".into(),
                    value: "http://h".into(),
                    is_secret: false,
                },
                Variable {
                    id: 0,
                    name: "key".into(),
                    value: "sk-1".into(),
                    is_secret: true,
                },
            ],
        };
        let draft = RequestDraft::new(
            Method::Post,
            "{{host}}/v1".into(),
            &[("Authorization", "Bearer {{key}}")],
            "{\"k\":\"{{key}}\"}".into(),
        );
        let sent = draft
            .prepare(Some(&environment), Secrets::Reveal)
            .expect("all defined");
        assert_eq!(sent.url, "http://h/v1");
        assert_eq!(
            sent.headers[1],
            ("Authorization".into(), "Bearer sk-1".into())
        );
        assert_eq!(sent.body.as_deref(), Some("{\"k\":\"sk-1\"}"));
        let masked = draft
            .prepare(Some(&environment), Secrets::Mask)
            .expect("all defined");
        assert_eq!(masked.headers[1].1, "Bearer •••");
    }

    #[test]
    fn an_undefined_variable_refuses_the_request_naming_it_and_where_it_is() {
        let draft = RequestDraft::new(Method::Get, "{{host}}/x".into(), &[], String::new());
        let refused = draft.prepare(
            Some(&Environment {
                id: "e1".into(),
                name: "Prod".into(),
                variables: vec![],
            }),
            Secrets::Reveal,
        );
        assert_eq!(
            refused,
            Err(
                "{{host}} in the URL is not defined in the environment \u{201c}Prod\u{201d}."
                    .into()
            )
        );
        assert!(
            draft
                .prepare(None, Secrets::Reveal)
                .is_err_and(|e| e.contains("choose or create one"))
        );
    }

    #[test]
    fn a_reconnection_replaces_the_last_event_id_header_or_drops_it_when_empty() {
        let mut draft = RequestDraft::new(Method::Get, "http://h/s".into(), &[], String::new());
        draft.last_event_id = "41".into();
        let prepared = draft.prepare(None, Secrets::Reveal).expect("valid");
        assert_eq!(prepared.last_event_id(), "41");
        assert_eq!(prepared.resuming("57").last_event_id(), "57");
        let ids = |request: &PreparedRequest| {
            request
                .headers
                .iter()
                .filter(|(name, _)| name.eq_ignore_ascii_case("last-event-id"))
                .count()
        };
        assert_eq!(ids(&prepared.resuming("57")), 1);
        assert_eq!(ids(&prepared.resuming("")), 0);
    }

    #[test]
    fn a_last_event_id_is_sent_as_its_header_only_when_set() {
        let mut draft = RequestDraft::new(Method::Get, "http://h/".into(), &[], String::new());
        let header = |draft: &RequestDraft| {
            draft
                .prepare(None, Secrets::Reveal)
                .expect("valid")
                .headers
                .into_iter()
                .find(|(name, _)| name == "Last-Event-ID")
        };
        assert_eq!(header(&draft), None);
        draft.last_event_id = "41".into();
        assert_eq!(header(&draft), Some(("Last-Event-ID".into(), "41".into())));
        draft.last_event_id = "4\n1".into();
        assert!(
            draft.prepare(None, Secrets::Reveal).is_err(),
            "a line break cannot be sent"
        );
    }

    #[test]
    fn auth_replaces_a_table_header_of_the_same_name_and_names_its_undefined_variables() {
        let mut draft = RequestDraft::new(
            Method::Get,
            "http://h/".into(),
            &[("authorization", "Bearer old")],
            String::new(),
        );
        draft.auth = Auth::Bearer {
            token: "new".into(),
        };
        let sent = draft.prepare(None, Secrets::Reveal).expect("valid");
        assert_eq!(
            sent.headers,
            vec![
                ("Accept".into(), "text/event-stream".into()),
                ("Authorization".into(), "Bearer new".into())
            ]
        );
        draft.auth = Auth::Bearer {
            token: "{{token}}".into(),
        };
        assert_eq!(
            draft.prepare(None, Secrets::Reveal),
            Err("{{token}} in the bearer token needs an environment that defines it: choose or create one.".into())
        );
    }

    /// A GET of the ticks demo asking for an event stream.
    fn draft() -> RequestDraft {
        RequestDraft::new(
            Method::Get,
            "http://127.0.0.1:8080/demo/ticks?count=20&interval_ms=500".into(),
            &[],
            String::new(),
        )
    }

    #[test]
    fn disabled_and_blank_header_rows_are_not_sent() {
        let mut draft = draft();
        draft.headers[0].enabled = false;
        draft.add_header();
        assert_eq!(
            draft.prepare(None, Secrets::Reveal).map(|p| p.headers),
            Ok(vec![])
        );
    }

    #[test]
    fn added_header_rows_get_fresh_ids() {
        let mut draft = draft();
        draft.add_header();
        draft.add_header();
        let ids: Vec<u64> = draft.headers.iter().map(|row| row.id).collect();
        assert_eq!(ids, [0, 1, 2]);
    }

    #[test]
    fn a_json_body_sends_its_content_type_unless_one_is_set() {
        let content_type = |draft: &RequestDraft| {
            draft.prepare(None, Secrets::Reveal).map(|prepared| {
                prepared
                    .headers
                    .iter()
                    .filter(|(name, _)| name.eq_ignore_ascii_case("content-type"))
                    .map(|(_, value)| value.clone())
                    .collect::<Vec<_>>()
            })
        };
        let mut draft = RequestDraft::new(
            Method::Post,
            "http://127.0.0.1:8080/v1/chat".into(),
            &[],
            "  {\"model\": \"{{model}}\"}".into(),
        );
        draft.body = draft.body.replace("{{model}}", "gpt");
        assert_eq!(
            content_type(&draft),
            Ok(vec!["application/json".to_owned()])
        );
        // The user's own wins, whatever its case; a disabled one does not count.
        draft.headers.push(HeaderRow {
            id: 9,
            name: "content-type".into(),
            value: "application/vnd.api+json".into(),
            enabled: true,
        });
        assert_eq!(
            content_type(&draft),
            Ok(vec!["application/vnd.api+json".to_owned()])
        );
        if let Some(row) = draft.headers.last_mut() {
            row.enabled = false;
        }
        assert_eq!(
            content_type(&draft),
            Ok(vec!["application/json".to_owned()])
        );
        // Not JSON, or not sent: nothing implied.
        draft.body = "a=1&b=2".into();
        assert_eq!(content_type(&draft), Ok(vec![]));
        draft.body = "[1]".into();
        draft.method = Method::Get;
        assert_eq!(draft.implicit_content_type(), None);
    }

    #[test]
    fn body_is_sent_for_every_method_but_get() {
        let mut draft = RequestDraft::new(
            Method::Post,
            "http://127.0.0.1:8080/demo/openai".into(),
            &[("Content-Type", "application/json")],
            "{\"stream\": true}".into(),
        );
        assert!(
            draft
                .prepare(None, Secrets::Reveal)
                .is_ok_and(|p| p.body.is_some_and(|body| body.contains("\"stream\": true")))
        );
        draft.method = Method::Get;
        assert_eq!(
            draft.prepare(None, Secrets::Reveal).map(|p| p.body),
            Ok(None)
        );
    }

    #[test]
    fn invalid_requests_are_refused_with_a_reason() {
        let mut empty_url = draft();
        empty_url.url = "  ".into();
        assert!(
            empty_url
                .prepare(None, Secrets::Reveal)
                .is_err_and(|e| e.contains("Enter a URL"))
        );

        let mut ftp = draft();
        ftp.url = "ftp://example.com".into();
        assert!(
            ftp.prepare(None, Secrets::Reveal)
                .is_err_and(|e| e.contains("ftp://"))
        );

        let mut bad_name = draft();
        bad_name.headers[0].name = "X Bad".into();
        assert!(
            bad_name
                .prepare(None, Secrets::Reveal)
                .is_err_and(|e| e.contains("X Bad"))
        );

        let mut nameless = draft();
        nameless.headers[0].name = String::new();
        assert!(
            nameless
                .prepare(None, Secrets::Reveal)
                .is_err_and(|e| e.contains("has no name"))
        );

        let mut injected = draft();
        injected.headers[0].value = "a\r\nX-Evil: 1".into();
        assert!(
            injected
                .prepare(None, Secrets::Reveal)
                .is_err_and(|e| e.contains("line break"))
        );
    }

    #[test]
    fn methods_round_trip_through_their_names() {
        for method in Method::ALL {
            assert_eq!(Method::parse(method.as_str()), Some(method));
        }
        assert_eq!(Method::parse("get"), None);
    }

    #[test]
    fn header_values_go_to_fetch_as_their_utf8_bytes() {
        assert_eq!(as_byte_string("plain-1"), "plain-1");
        let sent = as_byte_string("日本-1");
        assert!(sent.chars().all(|c| u32::from(c) <= 0xff));
        let bytes: Vec<u8> = sent.chars().map(|c| u32::from(c) as u8).collect();
        assert_eq!(bytes, "日本-1".as_bytes());
    }

    #[test]
    fn a_request_as_shown_outside_the_editor_has_every_literal_credential_masked() {
        let request = PreparedRequest {
            method: Method::Get,
            url: "https://ann:pw-1@h.example/s?model=m&api_key=sk-q".into(),
            headers: vec![
                ("X-Api-Key".into(), "sk-h".into()),
                ("Authorization".into(), "Bearer sk-b".into()),
                ("Accept".into(), "text/event-stream".into()),
            ],
            body: None,
        };
        let masked = request.masked();
        assert_eq!(
            masked.url,
            "https://ann:•••@h.example/s?model=m&api_key=•••"
        );
        assert_eq!(
            masked.headers,
            [
                ("X-Api-Key".to_owned(), "•••".to_owned()),
                ("Authorization".to_owned(), "•••".to_owned()),
                ("Accept".to_owned(), "text/event-stream".to_owned()),
            ]
        );
    }

    #[test]
    fn a_url_without_a_scheme_gets_http_and_a_path_alone_is_refused() {
        // Regression (issue 15, item 5): `127.0.0.1:18777/ticks` was fetched relative to the app.
        assert_eq!(
            with_default_scheme("127.0.0.1:18777/ticks").as_deref(),
            Some("http://127.0.0.1:18777/ticks")
        );
        assert_eq!(
            with_default_scheme(" localhost:8080 ").as_deref(),
            Some("http://localhost:8080")
        );
        assert_eq!(with_default_scheme("https://h/x"), None);
        assert_eq!(with_default_scheme("/demo/ticks"), None);
        let draft = |url: &str| RequestDraft::new(Method::Get, url.into(), &[], String::new());
        let sent = draft("localhost:1/events")
            .prepare(None, Secrets::Reveal)
            .expect("prepares");
        assert_eq!(sent.url, "http://localhost:1/events");
        let refused = draft("/demo/ticks").prepare(None, Secrets::Reveal);
        assert!(matches!(refused, Err(message) if message.contains("has no host")));
    }

    #[test]
    fn a_used_variable_left_empty_is_named_for_a_warning() {
        // Regression (issue 15, item 1): an empty {{host}} was sent without a word.
        let environment = Environment {
            variables: vec![
                crate::request::variables::Variable {
                    id: 0,
                    name: "host".into(),
                    ..Default::default()
                },
                crate::request::variables::Variable {
                    id: 0,
                    name: "unused".into(),
                    ..Default::default()
                },
            ],
            ..Environment::default()
        };
        let draft = RequestDraft::new(
            Method::Get,
            "http://{{host}}/ticks".into(),
            &[],
            String::new(),
        );
        assert_eq!(draft.empty_variables(Some(&environment)), ["host"]);
        assert!(draft.empty_variables(None).is_empty());
    }

    #[test]
    fn an_mcp_post_resumes_as_a_get_and_any_other_request_as_it_was_sent() {
        let post = |headers: &[(&str, &str)], body: &str| PreparedRequest {
            method: Method::Post,
            url: "http://h/mcp".into(),
            headers: headers
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
            body: Some(body.into()),
        };
        let call = r#"{"jsonrpc":"2.0","id":3,"method":"tools/call"}"#;
        let mcp = post(
            &[
                ("Accept", "application/json, text/event-stream"),
                ("Content-Type", "application/json"),
                ("Mcp-Session-Id", "s-1"),
            ],
            call,
        );
        let resumed = mcp.reconnecting("1/0");
        assert_eq!(resumed.method, Method::Get);
        assert_eq!(resumed.body, None);
        assert_eq!(
            resumed.headers,
            [
                ("Accept".to_owned(), "text/event-stream".to_owned()),
                ("Mcp-Session-Id".to_owned(), "s-1".to_owned()),
                ("Last-Event-ID".to_owned(), "1/0".to_owned()),
            ]
        );
        assert_eq!(
            mcp.resuming("1/0").method,
            Method::Post,
            "a first connection"
        );
        // Without a session, or with a body that is not JSON-RPC: sent again as it was.
        let no_session = post(&[("Content-Type", "application/json")], call);
        assert_eq!(no_session.reconnecting("1").method, Method::Post);
        let ai = post(&[("Mcp-Session-Id", "s-1")], r#"{"stream":true}"#);
        assert_eq!(ai.reconnecting("1").method, Method::Post);
    }
}
