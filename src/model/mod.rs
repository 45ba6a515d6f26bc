//! Pure logic: no leptos, no web-sys, so all of it is unit-tested natively.

pub mod activity;
pub mod auth;
pub mod badge;
pub mod clock;
pub mod close_reason;
pub mod collection;
pub mod connection_run;
pub mod curl;
pub mod diagnostics;
pub mod event_filter;
pub mod export;
pub mod hex_dump;
pub mod history;
pub mod json_text;
pub mod media_type;
pub mod raw_stream;
pub mod relay;
pub mod request;
pub mod search;
pub mod secrets;
pub mod session_log;
pub mod text_arena;
pub mod theme;
pub mod timeline_window;
pub mod timing;
pub mod variables;
