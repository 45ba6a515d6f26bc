//! `sse-studio-core`: SSE Studio's pure logic — requests, variables, decoding sessions,
//! diagnostics, AI answers, share links, the file formats — with no leptos, web-sys or js-sys
//! dependency (the compiler enforces it), built natively and for wasm32, so that the browser app,
//! the server and the coming CLI agree by construction. Unit-tested natively.
//!
//! Much of it reads text of someone else's choosing (pasted commands, imported files, share links,
//! servers' bytes), and a panic kills the whole wasm app: strings are sliced only with checked
//! forms (`get`, `split_at_checked`, `floor_char_boundary`), never `&text[a..b]`, which panics
//! off a character boundary. Clippy enforces it outside tests.

#![cfg_attr(not(test), deny(clippy::string_slice))]

#[cfg(all(test, not(target_arch = "wasm32")))]
mod hostile_input_tests;

pub mod activity;
pub mod ai;
pub mod auth;
pub mod badge;
pub mod clock;
pub mod close_reason;
pub mod collection;
pub mod connection_limit;
pub mod connection_run;
pub mod curl;
pub mod diagnostics;
pub mod event_filter;
pub mod excerpt;
pub mod export;
pub mod hex_dump;
pub mod history;
pub mod json_text;
pub mod media_type;
pub mod open_tabs;
pub mod origin;
pub mod raw_stream;
pub mod reconnect;
pub mod relay;
pub mod reopen;
pub mod request;
pub mod resume_check;
pub mod search;
pub mod secrets;
pub mod session_log;
pub mod share_link;
pub mod template;
pub mod text_arena;
pub mod theme;
pub mod timeline_window;
pub mod timing;
pub mod trust;
pub mod variables;
