//! SSE Studio: a browser app for testing and debugging Server-Sent Events streams.
//!
//! Pure logic lives in [`model`] (tested natively), browser I/O in [`io`], reactive state and
//! actions in [`state`], and the Leptos views in [`components`]. See ARCHITECTURE.md.

mod app;
mod components;
mod io;
mod model;
mod state;

fn main() {
    io::panic_notice::install();
    leptos::mount::mount_to_body(app::App);
}
