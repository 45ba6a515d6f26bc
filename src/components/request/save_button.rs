//! `<SaveButton/>`: saves the request in the editor (Ctrl+S), or as a new one (Ctrl+Shift+S).

use leptos::prelude::*;

use crate::state::{AppState, Library};

#[component]
pub fn SaveButton() -> impl IntoView {
    let state = AppState::expect();
    let library = Library::expect();
    view! {
        <button type="button" class="button button-small" data-testid="save-request"
            title="Save (Ctrl+S); save as a new request (Ctrl+Shift+S)"
            on:click=move |_| library.save_request(state, false)>"Save"</button>
    }
}
