//! AI streams: recognising a provider's streaming dialect from its events and adding the events
//! up to the answer they carry (text, reasoning, tool calls, finish reason, usage, errors), with
//! the token timing that matters to AI developers.
//!
//! Each dialect follows its provider's documented stream format:
//! - OpenAI Chat Completions: `chat.completion.chunk` objects, then `data: [DONE]`
//!   (platform.openai.com/docs/api-reference/chat-streaming);
//! - OpenAI Responses: typed `response.*` events, ending with `response.completed`
//!   (platform.openai.com/docs/api-reference/responses-streaming);
//! - Anthropic Messages: `message_start`, `content_block_*`, `message_delta`, `message_stop`
//!   (docs.anthropic.com/en/docs/build-with-claude/streaming);
//! - Google Gemini `streamGenerateContent?alt=sse`: one `GenerateContentResponse` per event
//!   (ai.google.dev/api/generate-content);
//! - Ollama's native `/api/chat` and `/api/generate`: NDJSON records, the last with `"done": true`
//!   (github.com/ollama/ollama/blob/main/docs/api.md);
//! - the Vercel AI SDK's UI message stream: typed parts by id, then `data: [DONE]`
//!   (ai-sdk.dev/docs/ai-sdk-ui/stream-protocol);
//! - AG-UI: typed events from `RUN_STARTED` to `RUN_FINISHED` (docs.ag-ui.com/concepts/events).
//!
//! A request may set its own rule instead (JSON paths for the text and the rest, see [`rule`]).
//!
//! Beside the answer, each dialect's event order is checked (see [`order`]).

mod ag_ui;
mod ai_sdk;
pub mod answer;
mod anthropic;
pub mod builder;
pub mod dialect;
mod gemini;
mod ollama;
mod openai_chat;
mod openai_responses;
pub mod order;
mod rule;
pub mod token_timing;

#[cfg(test)]
mod tests;
