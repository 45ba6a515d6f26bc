//! `<Toast/>`: the app's short confirmations ("Copied data") and errors, announced politely.

use leptos::prelude::*;

use crate::state::AppState;

#[component]
pub fn Toast() -> impl IntoView {
    let state = AppState::expect();
    view! {
        <div class="toast-area" role="status" aria-live="polite">
            {move || state.toast.get().map(|message| view! { <p class="toast" data-testid="toast">{message}</p> })}
        </div>
    }
}
