//! `/demo/mcp-sse`: the same MCP server as `/demo/mcp` (rmcp's handler, [`super::mcp::Demo`])
//! over the older HTTP+SSE transport (MCP 2024-11-05), which servers built before Streamable HTTP
//! still speak and rmcp no longer serves: `GET /demo/mcp-sse` opens the session's stream, whose
//! first event, `endpoint`, names the URL to POST each message to; those POSTs are answered
//! `202 Accepted` and the answers come on the stream as `message` events. Only this HTTP wiring
//! is ours; rmcp runs the protocol over it (`SinkStreamTransport`). A session lasts as long as
//! its stream; at most [`super::mcp::MAX_SESSIONS`] at once.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{OriginalUri, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use futures_util::StreamExt;
use rmcp::ServiceExt;
use rmcp::model::{ClientJsonRpcMessage, ServerJsonRpcMessage};
use serde::Deserialize;
use tokio::sync::mpsc;

use super::mcp::Demo;

/// Messages waiting for the handler (or the stream) of one session before a sender waits.
const QUEUE: usize = 32;

/// The open sessions: each one's way to its handler.
#[derive(Clone)]
struct Sessions {
    open: Arc<Mutex<HashMap<String, mpsc::Sender<ClientJsonRpcMessage>>>>,
    max: usize,
}

impl Sessions {
    fn with<T>(
        &self,
        f: impl FnOnce(&mut HashMap<String, mpsc::Sender<ClientJsonRpcMessage>>) -> T,
    ) -> T {
        f(&mut self.open.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

/// Ends a session when its stream's body is dropped (the client went away).
struct Leave(Sessions, String);

impl Drop for Leave {
    fn drop(&mut self) {
        self.0.with(|open| open.remove(&self.1));
    }
}

/// The routes: `GET /` the stream, `POST /messages?session_id=…` a message; at most
/// `max_sessions` streams at once (503 with Retry-After beyond).
pub fn routes(max_sessions: usize) -> Router {
    let sessions = Sessions {
        open: Arc::default(),
        max: max_sessions,
    };
    Router::new()
        .route("/", get(open))
        .route("/messages", post(message))
        .with_state(sessions)
}

async fn open(State(sessions): State<Sessions>, OriginalUri(uri): OriginalUri) -> Response {
    let id = uuid::Uuid::now_v7().simple().to_string();
    let (to_handler, from_client) = mpsc::channel::<ClientJsonRpcMessage>(QUEUE);
    let is_open = sessions
        .with(|open| (open.len() < sessions.max).then(|| open.insert(id.clone(), to_handler)));
    if is_open.is_none() {
        let message = format!(
            "The demo keeps {} MCP sessions at once; close a stream or try again later.",
            sessions.max
        );
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::RETRY_AFTER, "60")],
            message,
        )
            .into_response();
    }
    let (to_client, from_handler) = mpsc::channel::<ServerJsonRpcMessage>(QUEUE);
    let sink = Box::pin(futures_util::sink::unfold(
        to_client,
        |to_client, message: ServerJsonRpcMessage| async move {
            to_client.send(message).await.map(|()| to_client)
        },
    ));
    let received = Box::pin(futures_util::stream::unfold(
        from_client,
        |mut from_client| async move { Some((from_client.recv().await?, from_client)) },
    ));
    tokio::spawn(async move {
        // Until the client initializes and then goes away (its stream dropped: `Leave`).
        if let Ok(running) = Demo.serve((sink, received)).await {
            let _ = running.waiting().await;
        }
    });
    let endpoint = format!(
        "{}/messages?session_id={id}",
        uri.path().trim_end_matches('/')
    );
    let first = format!("event: endpoint\ndata: {endpoint}\n\n");
    let leave = Leave(sessions, id);
    let messages = futures_util::stream::unfold(
        (from_handler, leave),
        |(mut from_handler, leave)| async move {
            let message = from_handler.recv().await?;
            let json = serde_json::to_string(&message).unwrap_or_default();
            let event = Bytes::from(format!("event: message\ndata: {json}\n\n"));
            Some((Ok::<_, std::io::Error>(event), (from_handler, leave)))
        },
    );
    let body = futures_util::stream::once(async move { Ok(Bytes::from(first)) }).chain(messages);
    (
        [
            (header::CONTENT_TYPE, "text/event-stream"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        Body::from_stream(body),
    )
        .into_response()
}

#[derive(Deserialize)]
struct Session {
    session_id: String,
}

async fn message(
    State(sessions): State<Sessions>,
    Query(session): Query<Session>,
    body: Bytes,
) -> Response {
    let Some(to_handler) = sessions.with(|open| open.get(&session.session_id).cloned()) else {
        return (
            StatusCode::NOT_FOUND,
            "No such session: open its stream first (GET /demo/mcp-sse), then post to the URL of \
             its endpoint event.",
        )
            .into_response();
    };
    let message = match serde_json::from_slice::<ClientJsonRpcMessage>(&body) {
        Ok(message) => message,
        Err(error) => {
            return (
                StatusCode::BAD_REQUEST,
                format!("Not a JSON-RPC message of an MCP client: {error}."),
            )
                .into_response();
        }
    };
    match to_handler.send(message).await {
        Ok(()) => StatusCode::ACCEPTED.into_response(),
        Err(_) => (StatusCode::NOT_FOUND, "The session has ended.").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use tower::ServiceExt as _;

    use super::*;

    /// The next event of `body`: (type, data).
    async fn next_event(
        body: &mut axum::body::BodyDataStream,
        held: &mut String,
    ) -> (String, String) {
        loop {
            if let Some(end) = held.find("\n\n") {
                let block: String = held.drain(..end + 2).collect();
                let field = |name: &str| {
                    block
                        .lines()
                        .find_map(|line| line.strip_prefix(name))
                        .unwrap_or_default()
                        .to_owned()
                };
                return (field("event: "), field("data: "));
            }
            let chunk = body.next().await.expect("more").expect("bytes");
            held.push_str(std::str::from_utf8(&chunk).expect("UTF-8"));
        }
    }

    #[tokio::test]
    async fn the_stream_names_its_endpoint_and_answers_what_is_posted_there() {
        let router = Router::new().nest("/demo/mcp-sse", routes(2));
        let get = axum::http::Request::get("/demo/mcp-sse")
            .body(Body::empty())
            .expect("a request");
        let response = router.clone().oneshot(get).await.expect("answers");
        assert_eq!(response.headers()["content-type"], "text/event-stream");
        let mut body = response.into_body().into_data_stream();
        let mut held = String::new();
        let (kind, endpoint) = next_event(&mut body, &mut held).await;
        assert_eq!(kind, "endpoint");
        assert!(
            endpoint.starts_with("/demo/mcp-sse/messages?session_id="),
            "{endpoint}"
        );
        let post = |json: &str| {
            axum::http::Request::post(endpoint.as_str())
                .header("content-type", "application/json")
                .body(Body::from(json.to_owned()))
                .expect("a request")
        };
        let initialize = r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2024-11-05","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#;
        let accepted = router
            .clone()
            .oneshot(post(initialize))
            .await
            .expect("answers");
        assert_eq!(accepted.status(), StatusCode::ACCEPTED);
        let (kind, data) = next_event(&mut body, &mut held).await;
        assert_eq!(kind, "message");
        assert!(
            data.contains(r#""id":1"#) && data.contains("serverInfo"),
            "{data}"
        );
        let initialized = r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#;
        router
            .clone()
            .oneshot(post(initialized))
            .await
            .expect("answers");
        let add = r#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"add","arguments":{"a":2,"b":3}}}"#;
        router.clone().oneshot(post(add)).await.expect("answers");
        let (_, data) = next_event(&mut body, &mut held).await;
        assert!(
            data.contains(r#""id":2"#) && data.contains(r#""text":"5""#),
            "{data}"
        );
        // Not JSON-RPC, or a session that does not exist: said, nothing queued.
        let junk = router.clone().oneshot(post("[1")).await.expect("answers");
        assert_eq!(junk.status(), StatusCode::BAD_REQUEST);
        drop(body);
        let gone = router.oneshot(post(add)).await.expect("answers");
        assert_eq!(
            gone.status(),
            StatusCode::NOT_FOUND,
            "the session ends with its stream"
        );
    }

    #[tokio::test]
    async fn streams_beyond_the_cap_are_refused_with_503() {
        let router = routes(1);
        let get = || {
            axum::http::Request::get("/")
                .body(Body::empty())
                .expect("a request")
        };
        let first = router.clone().oneshot(get()).await.expect("answers");
        assert_eq!(first.status(), StatusCode::OK);
        let second = router.oneshot(get()).await.expect("answers");
        assert_eq!(second.status(), StatusCode::SERVICE_UNAVAILABLE);
        drop(first);
    }
}
