//! Mocks: a recorded response that `sse-studio mock` (and `sse-studio-server --mocks`) serves as
//! a live endpoint, read by read, with the recorded timing. A mock file is JSON:
//!
//! ```json
//! { "format": "sse-studio-mock", "version": 1,
//!   "request": { "method": "POST", "path": "/v1/chat/completions",
//!                "query": [["stream", "true"]], "body_contains": "gpt-4o" },
//!   "response": { "status": 200, "at_ms": 41.2,
//!                 "headers": [["content-type", "text/event-stream; charset=utf-8"]] },
//!   "reads": [ { "at_ms": 57.0, "text": "data: hi\n\n" }, { "at_ms": 60.5, "base64": "8J+Y" } ],
//!   "end": { "at_ms": 913.4, "how": "clean" },
//!   "faults": ["drop-after:3"] }
//! ```
//!
//! - `request`: what it answers. `method` absent or `"*"`: any; `path` exact, without the query;
//!   `query` (optional): pairs the request's query must hold, after percent-decoding;
//!   `body_contains` (optional): text the request body must contain.
//! - `response`: the status, the headers as recorded — hop-by-hop ones, `content-length` and
//!   `content-encoding` dropped (the reads are the decoded body), credential-looking values
//!   masked — and `at_ms`, ms from the request to the head.
//! - `reads`: the body as the network delivered it, one entry per read, each `at_ms` after the
//!   request (never decreasing): `text` when the read is UTF-8, else `base64` (standard, padded).
//! - `end`: when and how the body ended: `clean`, `drop` (the connection cut: a network error)
//!   or `open` (the client closed it first: the mock keeps it open and idle).
//! - `faults` (optional): faults applied to every response (see the server's `mock::fault`).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

use crate::request::origin::host_and_path;
use crate::request::secrets::is_secret_name;
use crate::request::variables::MASK;
use crate::session::close_reason::CloseReason;
use crate::session::log::SessionLog;

/// `"format"` of a mock file.
pub const MOCK_FORMAT: &str = "sse-studio-mock";

/// Version of the mock file's shape (`"version"`), raised when it changes.
pub const MOCK_VERSION: u64 = 1;

/// A recorded response and the requests it answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Mock {
    /// The requests it answers.
    pub request: MockRequest,
    /// The response head.
    pub response: MockResponse,
    /// The body's bytes, all reads in order.
    pub body: Vec<u8>,
    /// Each read: (ms from the request, offset of its first byte in `body`), in order.
    pub reads: Vec<(f64, usize)>,
    /// How the body ends.
    pub end: MockEnd,
    /// Faults applied to every response, as written (`drop-after:3`); the server reads them.
    pub faults: Vec<String>,
}

/// The requests a mock answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockRequest {
    /// The method (upper case), or `None` for any.
    pub method: Option<String>,
    /// The path, from its `/`, without the query.
    pub path: String,
    /// (name, value) pairs the request's query must hold, percent-decoded.
    pub query: Vec<(String, String)>,
    /// Text the request body must contain.
    pub body_contains: Option<String>,
}

/// A mock's response head.
#[derive(Debug, Clone, PartialEq)]
pub struct MockResponse {
    /// Status code.
    pub status: u16,
    /// Headers as (name, value), in order.
    pub headers: Vec<(String, String)>,
    /// ms from the request to the head.
    pub at_ms: f64,
}

/// How a mock's body ends, `at_ms` after the request.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MockEnd {
    /// ms from the request.
    pub at_ms: f64,
    /// What happens then.
    pub how: EndHow,
}

/// What happens at a mock's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndHow {
    /// The body ends properly.
    Clean,
    /// The connection is cut (the client sees a network error).
    Drop,
    /// Nothing more is sent and the connection stays open (the recorded client closed first).
    Open,
}

impl EndHow {
    fn name(self) -> &'static str {
        match self {
            Self::Clean => "clean",
            Self::Drop => "drop",
            Self::Open => "open",
        }
    }
}

/// Where a stream resumes for a `Last-Event-ID` (see [`Mock::resume_point`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResumePoint {
    /// Offset in the body of the first byte after the event with that id.
    pub offset: usize,
    /// The reconnection time (ms) the last `retry` field before it set, if any.
    pub retry: Option<u64>,
}

/// Response headers a mock does not replay: hop-by-hop headers (RFC 9110 §7.6.1), the length
/// and encoding of a body whose reads are kept decoded, and the recording's `Date` (the mock
/// server sends the current one).
const NOT_REPLAYED: [&str; 11] = [
    "date",
    "connection",
    "keep-alive",
    "proxy-connection",
    "transfer-encoding",
    "te",
    "trailer",
    "upgrade",
    "content-length",
    "content-encoding",
    "alt-svc",
];

impl Mock {
    /// The first connection of the session `log` as a mock, answering its method and path;
    /// `None` when no response head arrived. Credential-looking response header values (see
    /// [`is_secret_name`]) are masked; a body shown as text becomes one read at the end.
    pub fn from_log(log: &SessionLog) -> Option<Self> {
        let connections = log.connections();
        let connection = connections.first()?;
        let head = connection.head.as_ref()?;
        let (method, url) = log.target.split_once(' ')?;
        let (_, path_and_query) = host_and_path(url);
        let path = path_and_query
            .split(['?', '#'])
            .next()
            .filter(|path| path.starts_with('/'))
            .unwrap_or("/");
        let ended = connection.ended.as_ref().or(log.closed.as_ref());
        let end_ms = ended.map_or(head.at_ms, |ended| ended.at_ms) - connection.sent_ms;
        let how = match ended.map(|ended| &ended.reason) {
            Some(CloseReason::NetworkError { .. }) => EndHow::Drop,
            Some(
                CloseReason::Clean | CloseReason::Truncated { .. } | CloseReason::HttpError { .. },
            ) => EndHow::Clean,
            _ => EndHow::Open,
        };
        let (body, reads) = if log.body_text.is_some() {
            (log.body().to_vec(), vec![(end_ms, 0)])
        } else {
            let chunk_end = connections
                .get(1)
                .map_or(log.chunk_count(), |next| next.first_chunk);
            // The first connection's bytes only: up to the next connection's first chunk.
            let byte_end = log
                .chunk_starts()
                .nth(chunk_end)
                .map_or(log.raw_len(), |(_, start)| start);
            let body = log.raw_bytes(0..byte_end).into_owned();
            let reads = log
                .chunk_starts()
                .take(chunk_end)
                .map(|(at_ms, start)| {
                    (
                        at_ms - connection.sent_ms,
                        usize::try_from(start).unwrap_or(usize::MAX),
                    )
                })
                .collect();
            (body, reads)
        };
        let headers = head
            .headers
            .iter()
            .filter(|(name, _)| !NOT_REPLAYED.contains(&name.to_ascii_lowercase().as_str()))
            .map(|(name, value)| {
                let value = if is_secret_name(name) { MASK } else { value };
                (name.clone(), value.to_owned())
            })
            .collect();
        Some(Self {
            request: MockRequest {
                method: Some(method.to_ascii_uppercase()),
                path: path.to_owned(),
                query: Vec::new(),
                body_contains: None,
            },
            response: MockResponse {
                status: head.status,
                headers,
                at_ms: head.at_ms - connection.sent_ms,
            },
            body,
            reads,
            end: MockEnd { at_ms: end_ms, how },
            faults: Vec::new(),
        })
    }

    /// A mock of the event stream `bytes` (a `.sse` file), answering any method at `path`: a
    /// `200 text/event-stream` whose reads are its event blocks (each through its blank line),
    /// the first at once and each next `interval_ms` later; the body ends cleanly one interval
    /// after the last (so a looped replay keeps the pace).
    pub fn from_event_stream(path: &str, bytes: &[u8], interval_ms: f64) -> Self {
        let mut reads = Vec::new();
        let mut block_start = 0;
        for end in block_ends(bytes) {
            reads.push((reads.len() as f64 * interval_ms, block_start));
            block_start = end;
        }
        if block_start < bytes.len() {
            reads.push((reads.len() as f64 * interval_ms, block_start));
        }
        let end_ms = reads.len() as f64 * interval_ms;
        Self {
            request: MockRequest {
                method: None,
                path: path.to_owned(),
                query: Vec::new(),
                body_contains: None,
            },
            response: MockResponse {
                status: 200,
                headers: vec![
                    (
                        "content-type".into(),
                        "text/event-stream; charset=utf-8".into(),
                    ),
                    ("cache-control".into(), "no-cache".into()),
                ],
                at_ms: 0.0,
            },
            body: bytes.to_vec(),
            reads,
            end: MockEnd {
                at_ms: end_ms,
                how: EndHow::Clean,
            },
            faults: Vec::new(),
        }
    }

    /// A file name for the mock: its path's last segment, in characters safe in any file system
    /// (`/demo/ai/openai-chat-tools` gives `openai-chat-tools.mock.json`).
    pub fn file_name(&self) -> String {
        let last = self
            .request
            .path
            .rsplit('/')
            .find(|segment| !segment.is_empty())
            .unwrap_or_default();
        let stem: String = last
            .chars()
            .take(60)
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        let stem = if stem.is_empty() { "root" } else { &stem };
        format!("{stem}.mock.json")
    }

    /// The command that serves the mock saved as `file_name`.
    pub fn serve_command(file_name: &str) -> String {
        format!("sse-studio mock {file_name}")
    }

    /// The bytes of read `index` (empty past the last).
    pub fn read_bytes(&self, index: usize) -> &[u8] {
        let Some((_, start)) = self.reads.get(index) else {
            return &[];
        };
        let end = self
            .reads
            .get(index + 1)
            .map_or(self.body.len(), |(_, next)| *next);
        self.body.get(*start..end).unwrap_or_default()
    }

    /// Whether this mock answers a `method` request for `path` with the percent-encoded `query`
    /// (without its `?`) and `body`.
    pub fn matches(&self, method: &str, path: &str, query: &str, body: &[u8]) -> bool {
        let request = &self.request;
        request
            .method
            .as_deref()
            .is_none_or(|wanted| wanted.eq_ignore_ascii_case(method))
            && request.path == path
            && request.query.iter().all(|wanted| {
                query_pairs(query).any(|(name, value)| name == wanted.0 && value == wanted.1)
            })
            && request
                .body_contains
                .as_deref()
                .is_none_or(|text| memchr::memmem::find(body, text.as_bytes()).is_some())
    }

    /// Where a stream resumed with `Last-Event-ID: last_event_id` picks up: just after the first
    /// event whose last event ID is that id (its blank line's whole line ending), with the
    /// reconnection time of the last `retry` field before it. `None` when no event has that id.
    pub fn resume_point(&self, last_event_id: &str) -> Option<ResumePoint> {
        let mut decoder = sse_codec::Decoder::new();
        let mut retry = None;
        let mut found = None;
        decoder.feed_with(&self.body, |item| match item {
            sse_codec::ItemRef::Retry(milliseconds) if found.is_none() => {
                retry = Some(milliseconds)
            }
            sse_codec::ItemRef::Event(event)
                if found.is_none() && event.last_event_id == last_event_id =>
            {
                found = Some(after_line_ending(&self.body, event.span.end));
            }
            _ => {}
        });
        found.map(|offset| ResumePoint { offset, retry })
    }

    /// The offset just after each event the body dispatches (see [`event_ends`]).
    pub fn event_ends(&self) -> Vec<usize> {
        event_ends(&self.body)
    }

    /// The mock file's text (pretty JSON).
    pub fn to_json(&self) -> String {
        let reads: Vec<Value> = (0..self.reads.len())
            .map(|index| {
                let at_ms = round_micros(self.reads[index].0);
                let bytes = self.read_bytes(index);
                match std::str::from_utf8(bytes) {
                    Ok(text) => json!({ "at_ms": at_ms, "text": text }),
                    Err(_) => json!({ "at_ms": at_ms, "base64": STANDARD.encode(bytes) }),
                }
            })
            .collect();
        let mut request = json!({ "path": self.request.path });
        if let Some(method) = &self.request.method {
            request["method"] = json!(method);
        }
        if !self.request.query.is_empty() {
            request["query"] = json!(self.request.query);
        }
        if let Some(text) = &self.request.body_contains {
            request["body_contains"] = json!(text);
        }
        let mut file = json!({
            "format": MOCK_FORMAT,
            "version": MOCK_VERSION,
            "request": request,
            "response": {
                "status": self.response.status,
                "at_ms": round_micros(self.response.at_ms),
                "headers": self.response.headers,
            },
            "reads": reads,
            "end": { "at_ms": round_micros(self.end.at_ms), "how": self.end.how.name() },
        });
        if !self.faults.is_empty() {
            file["faults"] = json!(self.faults);
        }
        format!("{file:#}\n")
    }

    /// Reads a mock file.
    ///
    /// # Errors
    /// What is wrong, as a sentence: not JSON (with line and column), not a mock file, a newer
    /// version, or a missing or mistyped field (named with its read's number).
    pub fn parse(text: &str) -> Result<Self, String> {
        let file: Value = serde_json::from_str(text)
            .map_err(|error| format!("This file is not valid JSON: {error}."))?;
        if file.get("format").and_then(Value::as_str) != Some(MOCK_FORMAT) {
            return Err(format!(
                "This is not an SSE Studio mock (its \"format\" should be \"{MOCK_FORMAT}\")."
            ));
        }
        match file.get("version").and_then(Value::as_u64) {
            Some(version) if version <= MOCK_VERSION => {}
            Some(version) => {
                return Err(format!(
                    "This mock is version {version}; this SSE Studio reads up to version {MOCK_VERSION}. Update SSE Studio to serve it."
                ));
            }
            None => return Err("The mock has no \"version\" number.".into()),
        }
        let request = object(&file, "request")?;
        let method = match optional_text(request, "request", "method")? {
            Some(method) if method != "*" => Some(method.to_ascii_uppercase()),
            _ => None,
        };
        let path = optional_text(request, "request", "path")?
            .ok_or("\"request\" needs a \"path\" (e.g. \"/v1/chat\").")?;
        if !path.starts_with('/') {
            return Err(format!(
                "The request's \"path\" must start with \"/\" (it is \"{path}\")."
            ));
        }
        let query = match request.get("query") {
            None | Some(Value::Null) => Vec::new(),
            Some(pairs) => pairs_of(pairs, "request", "query")?,
        };
        let body_contains = optional_text(request, "request", "body_contains")?;
        let response = object(&file, "response")?;
        let status = response
            .get("status")
            .and_then(Value::as_u64)
            .and_then(|status| u16::try_from(status).ok())
            .filter(|status| (100..=599).contains(status))
            .ok_or("\"response\" needs a \"status\" from 100 to 599.")?;
        let headers = match response.get("headers") {
            None | Some(Value::Null) => Vec::new(),
            Some(pairs) => pairs_of(pairs, "response", "headers")?,
        };
        let head_ms = optional_ms(response, "\"response\"")?.unwrap_or(0.0);
        let mut body = Vec::new();
        let mut reads = Vec::new();
        let entries = match file.get("reads") {
            None | Some(Value::Null) => &Vec::new(),
            Some(Value::Array(entries)) => entries,
            Some(_) => return Err("\"reads\" must be a list.".into()),
        };
        for (index, entry) in entries.iter().enumerate() {
            let what = format!("Read {}", index + 1);
            let at_ms = optional_ms(entry, &what)?.unwrap_or(0.0);
            if reads.last().is_some_and(|(previous, _)| at_ms < *previous) {
                return Err(format!(
                    "{what} comes at {at_ms} ms, before the read above it."
                ));
            }
            reads.push((at_ms, body.len()));
            match (
                entry.get("text").and_then(Value::as_str),
                entry.get("base64").and_then(Value::as_str),
            ) {
                (Some(text), None) => body.extend_from_slice(text.as_bytes()),
                (None, Some(encoded)) => {
                    body.extend(STANDARD.decode(encoded).map_err(|error| {
                        format!("{what}'s \"base64\" is not valid base64: {error}.")
                    })?)
                }
                _ => {
                    return Err(format!(
                        "{what} needs either \"text\" or \"base64\" (a string), not both."
                    ));
                }
            }
        }
        let last_ms = reads.last().map_or(head_ms, |(at_ms, _)| *at_ms);
        let end = match file.get("end") {
            None | Some(Value::Null) => MockEnd {
                at_ms: last_ms,
                how: EndHow::Clean,
            },
            Some(end) => {
                let how = match end.get("how").and_then(Value::as_str) {
                    None | Some("clean") => EndHow::Clean,
                    Some("drop") => EndHow::Drop,
                    Some("open") => EndHow::Open,
                    Some(other) => {
                        return Err(format!(
                            "\"end\" has \"how\": \"{other}\"; use \"clean\", \"drop\" or \"open\"."
                        ));
                    }
                };
                let at_ms = optional_ms(end, "\"end\"")?.unwrap_or(last_ms).max(last_ms);
                MockEnd { at_ms, how }
            }
        };
        let faults = match file.get("faults") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(faults)) => faults
                .iter()
                .map(|fault| {
                    fault
                        .as_str()
                        .map(str::to_owned)
                        .ok_or("\"faults\" must hold strings (e.g. \"drop-after:3\").")
                })
                .collect::<Result<_, _>>()?,
            Some(_) => return Err("\"faults\" must be a list of strings.".into()),
        };
        Ok(Self {
            request: MockRequest {
                method,
                path,
                query,
                body_contains,
            },
            response: MockResponse {
                status,
                headers,
                at_ms: head_ms,
            },
            body,
            reads,
            end,
            faults,
        })
    }
}

/// The offset just after each event `body` dispatches as an event stream (after its blank line's
/// line ending, a CR LF's LF included), in order.
pub fn event_ends(body: &[u8]) -> Vec<usize> {
    let mut decoder = sse_codec::Decoder::new();
    let mut ends = Vec::new();
    decoder.feed_with(body, |item| {
        if let sse_codec::ItemRef::Event(event) = item {
            ends.push(after_line_ending(body, event.span.end));
        }
    });
    ends
}

/// The offsets just after each blank line of `bytes` (CR LF, LF or CR line endings): where the
/// event blocks of a stream end.
fn block_ends(bytes: &[u8]) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut line_start = 0;
    let mut position = 0;
    while let Some(found) = memchr::memchr2(b'\r', b'\n', &bytes[position..]) {
        let ending = position + found;
        let mut next = ending + 1;
        if bytes[ending] == b'\r' && bytes.get(next) == Some(&b'\n') {
            next += 1;
        }
        if ending == line_start {
            ends.push(next);
        }
        line_start = next;
        position = next;
    }
    ends
}

/// The offset after the line ending whose first byte ends at `end` (a CR LF's LF included).
fn after_line_ending(bytes: &[u8], end: u64) -> usize {
    let end = usize::try_from(end).unwrap_or(usize::MAX).min(bytes.len());
    let is_crlf = end > 0 && bytes[end - 1] == b'\r' && bytes.get(end) == Some(&b'\n');
    end + usize::from(is_crlf)
}

/// `query`'s (name, value) pairs, percent-decoded (`+` is a space, as in forms).
fn query_pairs(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    let decode = |text: &str| {
        percent_encoding::percent_decode_str(&text.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned()
    };
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(move |pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(value))
        })
}

/// `ms` rounded to the microsecond.
fn round_micros(ms: f64) -> f64 {
    (ms * 1000.0).round() / 1000.0
}

fn object<'a>(file: &'a Value, field: &str) -> Result<&'a Value, String> {
    file.get(field)
        .filter(|value| value.is_object())
        .ok_or_else(|| format!("The mock needs \"{field}\", an object."))
}

fn optional_text(object: &Value, what: &str, field: &str) -> Result<Option<String>, String> {
    match object.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(_) => Err(format!("\"{field}\" of \"{what}\" must be a string.")),
    }
}

/// `at_ms` of `object`: absent, or a number of ms from 0 up to a day.
fn optional_ms(object: &Value, what: &str) -> Result<Option<f64>, String> {
    match object.get("at_ms") {
        None | Some(Value::Null) => Ok(None),
        Some(value) => value
            .as_f64()
            .filter(|ms| (0.0..=86_400_000.0).contains(ms))
            .map(Some)
            .ok_or_else(|| {
                format!("{what}'s \"at_ms\" must be a number of ms from 0 to 86400000.")
            }),
    }
}

fn pairs_of(value: &Value, what: &str, field: &str) -> Result<Vec<(String, String)>, String> {
    let wrong =
        || format!("\"{field}\" of \"{what}\" must be a list of [name, value] pairs of strings.");
    value
        .as_array()
        .ok_or_else(wrong)?
        .iter()
        .map(|pair| match pair.as_array().map(Vec::as_slice) {
            Some([Value::String(name), Value::String(value)]) => Ok((name.clone(), value.clone())),
            _ => Err(wrong()),
        })
        .collect()
}

#[cfg(test)]
mod tests;
