//! `<ExportMenu/>`: saves the current run as NDJSON, the raw stream, or the session as JSON.

use leptos::prelude::*;

use crate::state::exports::{ExportFormat, export};
use crate::state::{AppState, TimelineState};

#[component]
pub fn ExportMenu() -> impl IntoView {
    let state = AppState::expect();
    let timeline = TimelineState::expect();
    let on_change = move |event| {
        let key = event_target_value(&event);
        if let Some(format) = ExportFormat::ALL
            .into_iter()
            .find(|format| format.key() == key)
        {
            export(state, format);
        }
        // Back to the placeholder, so the same export can be chosen again.
        event_target::<web_sys::HtmlSelectElement>(&event).set_selected_index(0);
    };
    view! {
        <select class="export-menu" aria-label="Export" data-testid="export-menu" on:change=on_change
            disabled=move || timeline.shown.get().run_id == 0>
            <option value="" disabled selected>"Export…"</option>
            {ExportFormat::ALL.map(|format| view! { <option value=format.key()>{format.label()}</option> })}
        </select>
    }
}
