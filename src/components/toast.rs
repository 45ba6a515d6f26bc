//! `<Toast/>`: the app's short confirmations ("Copied data") and errors, announced politely.

use leptos::prelude::*;

use crate::state::Workspace;

#[component]
pub fn Toast() -> impl IntoView {
    let toaster = Workspace::expect().toaster;
    view! {
        <div class="toast-area" role="status" aria-live="polite">
            {move || toaster.message.get().map(|message| view! { <p class="toast" data-testid="toast">{message}</p> })}
        </div>
    }
}
