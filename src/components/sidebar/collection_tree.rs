//! `<CollectionTree/>`: collections > folders > requests. Click a request to open it; rename or
//! delete it (with Undo); import and export collections as a file.

use leptos::prelude::*;

use crate::model::collection::{Collection, SavedRequest};
use crate::state::library_files;
use crate::state::{AppState, Library};

#[component]
pub fn CollectionTree() -> impl IntoView {
    let state = AppState::expect();
    let library = Library::expect();
    let on_import = move |event| {
        let input = event_target::<web_sys::HtmlInputElement>(&event);
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            library_files::import_collections(state, library, file);
        }
        input.set_value("");
    };
    view! {
        <div class="collection-tree" data-testid="collection-tree">
            <div class="sidebar-actions">
                <label class="button button-small">
                    "Import…"
                    <input type="file" accept=".json,application/json" class="visually-hidden"
                        data-testid="collections-import" on:change=on_import/>
                </label>
                <button type="button" class="button button-small" data-testid="collections-export"
                    on:click=move |_| library_files::export_collections(state, library)>"Export"</button>
            </div>
            {move || library.last_deleted.get().map(|(_, request)| view! {
                <p class="sidebar-undo" role="status">
                    {format!("Deleted \u{201c}{}\u{201d}", request.name)}
                    <button type="button" class="button button-small" data-testid="collections-undo"
                        on:click=move |_| library.undo_delete(state)>"Undo"</button>
                </p>
            })}
            <Show when=move || library.collections.with(Vec::is_empty)>
                <p class="sidebar-empty">"No saved requests yet. " <kbd>"Ctrl+S"</kbd> " saves the one in the editor."</p>
            </Show>
            <For each=move || library.collections.get() key=|collection| collection.clone() let:collection>
                <CollectionNode collection=collection/>
            </For>
        </div>
    }
}

#[component]
fn CollectionNode(collection: Collection) -> impl IntoView {
    let state = AppState::expect();
    let library = Library::expect();
    let id = collection.id.clone();
    let delete_id = id.clone();
    let delete_label = format!("Delete the collection {}", collection.name);
    let top = collection
        .requests
        .iter()
        .map(|request| view! { <RequestNode collection_id=id.clone() request=request.clone()/> })
        .collect_view();
    let folders = collection
        .folders
        .iter()
        .map(|folder| {
            let requests = folder
                .requests
                .iter()
                .map(|request| view! { <RequestNode collection_id=id.clone() request=request.clone()/> })
                .collect_view();
            view! {
                <li><details open><summary class="tree-folder">{folder.name.clone()}</summary><ul>{requests}</ul></details></li>
            }
        })
        .collect_view();
    view! {
        <details open class="tree-collection" data-testid="tree-collection">
            <summary>
                {collection.name.clone()}
                <button type="button" class="tree-action" aria-label=delete_label
                    on:click=move |_| library.delete_collection(state, delete_id.clone())>"✕"</button>
            </summary>
            <ul>{folders}{top}</ul>
        </details>
    }
}

#[component]
fn RequestNode(collection_id: String, request: SavedRequest) -> impl IntoView {
    let state = AppState::expect();
    let library = Library::expect();
    let is_renaming = RwSignal::new(false);
    let (open_collection, open_request) = (collection_id.clone(), request.id.clone());
    let is_open = {
        let id = request.id.clone();
        move || {
            library
                .opened
                .get()
                .is_some_and(|opened| opened.request_id == id)
        }
    };
    let ids = StoredValue::new((collection_id, request.id.clone()));
    let (rename_label, delete_label) = (
        format!("Rename {}", request.name),
        format!("Delete {}", request.name),
    );
    let (name, url) = (request.name.clone(), request.url.clone());
    let rename = move |name: String| {
        is_renaming.set(false);
        let name = name.trim().to_owned();
        if !name.is_empty() {
            ids.with_value(|(collection, request)| {
                library.edit_request(state, collection, request, Some(name))
            });
        }
    };
    view! {
        <li class="tree-request" class:is-open=is_open data-testid="tree-request">
            <span class="tree-method">{request.method.clone()}</span>
            {move || if is_renaming.get() {
                view! {
                    <input class="tree-rename" aria-label="New name" data-testid="tree-rename" value=name.clone()
                        on:change=move |event| rename(event_target_value(&event))
                        on:keydown=move |event: leptos::ev::KeyboardEvent| if event.key() == "Escape" { is_renaming.set(false) }/>
                }.into_any()
            } else {
                let (collection, id) = (open_collection.clone(), open_request.clone());
                view! {
                    <button type="button" class="tree-name" data-testid="tree-request-name" title=url.clone()
                        on:click=move |_| library.open_request(state, &collection, &id)>{name.clone()}</button>
                }.into_any()
            }}
            <button type="button" class="tree-action" aria-label=rename_label
                on:click=move |_| is_renaming.set(true)>"✎"</button>
            <button type="button" class="tree-action" aria-label=delete_label data-testid="tree-delete"
                on:click=move |_| ids.with_value(|(collection, request)| library.edit_request(state, collection, request, None))>"✕"</button>
        </li>
    }
}
