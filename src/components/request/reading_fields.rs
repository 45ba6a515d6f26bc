//! `<ReadingFields/>`: how the request's stream is read — the JSON path that types records
//! (NDJSON, JSON Lines) in the timeline, and an answer rule for an AI stream in no known
//! dialect (see `model::session::reading`); a path that is not one is named.

use leptos::prelude::*;

use crate::model::session::reading::READING_FIELDS;
use crate::state::AppState;

#[component]
pub fn ReadingFields() -> impl IntoView {
    let draft = AppState::expect().draft;
    let invalid = move || {
        draft.with(|draft| {
            draft
                .reading
                .invalid_paths()
                .iter()
                .map(|(label, path)| format!("{label}: \u{201c}{path}\u{201d} is not a path of names and indices ($.a.b[0])."))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <fieldset class="reading" data-testid="reading">
            <legend title="Records are typed by this field; with an answer text path, the Answer tab assembles any stream by these paths">
                "Reading the stream"
            </legend>
            {READING_FIELDS.into_iter().map(|(name, label, placeholder)| view! {
                <label>
                    {label}
                    <input type="text" spellcheck="false" placeholder=placeholder data-testid=format!("reading-{name}")
                        prop:value=move || draft.with(|draft| draft.reading.field(name).to_owned())
                        on:change=move |event| draft.update(|draft| {
                            if let Some(field) = draft.reading.field_mut(name) {
                                *field = event_target_value(&event);
                            }
                        })/>
                </label>
            }).collect_view()}
            {move || invalid().into_iter().map(|problem| view! {
                <p class="checks-error" data-testid="reading-error">{problem}</p>
            }).collect_view()}
        </fieldset>
    }
}
