//! The only code that touches `web_sys` / `js_sys`: the fetch stream and the clocks.

pub mod clock;
pub mod fetch_stream;
