//! Captures: a request sets a variable from its response — a header (`Mcp-Session-Id` →
//! `{{mcp_session_id}}`) or a JSON path of an event's data (`$.access_token`) — so that the
//! requests after it use the value (login tokens, cursors, MCP sessions). The app and the CLI's
//! `run` apply them alike, as the response arrives.
//!
//! When each is taken: a header from each response head (a reconnection's too); a JSON path from
//! every event whose data has a value there (the latest wins: a cursor moves on), and from the
//! body of a response that is not an event stream (an `application/json` answer). A string is
//! taken as its text, any other JSON value as its JSON text. A response without the header or
//! the path leaves the variable as it was.

use serde_json::{Map, Value};

use crate::checks::json::Fields;
use crate::jsonrpc::message::is_json_rpc;
use crate::request::draft::PreparedRequest;
use crate::request::variables::Environment;
use crate::session::log::{SentRequest, SessionLog};
use crate::simple_path::SimplePath;

/// Where a capture takes its value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CaptureSource {
    /// A response header, by name (any case); its first value.
    Header(String),
    /// A JSON path of names and indices (`$.result.content[0].text`, RFC 9535's name and index
    /// selectors) into each event's data, or into a body that is not an event stream.
    JsonPath(String),
}

/// One capture of a request: `variable` set from `source`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Capture {
    /// The variable set, as referenced in `{{variable}}`.
    pub variable: String,
    /// Where its value comes from.
    pub source: CaptureSource,
}

serde_through_json!(Capture);

impl Capture {
    /// A capture from what a form holds: `variable` and `source` checked, `from` is
    /// `"header"` or `"json"`.
    ///
    /// # Errors
    /// A sentence naming what is wrong: an empty or unusable variable name, an empty header
    /// name, a JSON path that is not `$` followed by names and indices.
    pub fn new(variable: &str, from: &str, source: &str) -> Result<Self, String> {
        let variable = variable.trim();
        let source = source.trim();
        if variable.is_empty()
            || !variable
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        {
            return Err(
                "Name the variable with letters, digits, _, - or . (it is used as {{name}})."
                    .into(),
            );
        }
        let source = match from {
            "header" if !source.is_empty() => CaptureSource::Header(source.to_owned()),
            "header" => return Err("Name the response header to capture.".into()),
            _ if SimplePath::parse(source).is_some() => CaptureSource::JsonPath(source.to_owned()),
            _ => {
                return Err(format!(
                    "\u{201c}{source}\u{201d} is not a JSON path of names and indices, such as \
                     $.result.sessionId or $.items[0].id."
                ));
            }
        };
        Ok(Self {
            variable: variable.to_owned(),
            source,
        })
    }

    /// For people: `mcp_session_id ← header Mcp-Session-Id`.
    pub fn label(&self) -> String {
        match &self.source {
            CaptureSource::Header(name) => format!("{} \u{2190} header {name}", self.variable),
            CaptureSource::JsonPath(path) => format!("{} \u{2190} {path}", self.variable),
        }
    }

    /// Reads one as written by [`Capture::to_json`]: `{"variable": …, "header": …}` or
    /// `{"variable": …, "json_path": …}`.
    ///
    /// # Errors
    /// A sentence naming the field that is missing or wrong.
    pub fn from_json(value: &Value) -> Result<Self, String> {
        let fields = Fields::of(value, "a capture")?;
        let variable = fields.text("variable")?;
        let source = match (
            fields.optional_text("header")?,
            fields.optional_text("json_path")?,
        ) {
            (Some(name), None) => CaptureSource::Header(name),
            (None, Some(path)) => CaptureSource::JsonPath(path),
            _ => return Err("a capture needs one of `header` and `json_path`".into()),
        };
        Ok(Self { variable, source })
    }

    /// Written as a JSON object (see [`Capture::from_json`]).
    pub fn to_json(&self) -> Value {
        let (key, source) = match &self.source {
            CaptureSource::Header(name) => ("header", name),
            CaptureSource::JsonPath(path) => ("json_path", path),
        };
        let mut object = Map::new();
        object.insert("variable".into(), Value::String(self.variable.clone()));
        object.insert(key.into(), Value::String(source.clone()));
        Value::Object(object)
    }
}

/// A value captured: the variable and its new value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Captured {
    /// The variable set.
    pub variable: String,
    /// Its value.
    pub value: String,
}

/// Applies a request's captures to one run as it grows: [`CaptureRun::sync`] says what the log
/// gained since the last call.
#[derive(Debug, Clone, Default)]
pub struct CaptureRun {
    captures: Vec<(Capture, Option<SimplePath>)>,
    run_id: u64,
    next_event: usize,
    heads_seen: usize,
    bodies_seen: usize,
}

impl CaptureRun {
    /// For `captures` (a path that is not simple never matches: [`Capture::new`] refuses it).
    pub fn new(captures: &[Capture]) -> Self {
        let captures = captures
            .iter()
            .map(|capture| {
                let path = match &capture.source {
                    CaptureSource::JsonPath(path) => SimplePath::parse(path),
                    CaptureSource::Header(_) => None,
                };
                (capture.clone(), path)
            })
            .collect();
        Self {
            captures,
            ..Self::default()
        }
    }

    /// Whether there is nothing to capture.
    pub fn is_empty(&self) -> bool {
        self.captures.is_empty()
    }

    /// The values `log` gained since the last call (all of them for a new run), in order: each
    /// new response head's headers, each new event's data, a body kept since.
    pub fn sync(&mut self, log: &SessionLog) -> Vec<Captured> {
        if log.run_id != self.run_id {
            self.run_id = log.run_id;
            (self.next_event, self.heads_seen, self.bodies_seen) = (0, 0, 0);
        }
        let mut captured = Vec::new();
        if self.captures.is_empty() {
            return captured;
        }
        let heads: Vec<_> = log
            .connections()
            .iter()
            .filter_map(|connection| connection.head.as_ref())
            .collect();
        for head in heads.get(self.heads_seen..).unwrap_or_default() {
            for (capture, _) in &self.captures {
                if let CaptureSource::Header(name) = &capture.source
                    && let Some(value) = head.header(name)
                {
                    captured.push(Captured {
                        variable: capture.variable.clone(),
                        value: value.to_owned(),
                    });
                }
            }
        }
        self.heads_seen = heads.len();
        for index in self.next_event..log.event_count() {
            if let Some(event) = log.event(index) {
                self.read_json(event.data, &mut captured);
            }
        }
        self.next_event = log.event_count();
        // A body is kept when a connection that is not an event stream ends.
        let ended = log
            .connections()
            .iter()
            .filter(|c| c.ended.is_some())
            .count();
        if ended > self.bodies_seen && !log.body().is_empty() {
            let body = String::from_utf8_lossy(log.body());
            self.read_json(&body, &mut captured);
        }
        self.bodies_seen = ended;
        captured
    }

    fn read_json(&self, text: &str, captured: &mut Vec<Captured>) {
        for (capture, path) in &self.captures {
            if let Some(path) = path
                && let Ok(Some(value)) = path.find(text)
            {
                captured.push(Captured {
                    variable: capture.variable.clone(),
                    value: match value {
                        Value::String(text) => text,
                        other => other.to_string(),
                    },
                });
            }
        }
    }
}

/// The variable the MCP templates capture the session into (`Mcp-Session-Id`).
pub const MCP_SESSION_VARIABLE: &str = "mcp_session_id";

/// What the log keeps of the request `sent` (secret values masked), sent with `environment`:
/// its headers and body, and — for a JSON-RPC request that carried no `Mcp-Session-Id` and does
/// not capture one itself (an `initialize` does) — the session it should have carried, when
/// the environment has one in [`MCP_SESSION_VARIABLE`].
pub fn sent_request(
    sent: &PreparedRequest,
    captures: &[Capture],
    environment: Option<&Environment>,
) -> SentRequest {
    let has = |name: &str| {
        sent.headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(name))
    };
    let captures_session = captures.iter().any(|capture| {
        matches!(&capture.source, CaptureSource::Header(name) if name.eq_ignore_ascii_case("mcp-session-id"))
    });
    let expected_session_id = (!has("mcp-session-id")
        && !captures_session
        && sent.body.as_deref().is_some_and(is_json_rpc))
    .then(|| environment?.get(MCP_SESSION_VARIABLE))
    .flatten()
    .map(|variable| variable.value.clone())
    .filter(|value| !value.is_empty());
    SentRequest {
        headers: sent.headers.clone(),
        body: sent.body.clone(),
        expected_session_id,
        ..SentRequest::default()
    }
}

/// Sets each of `captured` in `environment`; returns whether any value changed.
pub fn apply(environment: &mut Environment, captured: &[Captured]) -> bool {
    let mut changed = false;
    for captured in captured {
        changed |= environment.set(&captured.variable, &captured.value);
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::connection_run::ConnectionRun;

    fn header(variable: &str, name: &str) -> Capture {
        Capture::new(variable, "header", name).expect("valid")
    }

    fn path(variable: &str, path: &str) -> Capture {
        Capture::new(variable, "json", path).expect("valid")
    }

    fn pairs(captured: &[Captured]) -> Vec<(&str, &str)> {
        captured
            .iter()
            .map(|c| (c.variable.as_str(), c.value.as_str()))
            .collect()
    }

    /// A run whose response has `headers` and then the body `pieces`; ended when `ends`.
    fn response(headers: &[(&str, &str)], pieces: &[&str], ends: bool) -> SessionLog {
        let mut log = SessionLog::new(1, "POST /x".into(), 0.0, 0);
        log.begin_connection(0.0, None, "");
        let mut run = ConnectionRun::new();
        let headers = headers
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect();
        run.opened(&mut log, 200, "OK".into(), headers, 5.0);
        for (n, piece) in pieces.iter().enumerate() {
            run.chunk(&mut log, piece.as_bytes(), 10.0 * (n + 1) as f64);
        }
        if ends {
            run.ended(&mut log, 1000.0);
            log.close_as_last_connection_ended();
        }
        log
    }

    const STREAM: (&str, &str) = ("content-type", "text/event-stream");

    #[test]
    fn a_header_is_captured_from_the_response_head_in_any_case() {
        let log = response(&[STREAM, ("mcp-session-id", "0b3c-41")], &[], false);
        let mut run = CaptureRun::new(&[header("mcp_session_id", "Mcp-Session-Id")]);
        assert_eq!(pairs(&run.sync(&log)), [("mcp_session_id", "0b3c-41")]);
        assert!(run.sync(&log).is_empty(), "a head is read once");
        let without = response(&[STREAM], &[], true);
        let mut run = CaptureRun::new(&[header("mcp_session_id", "Mcp-Session-Id")]);
        assert!(run.sync(&without).is_empty());
    }

    #[test]
    fn a_json_path_takes_each_event_that_has_it_strings_as_text_the_rest_as_json() {
        let pieces = [
            "data: {\"cursor\":\"a\"}\n\n",
            "data: {\"other\":1}\n\ndata: {\"cur",
            "sor\":{\"n\":2}}\n\ndata: not json\n\n",
        ];
        let log = response(&[STREAM], &pieces, true);
        let mut run = CaptureRun::new(&[path("cursor", "$.cursor")]);
        let captured = run.sync(&log);
        assert_eq!(pairs(&captured), [("cursor", "a"), ("cursor", "{\"n\":2}")]);
        let mut environment = Environment::default();
        assert!(apply(&mut environment, &captured));
        assert_eq!(
            environment.get("cursor").map(|v| v.value.as_str()),
            Some("{\"n\":2}"),
            "the latest wins"
        );
        assert!(!apply(&mut environment, &captured[1..]), "nothing changed");
    }

    #[test]
    fn a_json_body_that_is_not_a_stream_is_read_once_it_has_come() {
        let json = ("content-type", "application/json");
        let open = response(&[json], &[r#"{"access_token":"#], false);
        let mut run = CaptureRun::new(&[path("token", "$.access_token")]);
        assert!(run.sync(&open).is_empty());
        let ended = response(&[json], &[r#"{"access_token":"#, r#""t-1"}"#], true);
        assert_eq!(pairs(&run.sync(&ended)), [("token", "t-1")]);
        assert!(run.sync(&ended).is_empty());
    }

    #[test]
    fn forms_say_what_is_wrong_and_files_round_trip() {
        assert!(Capture::new("", "header", "X").is_err());
        assert!(Capture::new("a b", "header", "X").is_err());
        assert!(Capture::new("a", "header", " ").is_err());
        assert!(Capture::new("a", "json", "$..id").is_err());
        assert!(Capture::new("a", "json", "result.id").is_err());
        for capture in [header("s", "Mcp-Session-Id"), path("t", "$.a[0]['b c']")] {
            let text = serde_json::to_string(&capture).expect("writes");
            assert_eq!(
                serde_json::from_str::<Capture>(&text).expect("reads"),
                capture
            );
        }
        assert!(serde_json::from_str::<Capture>(r#"{"variable":"a"}"#).is_err());
        assert_eq!(
            header("mcp_session_id", "Mcp-Session-Id").label(),
            "mcp_session_id \u{2190} header Mcp-Session-Id"
        );
    }
}
