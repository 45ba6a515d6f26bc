//! A run's JSON-RPC conversation: the messages the client sent (its request body) and those the
//! response carried, in order; each response paired with its request by id (JSON-RPC 2.0 §5);
//! MCP's progress and logging notifications read; the priming event of a resumable MCP stream
//! (an event id with empty data, MCP 2025-11-25 "Streamable HTTP") shown for what it is; and the
//! protocol faults found, each with its cause and fix.

use serde_json::Value;

use super::message::{Id, Message, Parsed, error_parts, parse};

/// Who sent a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    /// The client (this app): the request body.
    Client,
    /// The server: the response body or an event of its stream.
    Server,
}

/// One line of the conversation.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Who sent it.
    pub side: Side,
    /// When, in ms since the request started (0 for what the request body sent).
    pub at_ms: f64,
    /// The index of the event that carried it (`None`: the request body, or a JSON body).
    pub event: Option<usize>,
    /// What it is.
    pub kind: EntryKind,
}

/// What a line of the conversation is.
#[derive(Debug, Clone, PartialEq)]
pub enum EntryKind {
    /// A request, and the entry of the response that answered it, if one did.
    Request {
        /// Its id (JSON text).
        id: Id,
        /// The method.
        method: String,
        /// The entry index of its (first) response.
        answered_by: Option<usize>,
    },
    /// A notification.
    Notification {
        /// The method.
        method: String,
        /// What MCP's notifications say, read.
        detail: Detail,
    },
    /// A response.
    Response {
        /// Its id (JSON text).
        id: Id,
        /// The entry index of the request it answers, if known.
        request: Option<usize>,
        /// Success, error, or neither.
        outcome: Outcome,
        /// ms from its request to it, if the request is known.
        duration_ms: Option<f64>,
    },
    /// The priming event of a resumable stream: an event id and no data, so that a client that
    /// loses the stream before the first message can resume it with `Last-Event-ID`.
    Priming {
        /// The event id it set.
        event_id: String,
    },
    /// A connection of the run that resumed the stream with `Last-Event-ID`: what follows is
    /// the server's replay from there.
    Resumed {
        /// The `Last-Event-ID` sent.
        last_event_id: String,
    },
    /// The `endpoint` event of MCP's HTTP+SSE transport: where the client posts its messages,
    /// whose answers come on this stream.
    Endpoint {
        /// The URL, as the event gave it (often relative to the stream's).
        url: String,
    },
    /// A message that is not JSON-RPC 2.0 (why, as a sentence).
    NotJsonRpc(String),
}

/// What an MCP notification says.
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    /// `notifications/progress`: how far a request with that progress token is.
    Progress {
        /// The progress token (JSON text).
        token: String,
        /// Progress so far.
        progress: f64,
        /// The total, if known.
        total: Option<f64>,
        /// `progress / total` in percent, if the total is known and not 0.
        percent: Option<f64>,
        /// A message, if any.
        message: Option<String>,
    },
    /// `notifications/message`: a log line.
    Log {
        /// Its level (`debug` … `emergency`, RFC 5424's names).
        level: String,
        /// The logger's name, if any.
        logger: Option<String>,
        /// The data, as text (JSON text unless a string).
        data: String,
    },
    /// Any other notification.
    Other,
}

/// How a response came out.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// A `result`.
    Result,
    /// A JSON-RPC error object.
    Error {
        /// Its code.
        code: i64,
        /// Its message.
        message: String,
    },
    /// Neither a `result` nor a JSON-RPC error object alone (see the findings).
    Malformed,
}

/// A protocol fault.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Which.
    pub kind: FindingKind,
    /// What happened, naming the id or event.
    pub title: String,
    /// Why it matters.
    pub cause: &'static str,
    /// What to do.
    pub fix: &'static str,
    /// The entry it is about, if one.
    pub entry: Option<usize>,
}

/// The kinds of protocol fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingKind {
    /// A response whose id no request of this conversation had.
    UnknownResponse,
    /// A response with both `result` and `error`.
    ResultAndError,
    /// An `error` that is not an object with an integer `code` and a string `message`.
    ErrorNotJsonRpc,
    /// A request id used twice by one side, or a request answered twice.
    IdReused,
    /// A message that is not JSON-RPC 2.0 in a conversation that is.
    NotJsonRpc,
    /// The request sent no `Mcp-Session-Id` though the session had one.
    SessionMissing,
    /// The server answered with another `Mcp-Session-Id` than the session's.
    SessionChanged,
}

impl FindingKind {
    /// Its id in the page (`data-kind`), kebab-case.
    pub fn id(self) -> &'static str {
        match self {
            Self::UnknownResponse => "jsonrpc-unknown-response",
            Self::ResultAndError => "jsonrpc-result-and-error",
            Self::ErrorNotJsonRpc => "jsonrpc-error-not-json-rpc",
            Self::IdReused => "jsonrpc-id-reused",
            Self::NotJsonRpc => "jsonrpc-not-json-rpc",
            Self::SessionMissing => "mcp-session-missing",
            Self::SessionChanged => "mcp-session-changed",
        }
    }
}

/// The conversation of one run (see the module's description).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Exchange {
    entries: Vec<Entry>,
    findings: Vec<Finding>,
    /// Each side's requests by id: the entry index of the latest with that id (so its keys are
    /// the ids each side has used).
    /// A sorted list, not a `HashMap`: conversations are short, and the map's code cost the
    /// size-budgeted app ~1 KB gzip.
    requests: Vec<((Side, Id), usize)>,
}

impl Exchange {
    /// An empty conversation.
    pub fn new() -> Self {
        Self::default()
    }

    /// The lines, in the order they were sent or received.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The protocol faults found, in the order found.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The requests no response has answered yet.
    pub fn unanswered(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|entry| {
            matches!(
                entry.kind,
                EntryKind::Request {
                    answered_by: None,
                    ..
                }
            )
        })
    }

    /// Adds what the client sent in its request body at `at_ms` (nothing if it is not
    /// JSON-RPC: a request body is the client's own business).
    pub fn sent(&mut self, body: &str, at_ms: f64) {
        if let Parsed::Messages { messages, .. } = parse(body) {
            for message in messages {
                self.add(Side::Client, None, at_ms, message);
            }
        }
    }

    /// Adds what event `event` (its last event ID `event_id`, its data `data`) carried at
    /// `at_ms`: a priming event, messages, or something that is not JSON-RPC.
    pub fn received(&mut self, event: usize, event_id: &str, data: &str, at_ms: f64) {
        if data.is_empty() {
            self.entries.push(Entry {
                side: Side::Server,
                at_ms,
                event: Some(event),
                kind: EntryKind::Priming {
                    event_id: event_id.to_owned(),
                },
            });
            return;
        }
        match parse(data) {
            Parsed::Messages { messages, .. } => {
                for message in messages {
                    self.add(Side::Server, Some(event), at_ms, message);
                }
            }
            Parsed::NotJsonRpc(why) => {
                let entry = self.push(Side::Server, Some(event), at_ms, EntryKind::NotJsonRpc(why));
                self.find(
                    FindingKind::NotJsonRpc,
                    format!("Event #{} is not a JSON-RPC 2.0 message.", event + 1),
                    "Every message of an MCP stream is a JSON-RPC 2.0 request, notification or \
                     response; a client drops (or fails on) anything else.",
                    "Send each message as one JSON object (or a batch array) with \"jsonrpc\": \"2.0\".",
                    Some(entry),
                );
            }
        }
    }

    /// Adds the messages of a response body that is not an event stream (an `application/json`
    /// answer), received at `at_ms`.
    pub fn received_body(&mut self, body: &str, at_ms: f64) {
        match parse(body) {
            Parsed::Messages { messages, .. } => {
                for message in messages {
                    self.add(Side::Server, None, at_ms, message);
                }
            }
            Parsed::NotJsonRpc(why) => {
                self.push(Side::Server, None, at_ms, EntryKind::NotJsonRpc(why));
            }
        }
    }

    /// Adds the `endpoint` event `event` (MCP's HTTP+SSE transport) naming `url`.
    pub fn endpoint(&mut self, event: usize, url: &str, at_ms: f64) {
        let kind = EntryKind::Endpoint {
            url: url.trim().to_owned(),
        };
        self.push(Side::Server, Some(event), at_ms, kind);
    }

    /// The URL the latest `endpoint` event named, if one did.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.entries
            .iter()
            .rev()
            .find_map(|entry| match &entry.kind {
                EntryKind::Endpoint { url } => Some(url.as_str()),
                _ => None,
            })
    }

    /// Marks a connection that resumed the stream at `at_ms` with `Last-Event-ID:
    /// last_event_id`.
    pub fn resumed(&mut self, last_event_id: &str, at_ms: f64) {
        let kind = EntryKind::Resumed {
            last_event_id: last_event_id.to_owned(),
        };
        self.push(Side::Client, None, at_ms, kind);
    }

    /// Checks the session header: `expected` is the `Mcp-Session-Id` the session was given
    /// (by its `initialize` response), `sent` the one this request carried, `received` the one
    /// its response carried.
    pub fn session(&mut self, expected: Option<&str>, sent: Option<&str>, received: Option<&str>) {
        if let (Some(expected), None) = (expected, sent) {
            self.find(
                FindingKind::SessionMissing,
                format!("The request sent no Mcp-Session-Id; the session is {expected}."),
                "A server that gave a session id answers requests without it with 400 Bad \
                 Request, or treats them as another session.",
                "Send the session id the initialize response gave in an Mcp-Session-Id header on \
                 every later request (capture it into a variable).",
                None,
            );
        }
        if let (Some(session), Some(received)) = (sent.or(expected), received)
            && session != received
        {
            self.find(
                FindingKind::SessionChanged,
                format!("The server answered with Mcp-Session-Id {received}, not {session}."),
                "A session id is fixed by the initialize response; a server that changes it \
                 loses the session's state between requests.",
                "Keep the id of the initialize response for the whole session; start a new \
                 session only with a new initialize.",
                None,
            );
        }
    }

    fn push(&mut self, side: Side, event: Option<usize>, at_ms: f64, kind: EntryKind) -> usize {
        self.entries.push(Entry {
            side,
            at_ms,
            event,
            kind,
        });
        self.entries.len() - 1
    }

    fn find(
        &mut self,
        kind: FindingKind,
        title: String,
        cause: &'static str,
        fix: &'static str,
        entry: Option<usize>,
    ) {
        self.findings.push(Finding {
            kind,
            title,
            cause,
            fix,
            entry,
        });
    }

    fn add(&mut self, side: Side, event: Option<usize>, at_ms: f64, message: Message) {
        let from = match (event, side) {
            (Some(event), _) => format!("event #{}", event + 1),
            (None, Side::Client) => "the request body".to_owned(),
            (None, Side::Server) => "the response body".to_owned(),
        };
        match message {
            Message::Request { id, method, .. } => {
                let key = (side, id.clone());
                let found = self.requests.binary_search_by(|(k, _)| k.cmp(&key));
                let is_reused = found.is_ok();
                let kind = EntryKind::Request {
                    id: id.clone(),
                    method,
                    answered_by: None,
                };
                let entry = self.push(side, event, at_ms, kind);
                match found {
                    Ok(at) => self.requests[at].1 = entry,
                    Err(at) => self.requests.insert(at, (key, entry)),
                }
                if is_reused {
                    self.find(
                        FindingKind::IdReused,
                        format!("The request id {id} is used again in {from}."),
                        "Responses are paired with requests by id alone: two requests with one \
                         id make their answers ambiguous.",
                        "Give every request of a session its own id (a counter).",
                        Some(entry),
                    );
                }
            }
            Message::Notification { method, params } => {
                let detail = detail(&method, params.as_ref());
                self.push(
                    side,
                    event,
                    at_ms,
                    EntryKind::Notification { method, detail },
                );
            }
            Message::Response { id, result, error } => {
                // A response answers a request of the other side.
                let asker = match side {
                    Side::Server => Side::Client,
                    Side::Client => Side::Server,
                };
                let key = (asker, id.clone());
                let request = self
                    .requests
                    .binary_search_by(|(k, _)| k.cmp(&key))
                    .ok()
                    .map(|at| self.requests[at].1);
                let outcome = match (&result, &error) {
                    (Some(_), None) => Outcome::Result,
                    (None, Some(error)) => {
                        error_parts(error).map_or(Outcome::Malformed, |(code, message)| {
                            Outcome::Error {
                                code,
                                message: message.to_owned(),
                            }
                        })
                    }
                    _ => Outcome::Malformed,
                };
                let duration_ms = request.map(|request| at_ms - self.entries[request].at_ms);
                let entry = self.push(
                    side,
                    event,
                    at_ms,
                    EntryKind::Response {
                        id: id.clone(),
                        request,
                        outcome,
                        duration_ms,
                    },
                );
                self.check_response(&id, request, entry, result.is_some(), error.as_ref(), &from);
            }
        }
    }

    /// The findings about response `entry` (id `id`, answering `request`), and the pairing.
    fn check_response(
        &mut self,
        id: &str,
        request: Option<usize>,
        entry: usize,
        has_result: bool,
        error: Option<&Value>,
        from: &str,
    ) {
        match request.map(|request| &mut self.entries[request].kind) {
            None => self.find(
                FindingKind::UnknownResponse,
                format!("The response in {from} has the id {id}, which no request had."),
                "A client pairs a response with its request by id; one that matches none is \
                 dropped, and the request it was meant for waits for ever.",
                "Answer with the id of the request, exactly as sent (a number stays a number).",
                Some(entry),
            ),
            Some(EntryKind::Request {
                answered_by: Some(_),
                ..
            }) => self.find(
                FindingKind::IdReused,
                format!("The request {id} is answered again in {from}."),
                "A request has exactly one response; a second one is dropped or, worse, taken \
                 as the answer to a later request with the same id.",
                "Send one response per request.",
                Some(entry),
            ),
            Some(EntryKind::Request { answered_by, .. }) => *answered_by = Some(entry),
            Some(_) => {}
        }
        if has_result && error.is_some() {
            self.find(
                FindingKind::ResultAndError,
                format!("The response to {id} in {from} has both a result and an error."),
                "JSON-RPC 2.0 allows exactly one of them; a client cannot tell whether the \
                 request succeeded.",
                "Send \"result\" on success and \"error\" (alone) on failure.",
                Some(entry),
            );
        }
        if let Some(error) = error
            && error_parts(error).is_none()
        {
            self.find(
                FindingKind::ErrorNotJsonRpc,
                format!(
                    "The error of the response to {id} in {from} is not a JSON-RPC error object."
                ),
                "JSON-RPC 2.0 errors are objects with an integer \"code\" and a string \
                 \"message\"; clients read those two and fail on anything else.",
                "Send {\"code\": -32603, \"message\": \"…\", \"data\": …} (codes of §5.1, or your \
                 own outside -32768…-32000).",
                Some(entry),
            );
        }
    }
}

/// What notification `method` with `params` says (MCP's progress and logging).
fn detail(method: &str, params: Option<&Value>) -> Detail {
    let number = |name: &str| {
        params
            .and_then(|params| params.get(name))
            .and_then(Value::as_f64)
    };
    let text = |name: &str| {
        params
            .and_then(|params| params.get(name))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    match method {
        "notifications/progress" => {
            let Some(progress) = number("progress") else {
                return Detail::Other;
            };
            let total = number("total");
            Detail::Progress {
                token: params
                    .and_then(|params| params.get("progressToken"))
                    .map_or_else(String::new, Value::to_string),
                progress,
                total,
                percent: total
                    .filter(|total| *total > 0.0)
                    .map(|total| progress / total * 100.0),
                message: text("message"),
            }
        }
        "notifications/message" => Detail::Log {
            level: text("level").unwrap_or_default(),
            logger: text("logger"),
            data: params
                .and_then(|params| params.get("data"))
                .map_or_else(String::new, |data| match data {
                    Value::String(text) => text.clone(),
                    other => other.to_string(),
                }),
        },
        _ => Detail::Other,
    }
}
