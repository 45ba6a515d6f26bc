//! `<App/>`: provides the state and lays out the page.

use leptos::ev;
use leptos::prelude::*;

use crate::components::inspector::Inspector;
use crate::components::request::{
    BodyEditor, CurlTools, EnvironmentPicker, ExampleMenu, HeadersTable, OpenStream, RequestBar,
    SaveButton, VariableHints,
};
use crate::components::response::ResponseView;
use crate::components::sidebar::Sidebar;
use crate::components::timeline::Timeline;
use crate::components::{ThemeToggle, Toast};
use crate::state::{AppState, Library, TimelineState, session};

/// The whole page: request editor on top, then the response: a body, or the timeline beside the
/// inspector.
#[component]
pub fn App() -> impl IntoView {
    let origin = window().location().origin().unwrap_or_default();
    let state = AppState::provide(&origin);
    let timeline = TimelineState::provide(state);
    let library = Library::provide(state);

    // From anywhere on the page (Cmd on macOS): Ctrl+Enter sends, Ctrl+F searches the events.
    let keys = window_event_listener(ev::keydown, move |event| {
        if !(event.ctrl_key() || event.meta_key()) {
            return;
        }
        match event.key().as_str() {
            "Enter" => {
                event.prevent_default();
                session::send(state, library);
            }
            "s" | "S" => {
                event.prevent_default();
                library.save_request(state, event.shift_key());
            }
            "f" | "F" => {
                if let Some(input) = timeline.search_input.get_untracked() {
                    event.prevent_default();
                    let _ = input.focus();
                    input.select();
                }
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());

    view! {
        <header class="app-header">
            <h1 class="app-title">"SSE Studio"</h1>
            <div class="app-header-tools">
                <ExampleMenu/>
                <ThemeToggle/>
            </div>
        </header>
        <div class="app-body">
            <Sidebar/>
            <main class="app-main">
                <section class="request-panel" aria-label="Request">
                    <EnvironmentPicker/>
                    <RequestBar/>
                    <VariableHints/>
                    <div class="request-tools">
                        <SaveButton/>
                        <CurlTools/>
                    </div>
                    <HeadersTable/>
                    <BodyEditor/>
                    <OpenStream/>
                </section>
                <section class="response-panel" aria-label="Response">
                    <ResponseView/>
                    <div class="stream-view">
                        <Timeline/>
                        <Inspector/>
                    </div>
                </section>
            </main>
        </div>
        <Toast/>
    }
}
