//! `Line`: one entry of a conversation as the JSON-RPC view shows it — what it is in a few
//! words, and what it is paired with (a request's answer and how long it took, a response's
//! request) — so that the view only lays text out.

use super::exchange::{Detail, Entry, EntryKind, Exchange, Outcome, Side};

/// An entry of the conversation, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Its kind, for the page (`data-kind`): `request`, `response`, `notification`, `priming`,
    /// `resumed`, `endpoint` or `not-json-rpc`.
    pub kind: &'static str,
    /// `↑` sent by the client, `↓` by the server.
    pub arrow: &'static str,
    /// What it is: `tools/call #3`, `#3 result`, `progress forecast-1: 33% Blending`…
    pub what: String,
    /// What it is paired with, or why it matters: `answered in 912 ms`, `to tools/call after
    /// 912 ms`, `no answer yet`…
    pub note: String,
    /// Whether it is an error response or not JSON-RPC (shown as a fault).
    pub is_fault: bool,
    /// The event that carried it, if one did.
    pub event: Option<usize>,
}

impl Exchange {
    /// The entries as lines, in order.
    pub fn lines(&self) -> Vec<Line> {
        let entries = self.entries();
        entries.iter().map(|entry| line(entry, entries)).collect()
    }
}

fn line(entry: &Entry, entries: &[Entry]) -> Line {
    let method_of = |index: Option<usize>| match index.and_then(|i| entries.get(i)) {
        Some(Entry {
            kind: EntryKind::Request { method, .. },
            ..
        }) => Some(method.as_str()),
        _ => None,
    };
    let (kind, what, note, is_fault) = match &entry.kind {
        EntryKind::Request {
            id,
            method,
            answered_by,
        } => {
            let answer = answered_by.and_then(|i| entries.get(i));
            let note = match answer {
                Some(answer) => format!("answered in {:.0} ms", answer.at_ms - entry.at_ms),
                None => "no answer yet".to_owned(),
            };
            ("request", format!("{method} #{id}"), note, false)
        }
        EntryKind::Response {
            id,
            request,
            outcome,
            duration_ms,
        } => {
            let (what, is_fault) = match outcome {
                Outcome::Result => (format!("#{id} result"), false),
                Outcome::Error { code, message } => {
                    (format!("#{id} error {code}: {message}"), true)
                }
                Outcome::Malformed => (format!("#{id} neither a result nor an error"), true),
            };
            let note = match (method_of(*request), duration_ms) {
                (Some(method), Some(ms)) => format!("to {method} after {ms:.0} ms"),
                _ => "to no request of this run".to_owned(),
            };
            ("response", what, note, is_fault)
        }
        EntryKind::Notification { method, detail } => {
            let (what, note) = match detail {
                Detail::Progress {
                    token,
                    progress,
                    total,
                    percent,
                    message,
                } => {
                    let amount = match (percent, total) {
                        (Some(percent), _) => format!("{percent:.0}%"),
                        (None, Some(total)) => format!("{progress}/{total}"),
                        (None, None) => format!("{progress}"),
                    };
                    (
                        format!("progress {token}: {amount}"),
                        message.clone().unwrap_or_default(),
                    )
                }
                Detail::Log {
                    level,
                    logger,
                    data,
                } => (
                    format!("log {level}"),
                    match logger {
                        Some(logger) => format!("{logger}: {data}"),
                        None => data.clone(),
                    },
                ),
                Detail::Other => (method.clone(), String::new()),
            };
            ("notification", what, note, false)
        }
        EntryKind::Priming { event_id } => (
            "priming",
            format!("priming event, id {event_id}"),
            "no message: where a resumed stream starts".to_owned(),
            false,
        ),
        EntryKind::Resumed { last_event_id } => (
            "resumed",
            format!("resumed with Last-Event-ID {last_event_id}"),
            "the server replays what came after".to_owned(),
            false,
        ),
        EntryKind::Endpoint { url } => (
            "endpoint",
            format!("endpoint {url}"),
            "HTTP+SSE transport: messages are posted there, answered on this stream".to_owned(),
            false,
        ),
        EntryKind::NotJsonRpc(why) => {
            ("not-json-rpc", "not JSON-RPC".to_owned(), why.clone(), true)
        }
    };
    Line {
        kind,
        arrow: match entry.side {
            Side::Client => "\u{2191}",
            Side::Server => "\u{2193}",
        },
        what,
        note,
        is_fault,
        event: entry.event,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_and_responses_name_each_other_and_progress_reads_as_a_percentage() {
        let mut exchange = Exchange::new();
        exchange.sent(
            r#"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{}}"#,
            0.0,
        );
        exchange.received(0, "0/0", "", 4.0);
        exchange.received(
            1,
            "1/0",
            r#"{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":"f","progress":1,"total":3,"message":"Blending"}}"#,
            300.0,
        );
        exchange.received(
            2,
            "2/0",
            r#"{"jsonrpc":"2.0","method":"notifications/message","params":{"level":"warning","logger":"w","data":"slow"}}"#,
            400.0,
        );
        exchange.resumed("2/0", 500.0);
        exchange.received(3, "3/0", r#"{"jsonrpc":"2.0","id":3,"result":{}}"#, 912.4);
        exchange.received(
            4,
            "4/0",
            r#"{"jsonrpc":"2.0","id":9,"error":{"code":-32601,"message":"No such method"}}"#,
            950.0,
        );
        let lines = exchange.lines();
        let text: Vec<_> = lines
            .iter()
            .map(|l| format!("{} {} {} | {}", l.kind, l.arrow, l.what, l.note))
            .collect();
        assert_eq!(
            text,
            [
                "request \u{2191} tools/call #3 | answered in 912 ms",
                "priming \u{2193} priming event, id 0/0 | no message: where a resumed stream starts",
                "notification \u{2193} progress \"f\": 33% | Blending",
                "notification \u{2193} log warning | w: slow",
                "resumed \u{2191} resumed with Last-Event-ID 2/0 | the server replays what came after",
                "response \u{2193} #3 result | to tools/call after 912 ms",
                "response \u{2193} #9 error -32601: No such method | to no request of this run",
            ]
        );
        assert_eq!(lines.iter().filter(|l| l.is_fault).count(), 1);
        assert_eq!(lines[0].event, None);
        assert_eq!(lines[5].event, Some(3));
    }
}
