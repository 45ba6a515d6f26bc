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

pub mod ai;
pub mod analysis;
pub mod checks;
pub mod library;
pub mod present;
pub mod request;
pub mod session;
