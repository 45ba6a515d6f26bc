//! The conversation of the server crate's recorded MCP streams (which follow MCP 2025-11-25's
//! Streamable HTTP transport), fed through the decoder in many chunkings: the pairing and the
//! findings must not depend on where the network split the stream.

use super::exchange::{Detail, EntryKind, Exchange, FindingKind, Outcome, Side};
use super::message::{Message, Parsed, is_json_rpc, parse};
use crate::test_streams::received_in_pieces;

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!("../../../server/fixtures/mcp/", $name, ".sse"))
    };
}

/// The request body sent with `tools-call-progress`: a `tools/call` with a progress token.
const TOOLS_CALL: &str = r#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"get_weather","arguments":{"city":"Paris"},"_meta":{"progressToken":"call-2"}}}"#;

/// The batch sent with `protocol-faults`: ids 7, 8, 9, and 7 again.
const BATCH: &str = r#"[{"jsonrpc":"2.0","id":7,"method":"tools/list"},{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"crash"}},{"jsonrpc":"2.0","id":9,"method":"nope"},{"jsonrpc":"2.0","id":7,"method":"prompts/list"}]"#;

/// The conversation of `body` sent and `stream` received in pieces cut at `cuts`, one chunk per
/// 10 ms.
fn exchange_of(body: &str, stream: &str, cuts: &[usize]) -> Exchange {
    let log = received_in_pieces(stream, cuts);
    let mut exchange = Exchange::new();
    exchange.sent(body, 0.0);
    for index in 0..log.event_count() {
        if let Some(event) = log.event(index) {
            exchange.received(index, event.last_event_id, event.data, event.at_ms);
        }
    }
    exchange
}

/// The conversation, checked to be the same in many chunkings (times aside).
fn exchange(body: &str, stream: &str) -> Exchange {
    let whole = exchange_of(body, stream, &[]);
    let without_times = |exchange: &Exchange| {
        let kinds: Vec<EntryKind> = exchange
            .entries()
            .iter()
            .map(|entry| match &entry.kind {
                EntryKind::Response {
                    id,
                    request,
                    outcome,
                    ..
                } => EntryKind::Response {
                    id: id.clone(),
                    request: *request,
                    outcome: outcome.clone(),
                    duration_ms: None,
                },
                kind => kind.clone(),
            })
            .collect();
        (kinds, exchange.findings().to_vec())
    };
    let expected = without_times(&whole);
    let len = stream.len();
    for cut in (0..len).step_by(5) {
        let second = (cut + 1 + cut * 7 % 97).min(len);
        let split = exchange_of(body, stream, &[cut, second]);
        assert_eq!(without_times(&split), expected, "cut at {cut} and {second}");
    }
    whole
}

#[test]
fn a_tool_call_is_paired_with_its_result_with_progress_logging_and_the_priming_event_between() {
    let exchange = exchange(TOOLS_CALL, fixture!("tools-call-progress"));
    let entries = exchange.entries();
    assert_eq!(entries.len(), 7);
    assert_eq!(
        entries[0].kind,
        EntryKind::Request {
            id: "2".into(),
            method: "tools/call".into(),
            answered_by: Some(6)
        }
    );
    assert_eq!(entries[0].side, Side::Client);
    assert_eq!(
        entries[1].kind,
        EntryKind::Priming {
            event_id: "0/2".into()
        }
    );
    let EntryKind::Notification {
        detail:
            Detail::Progress {
                token,
                percent,
                message,
                ..
            },
        ..
    } = &entries[2].kind
    else {
        panic!("progress: {:?}", entries[2]);
    };
    assert_eq!(
        (token.as_str(), *percent, message.as_deref()),
        ("\"call-2\"", Some(25.0), Some("Looking up Paris"))
    );
    assert_eq!(
        entries[3].kind,
        EntryKind::Notification {
            method: "notifications/message".into(),
            detail: Detail::Log {
                level: "warning".into(),
                logger: Some("weather".into()),
                data: "cache miss, asking upstream".into()
            }
        }
    );
    assert!(matches!(
        &entries[4].kind,
        EntryKind::Notification { detail: Detail::Progress { percent: Some(p), .. }, .. } if *p == 75.0
    ));
    // The server's own request (sampling) waits for the client's answer.
    assert!(matches!(
        &entries[5].kind,
        EntryKind::Request { id, method, answered_by: None } if id == "\"srv-1\"" && method == "sampling/createMessage"
    ));
    assert_eq!(entries[5].side, Side::Server);
    let EntryKind::Response {
        request,
        outcome,
        duration_ms,
        ..
    } = &entries[6].kind
    else {
        panic!("a response: {:?}", entries[6]);
    };
    assert_eq!((*request, outcome), (Some(0), &Outcome::Result));
    assert_eq!(*duration_ms, Some(entries[6].at_ms));
    assert_eq!(exchange.findings(), &[]);
    assert_eq!(
        exchange.unanswered().count(),
        1,
        "the server's sampling request"
    );
}

#[test]
fn each_protocol_fault_is_found_once_with_the_id_and_event_it_is_about() {
    let exchange = exchange(BATCH, fixture!("protocol-faults"));
    let found: Vec<(FindingKind, &str)> = exchange
        .findings()
        .iter()
        .map(|finding| (finding.kind, finding.title.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                FindingKind::IdReused,
                "The request id 7 is used again in the request body."
            ),
            (
                FindingKind::UnknownResponse,
                "The response in event #1 has the id 99, which no request had."
            ),
            (
                FindingKind::ResultAndError,
                "The response to 7 in event #2 has both a result and an error."
            ),
            (
                FindingKind::ErrorNotJsonRpc,
                "The error of the response to 8 in event #3 is not a JSON-RPC error object."
            ),
            (
                FindingKind::IdReused,
                "The request 8 is answered again in event #4."
            ),
            (
                FindingKind::NotJsonRpc,
                "Event #6 is not a JSON-RPC 2.0 message."
            ),
        ]
    );
    // The batch's error response pairs with request 9 and reads as an error.
    assert!(exchange.entries().iter().any(|entry| matches!(
        &entry.kind,
        EntryKind::Response { id, outcome: Outcome::Error { code: -32601, message }, request: Some(_), .. }
            if id == "9" && message == "Method not found"
    )));
    for finding in exchange.findings() {
        assert!(!finding.cause.is_empty() && !finding.fix.is_empty());
    }
}

#[test]
fn a_missing_or_changed_session_id_is_found() {
    let mut exchange = Exchange::new();
    exchange.session(Some("s-1"), None, None);
    exchange.session(Some("s-1"), Some("s-1"), Some("s-2"));
    exchange.session(None, None, Some("s-3"));
    exchange.session(Some("s-1"), Some("s-1"), Some("s-1"));
    let kinds: Vec<FindingKind> = exchange
        .findings()
        .iter()
        .map(|finding| finding.kind)
        .collect();
    assert_eq!(
        kinds,
        [FindingKind::SessionMissing, FindingKind::SessionChanged]
    );
    assert_eq!(
        exchange.findings()[1].title,
        "The server answered with Mcp-Session-Id s-2, not s-1."
    );
}

#[test]
fn messages_are_read_as_json_rpc_2_0_and_ids_keep_their_type() {
    assert!(is_json_rpc(r#"{"jsonrpc":"2.0","method":"ping","id":1}"#));
    assert!(!is_json_rpc(r#"{"choices":[]}"#));
    assert!(!is_json_rpc("data"));
    assert_eq!(
        parse(r#"{"jsonrpc":"2.0","id":"1","result":{}}"#),
        Parsed::Messages {
            messages: vec![Message::Response {
                id: "\"1\"".into(),
                result: Some(serde_json::json!({})),
                error: None
            }],
            is_batch: false
        }
    );
    assert_eq!(
        parse("[]"),
        Parsed::NotJsonRpc("It is an empty batch.".into())
    );
    assert_eq!(
        parse(r#"{"jsonrpc":"2.0"}"#),
        Parsed::NotJsonRpc("It has neither a \"method\" nor an \"id\".".into())
    );
    let mut exchange = Exchange::new();
    exchange.sent(r#"{"jsonrpc":"2.0","id":1,"method":"a"}"#, 0.0);
    exchange.received(0, "", r#"{"jsonrpc":"2.0","id":"1","result":{}}"#, 5.0);
    assert_eq!(
        exchange.findings()[0].kind,
        FindingKind::UnknownResponse,
        "the string \"1\" does not answer the number 1"
    );
}
