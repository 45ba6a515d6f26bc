//! Pure logic: no leptos, no web-sys, so all of it is unit-tested natively.

pub mod badge;
pub mod clock;
pub mod close_reason;
pub mod connection_run;
pub mod diagnostics;
pub mod json_text;
pub mod media_type;
pub mod request;
pub mod session_log;
