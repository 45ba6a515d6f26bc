//! `<ParamsTable/>`: the URL's query parameters as rows of name and value, in step with the URL
//! (which stays the one source of truth: editing a row rewrites it, editing it redraws the rows);
//! `{{variables}}` work in both.

use leptos::prelude::*;

use crate::model::request::draft::RequestDraft;
use crate::model::request::query_params::{cell, params_of, with_params};
use crate::state::AppState;

/// Rewrites the draft's URL with its parameters changed by `change`.
fn rewrite(draft: RwSignal<RequestDraft>, change: impl FnOnce(&mut Vec<(String, String)>)) {
    draft.update(|draft| {
        let mut params = params_of(&draft.url);
        change(&mut params);
        draft.url = with_params(&draft.url, &params);
    });
}

#[component]
pub fn ParamsTable() -> impl IntoView {
    let draft = AppState::expect().draft;
    let count = Memo::new(move |_| draft.with(|draft| params_of(&draft.url).len()));
    view! {
        <fieldset class="headers-table" data-testid="params-table">
            <legend>"Query parameters"</legend>
            <For each=move || 0..count.get() key=|index| *index let:index>
                <ParamRow index=index/>
            </For>
            <button type="button" class="button button-small" data-testid="params-table-add"
                on:click=move |_| rewrite(draft, |params| params.push((String::new(), String::new())))>
                "+ Add parameter"
            </button>
        </fieldset>
    }
}

/// Row `index` of the URL's query.
#[component]
fn ParamRow(index: usize) -> impl IntoView {
    let draft = AppState::expect().draft;
    // Each field a memo: a rerun that leaves it as typed does not reset the input.
    let field = move |is_name: bool| {
        Memo::new(move |_| {
            draft.with(|draft| {
                params_of(&draft.url)
                    .into_iter()
                    .nth(index)
                    .map(|(name, value)| if is_name { name } else { value })
                    .unwrap_or_default()
            })
        })
    };
    let on_input = move |is_name: bool| {
        move |event| {
            let text = cell(&event_target_value(&event), is_name);
            rewrite(draft, |params| {
                if let Some((name, value)) = params.get_mut(index) {
                    *(if is_name { name } else { value }) = text;
                }
            });
        }
    };
    let remove = move |_| {
        rewrite(draft, |params| {
            if index < params.len() {
                params.remove(index);
            }
        });
    };
    view! {
        <div class="header-row param-row" data-testid="params-table-row">
            <input type="text" aria-label="Parameter name" placeholder="name" spellcheck="false"
                prop:value=field(true) on:input=on_input(true)/>
            <input type="text" aria-label="Parameter value" placeholder="value" spellcheck="false"
                prop:value=field(false) on:input=on_input(false)/>
            <button type="button" class="button button-small" aria-label="Remove this parameter" on:click=remove>"✕"</button>
        </div>
    }
}
