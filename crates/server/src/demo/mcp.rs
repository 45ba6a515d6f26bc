//! `/demo/mcp`: a Model Context Protocol server over Streamable HTTP, built on the official Rust
//! SDK (`rmcp`) rather than by hand, so what the app shows of it is what real servers send. Two
//! tools: `add` (the sum of `a` and `b`, at once) and `forecast` (a progress notification every
//! 300 ms, three in all, when the call carries a progress token, then its result); a session per
//! `initialize` (`Mcp-Session-Id`, at most [`MAX_SESSIONS`] at once), and resumable streams (a
//! priming event with `retry` first); `?drop_after=N` resets a POST's stream after N events, to
//! try a client's resumption.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::IntoResponse;
use axum::response::Response;
use futures_util::StreamExt;
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, JsonObject,
    ListToolsResult, PaginatedRequestParams, ProgressNotificationParam, ServerCapabilities,
    ServerConfig, Tool,
};
use rmcp::service::RequestContext;
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use rmcp::{ErrorData, RoleServer, ServerHandler};
use serde_json::{Value, json};

/// Time between the `forecast` tool's progress notifications, unless the call says `step_ms`.
const STEP: Duration = Duration::from_millis(300);

/// The demo server's handler.
#[derive(Debug, Clone, Copy)]
pub struct Demo;

/// An input schema: an object with these number properties, all required.
fn numbers(names: &[&str]) -> Arc<JsonObject> {
    let properties: serde_json::Map<String, Value> = names
        .iter()
        .map(|name| ((*name).to_owned(), json!({ "type": "number" })))
        .collect();
    let schema = json!({ "type": "object", "properties": properties, "required": names });
    Arc::new(schema.as_object().cloned().unwrap_or_default())
}

fn number(request: &CallToolRequestParams, name: &str) -> Result<f64, ErrorData> {
    request
        .arguments
        .as_ref()
        .and_then(|arguments| arguments.get(name))
        .and_then(Value::as_f64)
        .ok_or_else(|| ErrorData::invalid_params(format!("`{name}` must be a number"), None))
}

impl ServerHandler for Demo {
    fn get_info(&self) -> ServerConfig {
        // Resources and prompts too (empty lists), so that every list template has an answer.
        ServerConfig::new(
            ServerCapabilities::builder()
                .enable_tools()
                .enable_resources()
                .enable_prompts()
                .build(),
        )
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(vec![
            Tool::new("add", "The sum of a and b.", numbers(&["a", "b"])),
            Tool::new(
                "forecast",
                "Tomorrow's temperature at a latitude, with progress on the way.",
                numbers(&["latitude"]),
            ),
        ]))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        match request.name.as_ref() {
            "add" => {
                let sum = number(&request, "a")? + number(&request, "b")?;
                Ok(CallToolResult::success(vec![ContentBlock::text(sum.to_string())]).into())
            }
            "forecast" => {
                let latitude = number(&request, "latitude")?;
                // A slower forecast (`step_ms`, at most 5 s a step) leaves time to resume a
                // dropped stream before the result.
                let pace = number(&request, "step_ms").map_or(STEP, |ms| {
                    Duration::from_millis(ms.clamp(0.0, 5000.0) as u64)
                });
                if let Some(token) = context.meta.get_progress_token() {
                    for (step, what) in ["Reading the models", "Blending", "Rounding"]
                        .into_iter()
                        .enumerate()
                    {
                        tokio::time::sleep(pace).await;
                        let progress =
                            ProgressNotificationParam::new(token.clone(), step as f64 + 1.0)
                                .with_total(3.0)
                                .with_message(what);
                        // A client that went away: the result is not wanted either.
                        if context.peer.notify_progress(progress).await.is_err() {
                            break;
                        }
                    }
                }
                let celsius = (30.0 - latitude.abs() / 3.0).round();
                Ok(CallToolResult::success(vec![ContentBlock::text(format!(
                    "{celsius} °C tomorrow at latitude {latitude}"
                ))])
                .into())
            }
            other => Err(ErrorData::invalid_params(
                format!("No tool {other}: use add or forecast."),
                None,
            )),
        }
    }
}

/// Sessions `/demo/mcp` keeps at once; an `initialize` beyond them is answered `503` (rmcp drops a
/// session after 300 s without requests, and has no cap of its own).
pub const MAX_SESSIONS: usize = 100;

/// The routes of `/demo/mcp`: rmcp's Streamable HTTP service (sessions, and priming events that
/// tell clients to reconnect after 3 s), in front of it the cap of `max_sessions` sessions.
pub fn routes(max_sessions: usize) -> Router {
    let mut config = StreamableHttpServerConfig::default();
    config.sse_retry = Some(Duration::from_secs(3));
    config.legacy_session_mode = true;
    let sessions = Arc::new(LocalSessionManager::default());
    let service = StreamableHttpService::new(|| Ok(Demo), sessions.clone(), config);
    Router::new()
        .fallback_service(service)
        .layer(axum::middleware::from_fn(
            move |request: Request, next: Next| {
                let sessions = sessions.clone();
                async move {
                    // A request without a session id starts one.
                    let starts_one = request.method() == Method::POST
                        && !request.headers().contains_key("mcp-session-id");
                    if starts_one && sessions.sessions.read().await.len() >= max_sessions {
                        let message = format!(
                            "The demo keeps {max_sessions} MCP sessions at once; end one (DELETE \
                             with its Mcp-Session-Id) or wait 5 minutes for idle ones to go."
                        );
                        return (
                            StatusCode::SERVICE_UNAVAILABLE,
                            [(header::RETRY_AFTER, "60")],
                            message,
                        )
                            .into_response();
                    }
                    let drop_after = request
                        .uri()
                        .query()
                        .and_then(|query| query.strip_prefix("drop_after="))
                        .and_then(|n| n.parse::<usize>().ok())
                        .filter(|_| request.method() == Method::POST);
                    let response = next.run(request).await;
                    match drop_after {
                        Some(events) => {
                            let (parts, body) = response.into_parts();
                            Response::from_parts(parts, dropped_after(body, events))
                        }
                        None => response,
                    }
                }
            },
        ))
}

/// `body` cut off as soon as its `events`th event has ended (a blank line), as a network error
/// (the connection is reset, not ended): how `?drop_after=N` lets a client's resumption be
/// tried — the session goes on, and a GET with `Last-Event-ID` gets the rest.
fn dropped_after(body: Body, events: usize) -> Body {
    let frames = futures_util::stream::unfold(
        (body.into_data_stream(), 0),
        move |(mut frames, seen)| async move {
            if seen >= events {
                // Written first: an error drops what the connection has not sent yet.
                if seen != usize::MAX {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                let reset = std::io::Error::other("dropped by ?drop_after");
                // Ends the stream after the error: `usize::MAX` frames are never counted.
                return (seen != usize::MAX).then_some((Err(reset), (frames, usize::MAX)));
            }
            let frame = frames.next().await?;
            let seen = match &frame {
                Ok(frame) => seen + frame.windows(2).filter(|pair| pair == b"\n\n").count(),
                Err(_) => usize::MAX,
            };
            Some((frame.map_err(std::io::Error::other), (frames, seen)))
        },
    );
    Body::from_stream(frames)
}
