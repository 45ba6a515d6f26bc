//! `<DataTab/>`: an event's data as a foldable, highlighted JSON tree, as text as received, or
//! beautified (2-space indent); with a search that highlights matches in the text views.

use leptos::prelude::*;

use super::json_tree::JsonTree;
use crate::components::Highlighted;
use crate::model::session::search::Query;

/// Data larger than this is shown as text only: a tree of it would be too many elements.
const TREE_MAX_BYTES: usize = 512 << 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Tree,
    Text,
    Beautified,
}

#[component]
pub fn DataTab(data: String) -> impl IntoView {
    let json = (data.len() <= TREE_MAX_BYTES)
        .then(|| serde_json::from_str::<serde_json::Value>(&data).ok())
        .flatten();
    let beautified = json
        .as_ref()
        .and_then(|value| serde_json::to_string_pretty(value).ok());
    let is_json = json.is_some();
    let view_mode = RwSignal::new(if is_json { View::Tree } else { View::Text });
    let search = RwSignal::new(String::new());
    let shown_text = move || match view_mode.get() {
        View::Beautified => beautified.clone().unwrap_or_else(|| data.clone()),
        _ => data.clone(),
    };
    let highlighted = move || {
        let text = shown_text();
        let query = Query::new(&search.get());
        let count = query.as_ref().map(|query| query.matches(&text).len());
        (view! { <Highlighted text=text query=query/> }, count)
    };
    let on_search = move |event| {
        let text = event_target_value(&event);
        if !text.is_empty() && view_mode.get_untracked() == View::Tree {
            view_mode.set(View::Beautified);
        }
        search.set(text);
    };
    let mode_button = move |mode: View, label: &'static str, testid: &'static str| {
        view! {
            <button type="button" class="button button-small" aria-pressed=move || (view_mode.get() == mode).to_string()
                disabled=mode != View::Text && !is_json data-testid=testid
                on:click=move |_| view_mode.set(mode)>{label}</button>
        }
    };
    view! {
        <div class="data-tab">
            <div class="data-tab-bar">
                {mode_button(View::Tree, "JSON", "data-view-json")}
                {mode_button(View::Text, "Text", "data-view-text")}
                {mode_button(View::Beautified, "Beautify", "data-view-beautify")}
                <input type="search" class="data-tab-search" placeholder="Find in data" aria-label="Find in data"
                    data-testid="data-search" on:input=on_search/>
            </div>
            {(!is_json).then(|| view! { <p class="data-tab-note">"Not JSON: shown as text."</p> })}
            {move || match (view_mode.get(), json.clone()) {
                (View::Tree, Some(value)) => view! {
                    <div class="json-tree" data-testid="data-json-tree"><JsonTree value=value/></div>
                }.into_any(),
                _ => {
                    let (pieces, count) = highlighted();
                    view! {
                        {count.map(|count| view! { <p class="data-tab-note" data-testid="data-search-count">{format!("{count} matches")}</p> })}
                        <pre class="inspector-pre" data-testid="data-text">{pieces}</pre>
                    }.into_any()
                }
            }}
        </div>
    }
}
