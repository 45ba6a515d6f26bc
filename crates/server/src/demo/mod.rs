//! Demo streams under `/demo/`: what a first-time user and the end-to-end tests connect to.
//! Their payloads follow the providers' published formats.

mod anthropic;
mod assembled;
pub mod broken;
pub mod budget;
mod echo;
mod flood;
mod hostile;
mod mcp;
mod mcp_sse;
mod openai;
pub mod recorded;
mod reply;
mod resumable;
mod ticks;
mod truncated;

use axum::routing::{get, post};
use axum::{Extension, Router};

use budget::DemoLimits;

/// `GET /ticks`, `POST /openai/chat/completions`, `POST /anthropic/messages`, `GET /truncated`,
/// `GET /flood`, `GET /hostile`, `GET|POST /echo`, `GET /resumable`, `GET /forgetful`, `GET|POST /ai/{sample}`,
/// `/mcp` (an MCP server: POST messages, GET the session's stream, DELETE the session),
/// `/mcp-sse` (the same over the older HTTP+SSE transport: GET the stream, POST to its endpoint),
/// each response held to `limits` (see [`budget`]).
pub fn routes(limits: DemoLimits) -> Router {
    Router::new()
        .route("/ticks", get(ticks::ticks))
        .route("/openai/chat/completions", post(openai::chat_completions))
        .route("/anthropic/messages", post(anthropic::messages))
        .route("/truncated", get(truncated::truncated))
        .route("/flood", get(flood::flood))
        .route("/hostile", get(hostile::hostile))
        .route("/echo", get(echo::echo).post(echo::echo))
        .route("/resumable", get(resumable::resumable))
        .route("/forgetful", get(resumable::forgetful))
        .route(
            "/ai/{sample}",
            get(recorded::recorded).post(recorded::recorded),
        )
        .nest_service("/mcp", mcp::routes(mcp::MAX_SESSIONS))
        .nest("/mcp-sse", mcp_sse::routes(mcp::MAX_SESSIONS))
        .layer(axum::middleware::map_response(move |response| async move {
            budget::capped(response, limits)
        }))
        .layer(Extension(limits))
}
