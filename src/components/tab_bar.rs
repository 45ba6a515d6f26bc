//! `<TabBar/>`: the open request tabs: each named after its saved request (or its method and
//! path), with a dot for unsaved changes and a mark while it streams; click to switch, × to close
//! (asking first when there are unsaved changes), + for a new empty request.

use leptos::prelude::*;

use crate::state::workspace::Tab;
use crate::state::{AppState, Library, Workspace, saving};

#[component]
pub fn TabBar() -> impl IntoView {
    let workspace = Workspace::expect();
    let tabs = move || workspace.tabs.get();
    view! {
        <nav class="tab-bar" aria-label="Open requests">
            <div class="tab-list">
                <For each=tabs key=|tab| tab.id let:tab>
                    <TabHandle tab=tab/>
                </For>
            </div>
            <button type="button" class="tab-new" data-testid="tab-new" aria-label="New request tab"
                title="New request tab" on:click=move |_| workspace.open_new()>"+"</button>
        </nav>
    }
}

#[component]
fn TabHandle(tab: Tab) -> impl IntoView {
    let workspace = Workspace::expect();
    let library = Library::expect();
    let (id, app) = (tab.id, tab.app);
    let is_active = move || workspace.active.get() == id;
    let is_dirty = move || saving::has_unsaved_changes(app, library);
    let title = move || title_of(library, app);
    let close = move |event: leptos::ev::MouseEvent| {
        event.stop_propagation();
        let (is_dirty, title) = untrack(|| {
            (
                saving::has_unsaved_changes(app, library),
                title_of(library, app),
            )
        });
        let question = format!("Close “{title}” without saving its changes?");
        if !is_dirty || window().confirm_with_message(&question).unwrap_or(false) {
            workspace.close(id);
        }
    };
    view! {
        // The tab is the button that shows it; Close is beside it, not inside (a control in a
        // control is not reachable by assistive technology).
        <div class="tab" class:tab-active=is_active data-testid="request-tab">
            <button type="button" class="tab-select" aria-current=move || is_active().then_some("page")
                on:click=move |_| workspace.active.set(id)>
                <Show when=move || app.is_streaming.get()>
                    <span class="tab-live" aria-label="streaming" title="Streaming">"◉"</span>
                </Show>
                <span class="tab-title" data-testid="request-tab-title">{title}</span>
                <Show when=is_dirty>
                    <span class="unsaved-dot" data-testid="tab-unsaved-dot" title="Unsaved changes" aria-label="unsaved changes">"●"</span>
                </Show>
            </button>
            <button type="button" class="tab-close" data-testid="tab-close"
                aria-label=move || format!("Close the tab {}", title())
                on:click=close>"×"</button>
        </div>
    }
}

/// The tab's name: its saved request's, else its method and path, else "New request".
fn title_of(library: Library, app: AppState) -> String {
    let saved = app
        .opened
        .get()
        .and_then(|opened| library.saved(&opened.collection_id, &opened.request_id))
        .map(|request| request.name);
    saved.unwrap_or_else(|| {
        app.draft.with(|draft| {
            if draft.url.trim().is_empty() {
                "New request".to_owned()
            } else {
                draft.default_name()
            }
        })
    })
}
