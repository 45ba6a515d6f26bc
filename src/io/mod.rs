//! The only code that touches `web_sys` / `js_sys`: the fetch stream, the clocks, the clipboard.

pub mod clipboard;
pub mod clock;
pub mod fetch_stream;
