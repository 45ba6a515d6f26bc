//! `<CapturesEditor/>`: the variables the request sets from its response — a header, or a JSON
//! path of an event's data (or of a JSON body) — listed with a remove button, and a form to add
//! one (see `model::request::capture`). Saved with the request; the requests sent after it use
//! the values, which go into the active environment.

use leptos::prelude::*;

use super::checks_editor::LabelList;
use crate::model::request::capture::Capture;
use crate::state::AppState;

#[component]
pub fn CapturesEditor() -> impl IntoView {
    let draft = AppState::expect().draft;
    let labels = move || draft.with(|draft| draft.captures.iter().map(Capture::label).collect());
    let remove = Callback::new(move |index: usize| {
        draft.update(|draft| {
            if index < draft.captures.len() {
                draft.captures.remove(index);
            }
        });
    });
    let variable = RwSignal::new(String::new());
    let from = RwSignal::new("header".to_owned());
    let source = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let add = move |_| match Capture::new(
        &variable.get_untracked(),
        &from.get_untracked(),
        &source.get_untracked(),
    ) {
        Ok(capture) => {
            draft.update(|draft| draft.captures.push(capture));
            variable.set(String::new());
            source.set(String::new());
            error.set(None);
        }
        Err(message) => error.set(Some(message)),
    };
    view! {
        <div class="checks-editor" data-testid="captures-editor">
            <p class="checks-help">"Set a variable from the response, for the requests sent after this one: a header (each response head) or a JSON path (each event's data, or a JSON body; the latest wins). The value goes into the active environment."</p>
            <LabelList labels=labels remove=remove what="capture" testid="capture"/>
            <div class="checks-add">
                <input type="text" aria-label="Variable" data-testid="capture-variable" placeholder="variable, e.g. mcp_session_id"
                    prop:value=variable on:input=move |event| variable.set(event_target_value(&event))/>
                <select aria-label="From" data-testid="capture-from"
                    on:change=move |event| from.set(event_target_value(&event))>
                    <option value="header">"response header"</option>
                    <option value="json">"JSON path"</option>
                </select>
                <input type="text" aria-label="Header or JSON path" data-testid="capture-source"
                    placeholder=move || if from.with(|from| from == "header") { "Mcp-Session-Id" } else { "$.result.id" }
                    prop:value=source on:input=move |event| source.set(event_target_value(&event))/>
                <button type="button" class="button button-small" data-testid="capture-add" on:click=add>"Add capture"</button>
                {move || error.get().map(|message| view! { <p class="checks-error" role="alert">{message}</p> })}
            </div>
        </div>
    }
}
