//! `<RequestBar/>`: method, URL and the Send / Close button, with the confirmation a request of
//! someone else's making may ask for, and the refusal message, below.

use leptos::prelude::*;

use super::SecretConfirm;
use crate::model::request::draft::Method;
use crate::state::{AppState, Library, session};

#[component]
pub fn RequestBar() -> impl IntoView {
    let state = AppState::expect();
    let library = Library::expect();
    let draft = state.draft;
    let on_method = move |event| {
        if let Some(method) = Method::parse(&event_target_value(&event)) {
            draft.update(|draft| draft.method = method);
        }
    };
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if state.is_streaming.get_untracked() {
            session::close(state);
        } else {
            session::send(state, library);
        }
    };
    view! {
        <form class="request-bar" on:submit=on_submit>
            <select
                class="request-bar-method"
                data-testid="request-bar-method"
                aria-label="Method"
                on:change=on_method
                prop:value=move || draft.with(|draft| draft.method.as_str())
            >
                {Method::ALL
                    .into_iter()
                    .map(|method| view! { <option value=method.as_str()>{method.as_str()}</option> })
                    .collect_view()}
            </select>
            <input
                class="request-bar-url"
                data-testid="request-bar-url"
                type="text"
                aria-label="URL"
                placeholder="https://example.com/stream"
                spellcheck="false"
                prop:value=move || draft.with(|draft| draft.url.clone())
                on:input=move |event| draft.update(|draft| draft.url = event_target_value(&event))
            />
            <button
                type="submit"
                data-testid="request-bar-send"
                class=move || if state.is_streaming.get() { "button button-close" } else { "button button-send" }
                title="Ctrl+Enter"
            >
                {move || if state.is_streaming.get() { "Close" } else { "Send" }}
            </button>
        </form>
        <SecretConfirm/>
        <Show when=move || state.request_error.with(Option::is_some)>
            <p class="request-error" role="alert" data-testid="request-bar-error">
                {move || state.request_error.get().unwrap_or_default()}
            </p>
        </Show>
    }
}
