//! `Conversation`: a run's JSON-RPC conversation (`crate::jsonrpc::Exchange`) kept in step with
//! its log, for the app's JSON-RPC view and its diagnostics. A run carries JSON-RPC when its
//! request body is JSON-RPC 2.0, or else when its first event with data (or its body, for a
//! response that is not an event stream) is; that is decided once, so a stream of anything else
//! costs one parse. Each connection after the first that sent `Last-Event-ID` is marked as a
//! resumption, before the events it brought. A stream that starts with an `endpoint` event is
//! MCP's HTTP+SSE transport: the messages posted to that endpoint take their place among the
//! events by time, so their answers on the stream pair with them.

use crate::analysis::diagnostics::{Finding, FindingKind};
use crate::jsonrpc::exchange::Exchange;
use crate::jsonrpc::message::is_json_rpc;
use crate::session::log::SessionLog;

/// A run's conversation, read as the log grows (see the module's description).
#[derive(Debug, Clone, Default)]
pub struct Conversation {
    run_id: u64,
    /// Whether the run carries JSON-RPC, once known.
    is_json_rpc: Option<bool>,
    exchange: Exchange,
    next_event: usize,
    /// Connections whose start has been read.
    connections: usize,
    /// Messages posted to an HTTP+SSE endpoint that have been read.
    posted: usize,
    has_session: bool,
    has_body: bool,
}

impl Conversation {
    /// The conversation of `log` as it is now (`None` while it is not known to be JSON-RPC, and
    /// for a run that is not). Reads only what the log gained since the last call, unless it is
    /// another run's.
    pub fn sync(&mut self, log: &SessionLog) -> Option<&Exchange> {
        if log.run_id != self.run_id || self.next_event > log.event_count() {
            *self = Self {
                run_id: log.run_id,
                ..Self::default()
            };
        }
        if self.is_json_rpc.is_none() {
            self.is_json_rpc = detect(log);
            if self.is_json_rpc == Some(true)
                && let Some(body) = &log.sent.body
            {
                self.exchange.sent(body, 0.0);
            }
        }
        if self.is_json_rpc != Some(true) {
            return None;
        }
        let connections = log.connections();
        if !self.has_session
            && let Some(head) = log.first_response()
        {
            self.has_session = true;
            self.exchange.session(
                log.sent.expected_session_id.as_deref(),
                log.sent.header("mcp-session-id"),
                head.header("mcp-session-id"),
            );
        }
        for index in self.next_event..log.event_count() {
            self.connections_up_to(log, index);
            if let Some(event) = log.event(index) {
                self.posted_until(log, event.at_ms);
                if event.event_type == "endpoint" {
                    self.exchange.endpoint(index, event.data, event.at_ms);
                } else {
                    self.exchange
                        .received(index, event.last_event_id, event.data, event.at_ms);
                }
            }
        }
        self.next_event = log.event_count();
        self.connections_up_to(log, usize::MAX);
        self.posted_until(log, f64::INFINITY);
        if !self.has_body && !log.body().is_empty() {
            self.has_body = true;
            let at_ms = connections
                .last()
                .and_then(|c| c.ended.as_ref())
                .map_or(0.0, |ended| ended.at_ms);
            self.exchange
                .received_body(&String::from_utf8_lossy(log.body()), at_ms);
        }
        Some(&self.exchange)
    }

    /// Reads the messages posted to the HTTP+SSE endpoint up to `at_ms`.
    fn posted_until(&mut self, log: &SessionLog, at_ms: f64) {
        while let Some((posted_ms, body)) = log.sent.posted.get(self.posted) {
            if *posted_ms > at_ms {
                break;
            }
            self.exchange.sent(body, *posted_ms);
            self.posted += 1;
        }
    }

    /// Reads the starts of the connections whose first event is at most `event`.
    fn connections_up_to(&mut self, log: &SessionLog, event: usize) {
        let connections = log.connections();
        while let Some(connection) = connections.get(self.connections) {
            if connection.first_event > event {
                break;
            }
            if self.connections > 0 && !connection.last_event_id.is_empty() {
                self.exchange
                    .resumed(&connection.last_event_id, connection.sent_ms);
            }
            self.connections += 1;
        }
    }
}

/// The protocol faults of `exchange` as diagnostics (beside the transport's).
pub fn findings(exchange: &Exchange) -> Vec<Finding> {
    exchange
        .findings()
        .iter()
        .map(|finding| Finding {
            kind: FindingKind::JsonRpc(finding.kind),
            title: finding.title.clone(),
            cause: finding.cause.to_owned(),
            fix: finding.fix.to_owned(),
            excerpt: None,
            is_note: false,
        })
        .collect()
}

/// Whether `log` carries JSON-RPC, when it can be told yet.
fn detect(log: &SessionLog) -> Option<bool> {
    if log.sent.body.as_deref().is_some_and(is_json_rpc) {
        return Some(true);
    }
    let first = (0..log.event_count())
        .filter_map(|index| log.event(index))
        .find(|event| !event.data.is_empty());
    if let Some(event) = first {
        // The HTTP+SSE transport's stream starts with its `endpoint` event.
        return Some(event.event_type == "endpoint" || is_json_rpc(event.data));
    }
    (!log.body().is_empty()).then(|| is_json_rpc(&String::from_utf8_lossy(log.body())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jsonrpc::exchange::EntryKind;
    use crate::session::connection_run::ConnectionRun;
    use crate::session::log::SentRequest;

    const CALL: &str = r#"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"forecast","_meta":{"progressToken":"f"}}}"#;
    const PROGRESS: &str = "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"f\",\"progress\":1,\"total\":3}}\n";
    const RESULT: &str = "data: {\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}\n";

    /// A connection of `log` sent with `last_event_id`, answered with `headers` and `stream`.
    fn connect(log: &mut SessionLog, last_event_id: &str, headers: &[(&str, &str)], stream: &str) {
        log.begin_connection(1.0, None, last_event_id);
        let mut run = ConnectionRun::resuming(last_event_id);
        let headers = headers
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect();
        run.opened(log, 200, "OK".into(), headers, 5.0);
        run.chunk(log, stream.as_bytes(), 10.0);
        run.ended(log, 20.0);
    }

    fn kinds(exchange: &Exchange) -> Vec<String> {
        exchange
            .entries()
            .iter()
            .map(|entry| match &entry.kind {
                EntryKind::Request { method, .. } => format!("request {method}"),
                EntryKind::Notification { method, .. } => method.clone(),
                EntryKind::Response { request, .. } => format!("response to {request:?}"),
                EntryKind::Priming { event_id } => format!("priming {event_id}"),
                EntryKind::Resumed { last_event_id } => format!("resumed {last_event_id}"),
                EntryKind::Endpoint { url } => format!("endpoint {url}"),
                EntryKind::NotJsonRpc(_) => "not".into(),
            })
            .collect()
    }

    const STREAM: (&str, &str) = ("content-type", "text/event-stream");

    #[test]
    fn a_dropped_stream_resumed_with_last_event_id_pairs_the_replayed_answer() {
        let mut log = SessionLog::new(1, "POST /mcp".into(), 0.0, 0);
        log.sent = SentRequest {
            headers: vec![("Mcp-Session-Id".into(), "s-1".into())],
            body: Some(CALL.into()),
            ..SentRequest::default()
        };
        let session = ("mcp-session-id", "s-1");
        let mut conversation = Conversation::default();
        connect(
            &mut log,
            "",
            &[STREAM, session],
            &format!("id: 0/0\ndata:\n\nid: 1/0\n{PROGRESS}\n"),
        );
        let first = conversation.sync(&log).expect("JSON-RPC").entries().len();
        assert_eq!(first, 3, "the request, the priming event, the progress");
        // The same session resumed (as a GET) after 1/0: the server replays from there.
        connect(&mut log, "1/0", &[STREAM], &format!("id: 2/0\n{RESULT}\n"));
        let exchange = conversation.sync(&log).expect("JSON-RPC");
        assert_eq!(
            kinds(exchange),
            [
                "request tools/call",
                "priming 0/0",
                "notifications/progress",
                "resumed 1/0",
                "response to Some(0)"
            ]
        );
        assert!(exchange.findings().is_empty(), "{:?}", exchange.findings());
        assert_eq!(exchange.unanswered().count(), 0);
    }

    #[test]
    fn a_json_body_is_read_and_a_stream_of_something_else_is_not_a_conversation() {
        let mut log = SessionLog::new(1, "POST /mcp".into(), 0.0, 0);
        log.sent.body = Some(r#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#.into());
        connect(
            &mut log,
            "",
            &[("content-type", "application/json")],
            r#"{"jsonrpc":"2.0","id":1,"result":{"tools":[]}}"#,
        );
        let mut conversation = Conversation::default();
        let exchange = conversation.sync(&log).expect("JSON-RPC");
        assert_eq!(
            kinds(exchange),
            ["request tools/list", "response to Some(0)"]
        );

        let mut other = SessionLog::new(2, "GET /ticks".into(), 0.0, 0);
        connect(
            &mut other,
            "",
            &[STREAM],
            "data: {\"n\":1}\n\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"x\"}\n\n",
        );
        assert!(
            conversation.sync(&other).is_none(),
            "decided by the first event"
        );
    }

    #[test]
    fn a_request_without_the_session_it_belongs_to_is_a_finding() {
        let mut log = SessionLog::new(1, "POST /mcp".into(), 0.0, 0);
        log.sent.body = Some(CALL.into());
        log.sent.expected_session_id = Some("s-1".into());
        connect(&mut log, "", &[("content-type", "application/json")], "");
        let mut conversation = Conversation::default();
        let exchange = conversation.sync(&log).expect("JSON-RPC");
        let diagnostics = findings(exchange);
        assert_eq!(
            diagnostics.iter().map(|f| f.kind.id()).collect::<Vec<_>>(),
            ["mcp-session-missing"]
        );
        assert!(
            diagnostics[0].title.contains("s-1"),
            "{}",
            diagnostics[0].title
        );
    }

    #[test]
    fn an_http_sse_stream_pairs_the_answers_of_messages_posted_to_its_endpoint() {
        let mut log = SessionLog::new(1, "GET /sse".into(), 0.0, 0);
        log.begin_connection(0.0, None, "");
        let mut run = ConnectionRun::new();
        run.opened(
            &mut log,
            200,
            "OK".into(),
            vec![(STREAM.0.into(), STREAM.1.into())],
            5.0,
        );
        run.chunk(
            &mut log,
            b"event: endpoint\ndata: /messages?session_id=a\n\n",
            6.0,
        );
        let mut conversation = Conversation::default();
        let exchange = conversation.sync(&log).expect("the HTTP+SSE transport");
        assert_eq!(exchange.endpoint_url(), Some("/messages?session_id=a"));
        log.sent.posted.push((
            50.0,
            r#"{"jsonrpc":"2.0","id":1,"method":"initialize"}"#.into(),
        ));
        run.chunk(
            &mut log,
            b"event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n\n",
            70.0,
        );
        let exchange = conversation.sync(&log).expect("JSON-RPC");
        assert_eq!(
            kinds(exchange),
            [
                "endpoint /messages?session_id=a",
                "request initialize",
                "response to Some(1)"
            ]
        );
        assert!(exchange.findings().is_empty(), "{:?}", exchange.findings());
    }
}
