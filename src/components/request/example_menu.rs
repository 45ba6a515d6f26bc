//! `<ExampleMenu/>`: loads one of the demo requests into the editor (without sending it).

use leptos::prelude::*;

use crate::model::request::EXAMPLES;
use crate::state::AppState;

#[component]
pub fn ExampleMenu() -> impl IntoView {
    let state = AppState::expect();
    let origin = window().location().origin().unwrap_or_default();
    let on_change = move |event| {
        let chosen = event_target_value(&event);
        if let Some(example) = EXAMPLES.iter().find(|example| example.label == chosen) {
            state.draft.set(example.draft(&origin));
            state.request_error.set(None);
        }
    };
    view! {
        <label class="example-menu">
            "Examples "
            <select data-testid="example-menu" on:change=on_change prop:value="">
                <option value="" disabled=true>"Load a demo request…"</option>
                {EXAMPLES.map(|example| view! { <option value=example.label>{example.label}</option> }).to_vec()}
            </select>
        </label>
    }
}
