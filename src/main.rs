//! SSE Studio: a browser app for testing and debugging Server-Sent Events streams.
//!
//! Pure logic lives in the `sse-studio-core` crate (as [`model`], tested natively), browser I/O in [`io`], reactive state and
//! actions in [`state`], and the Leptos views in [`components`]. See ARCHITECTURE.md.

mod app;
mod components;
mod io;
mod state;

/// The pure logic, from the `sse-studio-core` crate, under the name the app has always used.
use sse_studio_core as model;

fn main() {
    io::panic_notice::install();
    leptos::mount::mount_to_body(app::App);
}
