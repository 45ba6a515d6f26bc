//! The only code that touches `web_sys` / `js_sys`: the fetch stream, the clocks, the clipboard,
//! downloads, picked files, the checks' matchers module, preferences, the page's URL fragment, the service worker, the
//! other tabs, and the notice shown if the app panics.

pub mod broadcast;
pub mod clipboard;
pub mod clock;
pub mod download;
pub mod fetch_stream;
pub mod file;
pub mod location;
pub mod matchers;
pub mod panic_notice;
pub mod preferences;
pub mod schedule;
pub mod service_worker;
pub mod storage;
