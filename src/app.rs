//! `<App/>`: provides the state and lays out the page.

use leptos::ev;
use leptos::prelude::*;

use crate::components::request::{BodyEditor, ExampleMenu, HeadersTable, RequestBar};
use crate::components::response::ResponseView;
use crate::components::timeline::Timeline;
use crate::state::{AppState, session};

/// The whole page: request editor on top, then the response (timeline or body).
#[component]
pub fn App() -> impl IntoView {
    let origin = window().location().origin().unwrap_or_default();
    let state = AppState::provide(&origin);

    // Ctrl+Enter (Cmd+Enter on macOS) sends from anywhere on the page.
    let keys = window_event_listener(ev::keydown, move |event| {
        if event.key() == "Enter" && (event.ctrl_key() || event.meta_key()) {
            event.prevent_default();
            session::send(state);
        }
    });
    on_cleanup(move || keys.remove());

    view! {
        <header class="app-header">
            <h1 class="app-title">"SSE Studio"</h1>
            <ExampleMenu/>
        </header>
        <main class="app-main">
            <section class="request-panel" aria-label="Request">
                <RequestBar/>
                <HeadersTable/>
                <BodyEditor/>
            </section>
            <section class="response-panel" aria-label="Response">
                <ResponseView/>
                <Timeline/>
            </section>
        </main>
    }
}
