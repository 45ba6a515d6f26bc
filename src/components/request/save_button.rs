//! `<SaveButton/>`: saves the request in the editor (Ctrl+S), or as a new one (Ctrl+Shift+S); a
//! dot shows when a saved request has unsaved changes.

use leptos::prelude::*;

use crate::state::{AppState, Library, saving};

#[component]
pub fn SaveButton() -> impl IntoView {
    let state = AppState::expect();
    let library = Library::expect();
    let is_dirty = move || saving::has_unsaved_changes(state, library);
    view! {
        <button type="button" class="button button-small" data-testid="save-request"
            title="Save (Ctrl+S); save as a new request (Ctrl+Shift+S)"
            on:click=move |_| saving::save(state, library, false)>
            "Save"
            <Show when=is_dirty>
                <span class="unsaved-dot" data-testid="unsaved-dot" title="Unsaved changes" aria-label="unsaved changes">" ●"</span>
            </Show>
        </button>
    }
}
