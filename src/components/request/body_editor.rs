//! `<BodyEditor/>`: the raw request body, shown for every method but GET.

use leptos::prelude::*;

use crate::state::AppState;

#[component]
pub fn BodyEditor() -> impl IntoView {
    let draft = AppState::expect().draft;
    view! {
        <Show when=move || draft.with(|draft| draft.method.has_body())>
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
