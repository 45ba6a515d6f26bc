//! `<BodyEditor/>`: the raw request body, for every method but GET (which is told it has none).

use leptos::prelude::*;

use crate::state::AppState;

#[component]
pub fn BodyEditor() -> impl IntoView {
    let draft = AppState::expect().draft;
    view! {
        <Show when=move || draft.with(|draft| draft.method.has_body())
            fallback=|| view! {
                <p class="details-note">"A GET request has no body: choose POST (or PUT, PATCH, DELETE) to send one."</p>
            }>
            <label class="body-editor">
                <span>"Body"</span>
                <textarea data-testid="body-editor" rows="7" spellcheck="false" aria-label="Body"
                    prop:value=move || draft.with(|draft| draft.body.clone())
                    on:input=move |event| draft.update(|draft| draft.body = event_target_value(&event))>
                </textarea>
            </label>
        </Show>
    }
}
