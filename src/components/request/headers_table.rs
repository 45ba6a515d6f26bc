//! `<HeadersTable/>`: request headers as rows of name, value and an enabled switch, and the
//! `Content-Type` a JSON body implies (sent unless a row sets one).

use leptos::prelude::*;

use crate::model::request::draft::HeaderRow;
use crate::state::AppState;

#[component]
pub fn HeadersTable() -> impl IntoView {
    let draft = AppState::expect().draft;
    let rows =
        move || draft.with(|draft| draft.headers.iter().map(|row| row.id).collect::<Vec<_>>());
    view! {
        <fieldset class="headers-table" data-testid="headers-table">
            <legend>"Headers"</legend>
            <For each=rows key=|id| *id let:id>
                <HeaderRowEditor id=id/>
            </For>
            {move || draft.with(|draft| draft.implicit_content_type()).map(|(name, value)| view! {
                <p class="header-implicit" data-testid="header-implicit"
                    title="Sent because the body is JSON; add a Content-Type header to send another">
                    <code>{format!("{name}: {value}")}</code>
                    " \u{2014} set by the JSON body; add your own Content-Type to override it"
                </p>
            })}
            <button type="button" class="button button-small" data-testid="headers-table-add"
                on:click=move |_| draft.update(|draft| draft.add_header())>
                "+ Add header"
            </button>
        </fieldset>
    }
}

/// One editable row, reading and writing the draft's row with this `id`.
#[component]
fn HeaderRowEditor(id: u64) -> impl IntoView {
    let draft = AppState::expect().draft;
    let read = move |field: fn(&HeaderRow) -> String| {
        move || {
            draft.with(|draft| {
                draft
                    .headers
                    .iter()
                    .find(|row| row.id == id)
                    .map(field)
                    .unwrap_or_default()
            })
        }
    };
    let write = move |change: &dyn Fn(&mut HeaderRow)| {
        draft.update(|draft| {
            if let Some(row) = draft.headers.iter_mut().find(|row| row.id == id) {
                change(row);
            }
        });
    };
    let is_enabled =
        move || draft.with(|draft| draft.headers.iter().any(|row| row.id == id && row.enabled));
    view! {
        <div class="header-row" data-testid="headers-table-row">
            <input type="checkbox" aria-label="Send this header" title="Send this header"
                prop:checked=is_enabled
                on:change=move |event| { let on = event_target_checked(&event); write(&|row| row.enabled = on) } />
            <input type="text" class="header-row-name" aria-label="Header name" placeholder="Name" spellcheck="false"
                prop:value=read(|row| row.name.clone())
                on:input=move |event| { let text = event_target_value(&event); write(&|row| row.name = text.clone()) } />
            <input type="text" class="header-row-value" aria-label="Header value" placeholder="Value" spellcheck="false"
                prop:value=read(|row| row.value.clone())
                on:input=move |event| { let text = event_target_value(&event); write(&|row| row.value = text.clone()) } />
            <button type="button" class="button button-small" aria-label="Remove header" title="Remove header"
                on:click=move |_| draft.update(|draft| draft.headers.retain(|row| row.id != id))>
                "×"
            </button>
        </div>
    }
}
