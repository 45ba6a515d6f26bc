//! `<OpenStream/>`: views a raw event stream from a file or pasted text as a timeline, offline
//! (nothing is sent), with the same inspector.

use leptos::html::Textarea;
use leptos::prelude::*;

use crate::components::take_picked_file;
use crate::state::{AppState, session};

#[component]
pub fn OpenStream() -> impl IntoView {
    let state = AppState::expect();
    let pasted = NodeRef::<Textarea>::new();
    let view_pasted = move |_| {
        let text = pasted
            .get_untracked()
            .map(|area| area.value())
            .unwrap_or_default();
        if text.is_empty() {
            state.notify("Paste an event stream first (lines like `data: …` and blank lines).");
        } else {
            session::open_offline(state, "pasted text".into(), text.into_bytes(), None);
        }
    };
    let on_file = move |event| {
        if let Some(file) = take_picked_file(&event) {
            session::open_file(state, file);
        }
    };
    view! {
        <details class="open-stream" data-testid="open-stream">
            <summary>"Open a stream file or pasted text (offline)"</summary>
            <textarea node_ref=pasted rows="5" aria-label="Pasted event stream" data-testid="open-stream-text"
                placeholder="event: update\ndata: {\"n\":1}\n\n"></textarea>
            <div class="open-stream-actions">
                <button type="button" class="button button-small" data-testid="open-stream-view" on:click=view_pasted>
                    "View pasted text"
                </button>
                <label class="button button-small">
                    "Open file…"
                    <input type="file" class="visually-hidden" data-testid="open-stream-file" on:change=on_file/>
                </label>
            </div>
        </details>
    }
}
