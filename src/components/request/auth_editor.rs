//! `<AuthEditor/>`: the request's auth — none, a bearer token, Basic user and password, or an API
//! key in a header or the query — with `{{variables}}` allowed in every field and credentials
//! masked until "Show" is ticked.

use leptos::prelude::*;

use crate::model::request::auth::{Auth, AuthField, KeyPlace};
use crate::model::request::variables::references;
use crate::state::AppState;

#[component]
pub fn AuthEditor() -> impl IntoView {
    let draft = AppState::expect().draft;
    // A memo, so typing in a field does not draw the fields again (and lose the caret).
    let kind = Memo::new(move |_| draft.with(|draft| draft.auth.label()));
    let choose = move |event| {
        let label = event_target_value(&event);
        if let Some((_, auth)) = Auth::kinds().into_iter().find(|(name, _)| *name == label) {
            draft.update(|draft| {
                if draft.auth.label() != label {
                    draft.auth = auth;
                }
            });
        }
    };
    let is_revealed = RwSignal::new(false);
    let fields = move || {
        let fields = draft.with_untracked(|draft| draft.auth.fields());
        kind.track();
        fields
            .iter()
            .map(|field| view! { <AuthInput field=*field is_revealed=is_revealed/> })
            .collect_view()
    };
    let is_api_key = move || kind.get() == "API key";
    let place = move || {
        draft.with(|draft| match draft.auth {
            Auth::ApiKey {
                place: KeyPlace::Query,
                ..
            } => "query",
            _ => "header",
        })
    };
    let set_place = move |event| {
        let to = if event_target_value(&event) == "query" {
            KeyPlace::Query
        } else {
            KeyPlace::Header
        };
        draft.update(|draft| {
            if let Auth::ApiKey { place, .. } = &mut draft.auth {
                *place = to;
            }
        });
    };
    let note = move || match kind.get() {
        "Bearer token" | "Basic" => "Sent as the Authorization header (replacing one in Headers).",
        "API key" => "Sent as a header or query parameter of that name.",
        _ => "",
    };
    view! {
        <fieldset class="auth-editor" data-testid="auth-editor">
            <legend>"Auth"</legend>
            <div class="auth-row">
                <select aria-label="Auth type" data-testid="auth-type" on:change=choose prop:value=move || kind.get()>
                    {Auth::kinds().into_iter().map(|(label, _)| view! { <option value=label>{label}</option> }).collect_view()}
                </select>
                {fields}
                <Show when=is_api_key>
                    <select aria-label="Send the key in" data-testid="auth-key-place" on:change=set_place prop:value=place>
                        <option value="header">"Header"</option>
                        <option value="query">"Query parameter"</option>
                    </select>
                </Show>
                <Show when=move || kind.get() != "No auth">
                    <label class="auth-reveal">
                        <input type="checkbox" data-testid="auth-reveal" bind:checked=is_revealed/>
                        " Show"
                    </label>
                </Show>
            </div>
            <p class="auth-note">{note}</p>
        </fieldset>
    }
}

/// One field of the auth, masked when it holds a credential written literally (a `{{reference}}`
/// is not the secret) and `is_revealed` is off.
#[component]
fn AuthInput(field: AuthField, is_revealed: RwSignal<bool>) -> impl IntoView {
    let draft = AppState::expect().draft;
    let is_literal =
        Memo::new(move |_| draft.with(|draft| references(draft.auth.get(field)).is_empty()));
    let kind = move || {
        if field.is_secret() && is_literal.get() && !is_revealed.get() {
            "password"
        } else {
            "text"
        }
    };
    view! {
        <input class="auth-field" type=kind aria-label=field.label() placeholder=field.label()
            spellcheck="false" autocomplete="off" data-testid="auth-field"
            prop:value=move || draft.with(|draft| draft.auth.get(field).to_owned())
            on:input=move |event| {
                let text = event_target_value(&event);
                draft.update(|draft| draft.auth.set(field, text));
            }/>
    }
}
