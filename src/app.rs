//! `<App/>`: provides the state and lays out the page.

use leptos::ev;
use leptos::prelude::*;

use crate::components::request::{
    EnvironmentPicker, ExampleMenu, RequestBar, RequestDetails, SaveButton, VariableHints,
};
use crate::components::sidebar::Sidebar;
use crate::components::timeline::Timeline;
use crate::components::{
    ShortcutSheet, SidePane, Splitter, TabBar, ThemeToggle, Toast, UpdateBanner,
};
use crate::io::{self, preferences};
use crate::model::present::layout::Split;
use crate::state::{
    AppState, FolderRun, LazyMatchers, Library, Settings, TimelineState, Toaster, Workspace,
    saving, session, share,
};

/// The whole page: the sidebar, and for the active tab the request editor on top, then the
/// response: a body, or the timeline beside the inspector.
#[component]
pub fn App() -> impl IntoView {
    let origin = window().location().origin().unwrap_or_default();
    let toaster = Toaster::new();
    let settings = Settings::load(&origin);
    let library = Library::provide(toaster);
    let lazy = LazyMatchers::provide();
    let workspace = Workspace::provide(&origin, toaster, settings);
    FolderRun::provide(workspace, library, lazy);

    // From anywhere on the page (Cmd on macOS): Ctrl+Enter sends, Ctrl+S saves, Ctrl+F searches
    // the events — of the active tab.
    let shortcuts_open = RwSignal::new(false);
    let keys = window_event_listener(ev::keydown, move |event| {
        if event.key() == "?" && !io::is_typing(&event) {
            shortcuts_open.update(|open| *open = !*open);
            return;
        }
        if !(event.ctrl_key() || event.meta_key()) {
            return;
        }
        let tab = workspace.active_tab_untracked();
        let (state, timeline) = (tab.app, tab.timeline);
        match event.key().as_str() {
            "Enter" => {
                event.prevent_default();
                session::send(state, library);
            }
            "s" | "S" => {
                event.prevent_default();
                saving::save(state, library, event.shift_key());
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

    // A share link: the one the page was opened with, and one pasted into the address bar later.
    share::open_from_location(workspace, toaster);
    let links = window_event_listener(ev::hashchange, move |_| {
        share::open_from_location(workspace, toaster);
    });
    on_cleanup(move || links.remove());

    // Leaving (or reloading) with a saved request edited and not saved asks first; drafts of
    // requests never saved come back after a reload (see `Workspace`).
    let leaving = window_event_listener(ev::beforeunload, move |event| {
        let has_unsaved = untrack(|| {
            workspace.tabs.with(|tabs| {
                tabs.iter()
                    .any(|tab| saving::has_unsaved_changes(tab.app, library))
            })
        });
        // A save or a run's history still being written is lost by leaving now too.
        if has_unsaved || library.is_busy() {
            event.prevent_default();
        }
    });
    on_cleanup(move || leaving.remove());

    // The sidebar is the app's; the header tools and the main area are the active tab's, drawn
    // again for the tab switched to (its state lives in the tab, not in the view).
    // Keyed by tab: switching tabs removes one tab's views and builds the other's afresh, never
    // patching one tab's views into the other's (a closed tab's are already disposed).
    let for_active_tab = move |part: fn() -> AnyView| {
        view! {
            <For each=move || [workspace.active_tab()] key=|tab| tab.id let:tab>
                {tab.view(part)}
            </For>
        }
    };
    // Folded on a narrow window unless the user opened it; remembered.
    let is_sidebar_open = RwSignal::new(
        preferences::layout(SIDEBAR)
            .map_or_else(|| viewport_px().0 >= 1000.0, |open| open == "true"),
    );
    let toggle_sidebar = move |_| {
        let open = !is_sidebar_open.get_untracked();
        is_sidebar_open.set(open);
        preferences::set_layout(SIDEBAR, &open.to_string());
    };
    view! {
        <header class="app-header">
            <button type="button" class="sidebar-toggle" data-testid="sidebar-toggle"
                aria-expanded=move || is_sidebar_open.get().to_string()
                aria-label=move || if is_sidebar_open.get() { "Hide the sidebar" } else { "Show the sidebar: saved requests and history" }
                on:click=toggle_sidebar>"\u{2630}"</button>
            <h1 class="app-title">"SSE Studio"</h1>
            <button type="button" class="sidebar-toggle" data-testid="shortcuts-open" aria-label="Keyboard shortcuts"
                title="Keyboard shortcuts (?)" on:click=move |_| shortcuts_open.set(true)>"?"</button>
            {for_active_tab(|| view! {
                <div class="app-header-tools">
                    <ExampleMenu/>
                    <ThemeToggle/>
                </div>
            }.into_any())}
        </header>
        <div class="app-body" class:sidebar-folded=move || !is_sidebar_open.get()>
            <Show when=move || is_sidebar_open.get()>
                <Sidebar/>
            </Show>
            {for_active_tab(|| view! { <TabMain/> }.into_any())}
        </div>
        <ShortcutSheet is_open=shortcuts_open/>
        <Toast/>
        <UpdateBanner/>
    }
}

/// The active tab's request editor and response (its `AppState` and `TimelineState` are in
/// context).
#[component]
fn TabMain() -> impl IntoView {
    // The splits, in CSS px of this window, as the user last left them.
    let (width, height) = viewport_px();
    let request = RwSignal::new(Split::new(
        height * 0.4,
        96.0,
        height * 0.8,
        preferences::layout(REQUEST_SPLIT).as_deref(),
    ));
    let side = RwSignal::new(Split::new(
        width * 0.3,
        240.0,
        width * 0.65,
        preferences::layout(SIDE_SPLIT).as_deref(),
    ));
    // On a narrow window one part shows at a time: a run shows its events, an event opened the
    // inspector.
    let state = AppState::expect();
    let timeline = TimelineState::expect();
    let narrow = RwSignal::new("request");
    Effect::new(move |was_streaming: Option<bool>| {
        let is_streaming = state.is_streaming.get();
        if is_streaming && was_streaming == Some(false) {
            narrow.set("events");
        }
        is_streaming
    });
    Effect::new(move |previous: Option<Option<usize>>| {
        let selected = timeline
            .selected
            .get()
            .filter(|_| timeline.is_inspecting.get());
        if selected.is_some() && previous.is_some_and(|previous| previous != selected) {
            narrow.set("side");
        }
        selected
    });
    view! {
        <main class="app-main" data-narrow=move || narrow.get()>
            <nav class="narrow-tabs" aria-label="Show">
                {[("request", "Request"), ("events", "Events"), ("side", "Inspector")].into_iter().map(|(id, name)| view! {
                    <button type="button" class="details-tab" data-testid=format!("narrow-tab-{id}")
                        aria-pressed=move || (narrow.get() == id).to_string()
                        on:click=move |_| narrow.set(id)>{name}</button>
                }).collect_view()}
            </nav>
            <TabBar/>
            <section class="request-panel" aria-label="Request"
                style:max-height=move || format!("{}px", request.get().px)>
                <div class="request-line">
                    <RequestBar/>
                    <SaveButton/>
                    <EnvironmentPicker/>
                </div>
                <VariableHints/>
                <RequestDetails/>
            </section>
            <Splitter split=request is_vertical=false grows_forward=true key=REQUEST_SPLIT
                label="Request and stream"/>
            <section class="response-panel" aria-label="Response">
                <div class="stream-view">
                    <Timeline/>
                    <Splitter split=side is_vertical=true grows_forward=false key=SIDE_SPLIT
                        label="Timeline and side pane"/>
                    <div class="side-column" style:width=move || format!("{}px", side.get().px)>
                        <SidePane/>
                    </div>
                </div>
            </section>
        </main>
    }
}

/// Layout keys of the splits and the sidebar (see `preferences::layout`).
const REQUEST_SPLIT: &str = "request-px";
const SIDE_SPLIT: &str = "side-px";
const SIDEBAR: &str = "sidebar-open";

/// The window's inner width and height, in CSS px.
fn viewport_px() -> (f64, f64) {
    let size = |value: Result<wasm_bindgen::JsValue, _>| value.ok().and_then(|v| v.as_f64());
    (
        size(window().inner_width()).unwrap_or(1366.0),
        size(window().inner_height()).unwrap_or(768.0),
    )
}
