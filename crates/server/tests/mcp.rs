//! `/demo/mcp` (the official SDK's Streamable HTTP server) read as the app reads it: decoded with
//! sse-codec, its conversation built by core's `jsonrpc::Exchange`.

use std::path::Path;
use std::time::Duration;

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode};
use sse_codec::{Decoder, Item};
use sse_studio_core::jsonrpc::exchange::{Detail, EntryKind, Exchange, Outcome};
use sse_studio_server::Config;
use tower::ServiceExt;

/// POSTs `body` to `/demo/mcp` (with `session` as `Mcp-Session-Id`, if any): the status, the
/// session id answered and the body.
async fn post(
    app: &axum::Router,
    body: &str,
    session: Option<&str>,
) -> (StatusCode, Option<String>, String) {
    let mut request = Request::post("/demo/mcp")
        .header("host", "127.0.0.1")
        .header("content-type", "application/json")
        .header("accept", "application/json, text/event-stream")
        .header("mcp-protocol-version", "2025-11-25");
    if let Some(session) = session {
        request = request.header("mcp-session-id", session);
    }
    let response = app
        .clone()
        .oneshot(
            request
                .body(Body::from(body.to_owned()))
                .expect("a request"),
        )
        .await
        .expect("the router answers");
    let status = response.status();
    let session = response
        .headers()
        .get("mcp-session-id")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let body = tokio::time::timeout(
        Duration::from_secs(10),
        to_bytes(response.into_body(), 1 << 20),
    )
    .await
    .expect("the response stream ends after its response")
    .expect("a body");
    (status, session, String::from_utf8_lossy(&body).into_owned())
}

/// `body` sent and `stream` received, as a conversation.
fn conversation(body: &str, stream: &str) -> Exchange {
    let mut exchange = Exchange::new();
    exchange.sent(body, 0.0);
    let mut items = Vec::new();
    let mut decoder = Decoder::new();
    decoder.feed(stream.as_bytes(), &mut items);
    let events = items.into_iter().filter_map(|item| match item {
        Item::Event(event) => Some(event),
        _ => None,
    });
    for (index, event) in events.enumerate() {
        exchange.received(index, &event.last_event_id, &event.data, index as f64);
    }
    exchange
}

#[tokio::test]
async fn a_session_calls_a_tool_that_streams_progress_before_its_result() {
    let initialize = r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"sse-studio-test","version":"1"}}}"#;
    // One router for the whole session: the sessions live in its MCP service.
    let app = sse_studio_server::app(Path::new("/nonexistent-dist"), Config::default());
    let (status, session, stream) = post(&app, initialize, None).await;
    assert_eq!(status, StatusCode::OK, "{stream}");
    let session = session.expect("a session id");
    let exchange = conversation(initialize, &stream);
    assert!(
        matches!(
            exchange.entries()[0].kind,
            EntryKind::Request {
                answered_by: Some(_),
                ..
            }
        ),
        "{stream}"
    );
    assert_eq!(exchange.findings(), &[]);

    let initialized = r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#;
    let (status, ..) = post(&app, initialized, Some(&session)).await;
    assert_eq!(status, StatusCode::ACCEPTED);

    let call = r#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"forecast","arguments":{"latitude":48.9},"_meta":{"progressToken":"p-2"}}}"#;
    let (status, answered, stream) = post(&app, call, Some(&session)).await;
    assert_eq!(status, StatusCode::OK);
    let mut exchange = conversation(call, &stream);
    exchange.session(Some(&session), Some(&session), answered.as_deref());
    assert_eq!(exchange.findings(), &[], "{stream}");
    let kinds: Vec<&EntryKind> = exchange.entries().iter().map(|entry| &entry.kind).collect();
    assert!(matches!(kinds[1], EntryKind::Priming { .. }), "{stream}");
    let percents: Vec<f64> = kinds
        .iter()
        .filter_map(|kind| match kind {
            EntryKind::Notification {
                detail: Detail::Progress { percent, .. },
                ..
            } => percent.map(f64::round),
            _ => None,
        })
        .collect();
    assert_eq!(percents, [33.0, 67.0, 100.0]);
    assert!(matches!(
        kinds.last(),
        Some(EntryKind::Response {
            request: Some(0),
            outcome: Outcome::Result,
            ..
        })
    ));
    assert!(
        stream.contains("14 °C tomorrow at latitude 48.9"),
        "{stream}"
    );
}
