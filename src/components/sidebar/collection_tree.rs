//! `<CollectionTree/>`: collections > folders > requests. Click a request to open it; ▶ runs a
//! collection's or folder's requests one after another with their checks; add
//! collections and folders; rename anything; duplicate, move (drag it onto a folder or
//! collection, or pick the place from its menu) or delete a request (with Undo); import and
//! export collections as a file.
//!
//! Collections, folders and requests are keyed by id and read their record by id, so a change
//! to one (a rename, a move, a save) redraws only what changed: a folder the user opened or
//! closed stays so.

use leptos::ev::DragEvent;
use leptos::prelude::*;

use crate::components::take_picked_file;
use crate::model::library::collection::{Collection, Place, SavedRequest};
use crate::model::request::variables::Secrets;
use crate::state::library_files;
use crate::state::{FolderRun, Library, Workspace};

#[component]
pub fn CollectionTree() -> impl IntoView {
    let toaster = Workspace::expect().toaster;
    let library = Library::expect();
    let on_import = move |event| {
        if let Some(file) = take_picked_file(&event) {
            library_files::import_collections(toaster, library, file);
        }
    };
    let add_collection = move |_| {
        let count = library.collections.with_untracked(Vec::len) + 1;
        library.add_collection(format!("Collection {count}"));
    };
    view! {
        <div class="collection-tree" data-testid="collection-tree">
            <div class="sidebar-actions">
                <button type="button" class="button button-small" data-testid="collection-add" on:click=add_collection>
                    "+ Collection"
                </button>
                <label class="button button-small">
                    "Import…"
                    <input type="file" accept=".json,application/json" class="visually-hidden"
                        data-testid="collections-import" on:change=on_import/>
                </label>
                <button type="button" class="button button-small" data-testid="collections-export"
                    title="Credentials written literally are masked; {{variables}} are kept"
                    on:click=move |_| library_files::export_collections(toaster, library, Secrets::Mask)>"Export"</button>
                <button type="button" class="button button-small" data-testid="collections-export-secrets"
                    title="Export with every credential as written"
                    on:click=move |_| library_files::export_collections(toaster, library, Secrets::Reveal)>"Export with secrets"</button>
            </div>
            {move || library.last_deleted.get().map(|(_, removed)| view! {
                <p class="sidebar-undo" role="status">
                    {format!("Deleted \u{201c}{}\u{201d}", removed.request.name)}
                    <button type="button" class="button button-small" data-testid="collections-undo"
                        on:click=move |_| library.undo_delete()>"Undo"</button>
                </p>
            })}
            <Show when=move || library.collections.with(Vec::is_empty)>
                <p class="sidebar-empty">"No saved requests yet. " <kbd>"Ctrl+S"</kbd> " saves the one in the editor."</p>
            </Show>
            <For each=move || library.collections.with(|collections| ids(collections.iter().map(|c| &c.id)))
                key=|id| id.clone() let:id>
                <CollectionNode id=id/>
            </For>
        </div>
    }
}

/// A name that turns into a text field when its ✎ is pressed; `on_rename` gets the new name.
#[component]
fn InlineName(
    #[prop(into)] name: Signal<String>,
    #[prop(into)] testid: String,
    on_rename: impl Fn(String) + Copy + Send + Sync + 'static,
    children: Children,
) -> impl IntoView {
    let is_renaming = RwSignal::new(false);
    let label = move || format!("Rename {}", name.get());
    let finish = move |text: String| {
        is_renaming.set(false);
        let text = text.trim().to_owned();
        if !text.is_empty() {
            on_rename(text);
        }
    };
    let shown = children();
    let (input_testid, button_testid) = (
        format!("{testid}-rename"),
        format!("{testid}-rename-button"),
    );
    view! {
        <span class="tree-label" class:is-renaming=move || is_renaming.get()>{shown}</span>
        <Show when=move || is_renaming.get()>
            <input class="tree-rename" aria-label="New name" data-testid=input_testid.clone() value=name.get_untracked()
                on:change=move |event| finish(event_target_value(&event))
                on:keydown=move |event: leptos::ev::KeyboardEvent| if event.key() == "Escape" { is_renaming.set(false) }/>
        </Show>
        <button type="button" class="tree-action" aria-label=label data-testid=button_testid
            on:click=move |event| { event.prevent_default(); is_renaming.set(true) }>"✎"</button>
    }
}

/// The drag data type of a saved request being dragged; the data is its id.
const DRAGGED_REQUEST: &str = "application/x-sse-studio-request";

/// Whether `event` drags a saved request.
fn drags_request(event: &DragEvent) -> bool {
    event
        .data_transfer()
        .is_some_and(|transfer| transfer.types().includes(&DRAGGED_REQUEST.into(), 0))
}

/// Handlers that make an element a drop target moving a dragged request to `place`:
/// (dragover, dragleave, drop); `is_over` is true while a request is held over it.
fn drop_into(
    library: Library,
    place: impl Fn() -> Place + Copy + 'static,
    is_over: RwSignal<bool>,
) -> (
    impl Fn(DragEvent) + Copy + 'static,
    impl Fn(DragEvent) + Copy + 'static,
    impl Fn(DragEvent) + Copy + 'static,
) {
    let over = move |event: DragEvent| {
        if drags_request(&event) {
            // Accepting the drop is cancelling dragover.
            event.prevent_default();
            is_over.set(true);
        }
    };
    let leave = move |_: DragEvent| is_over.set(false);
    let drop = move |event: DragEvent| {
        is_over.set(false);
        let id = event
            .data_transfer()
            .and_then(|transfer| transfer.get_data(DRAGGED_REQUEST).ok())
            .filter(|id| !id.is_empty());
        if let Some(id) = id {
            event.prevent_default();
            library.move_request(&id, &place());
        }
    };
    (over, leave, drop)
}

/// The ids of `records`, in order (what a keyed list iterates).
fn ids<'a>(records: impl Iterator<Item = &'a String>) -> Vec<String> {
    records.cloned().collect()
}

/// Collection `id` as stored now (tracked), if it still exists.
fn collection_by_id(library: Library, id: &str) -> Option<Collection> {
    library
        .collections
        .with(|collections| collections.iter().find(|c| c.id == id).cloned())
}

/// The part of `collection` that `find` picks (a folder, a request), as a memo: its node redraws
/// only when that part changes.
fn part_of<T: Clone + PartialEq + Send + Sync + 'static>(
    collection: Memo<Option<Collection>>,
    find: impl Fn(&Collection) -> Option<T> + Send + Sync + 'static,
) -> Memo<Option<T>> {
    Memo::new(move |_| collection.with(|c| c.as_ref().and_then(&find)))
}

#[component]
fn CollectionNode(id: String) -> impl IntoView {
    let library = Library::expect();
    let folder_run = FolderRun::expect();
    let collection = {
        let id = id.clone();
        Memo::new(move |_| collection_by_id(library, &id))
    };
    let id = StoredValue::new(id);
    let name = Signal::derive(move || {
        collection.with(|c| c.as_ref().map(|c| c.name.clone()).unwrap_or_default())
    });
    let add_folder = move |event: leptos::ev::MouseEvent| {
        event.prevent_default();
        let count = collection.with_untracked(|c| c.as_ref().map_or(0, |c| c.folders.len())) + 1;
        library.add_folder(&id.get_value(), format!("Folder {count}"));
    };
    let rename = move |name: String| library.edit_collection(&id.get_value(), |c| c.name = name);
    let folder_ids = move || {
        collection.with(|c| {
            c.as_ref()
                .map(|c| ids(c.folders.iter().map(|f| &f.id)))
                .unwrap_or_default()
        })
    };
    let top_ids = move || {
        collection.with(|c| {
            c.as_ref()
                .map(|c| ids(c.requests.iter().map(|r| &r.id)))
                .unwrap_or_default()
        })
    };
    let is_over = RwSignal::new(false);
    let place = move || Place {
        collection_id: id.get_value(),
        folder_id: None,
    };
    let (over, leave, drop) = drop_into(library, place, is_over);
    view! {
        <details open class="tree-collection" data-testid="tree-collection">
            <summary class:is-drop-target=move || is_over.get() on:dragover=over on:dragleave=leave on:drop=drop>
                <InlineName name=name testid="collection" on_rename=rename>{name}</InlineName>
                <button type="button" class="tree-action" aria-label=move || format!("Run the collection {}", name.get())
                    title="Run its requests one after another with their checks" data-testid="collection-run"
                    on:click=move |event| {
                        event.prevent_default();
                        folder_run.start(&id.get_value(), None);
                    }>"▶"</button>
                <button type="button" class="tree-action" aria-label="Add a folder" data-testid="folder-add" on:click=add_folder>"+"</button>
                <button type="button" class="tree-action" aria-label=move || format!("Delete the collection {}", name.get())
                    on:click=move |_| library.delete_collection(id.get_value())>"✕"</button>
            </summary>
            <ul>
                <For each=folder_ids key=|id| id.clone() let:folder_id>
                    <FolderNode collection=collection collection_id=id.get_value() folder_id=folder_id/>
                </For>
                <For each=top_ids key=|id| id.clone() let:request_id>
                    <RequestNode collection=collection collection_id=id.get_value() request_id=request_id/>
                </For>
            </ul>
        </details>
    }
}

/// Folder `folder_id` of `collection` (collection `collection_id`).
#[component]
fn FolderNode(
    collection: Memo<Option<Collection>>,
    collection_id: String,
    folder_id: String,
) -> impl IntoView {
    let library = Library::expect();
    let folder_run = FolderRun::expect();
    let folder = {
        let folder_id = folder_id.clone();
        part_of(collection, move |c| {
            c.folders.iter().find(|f| f.id == folder_id).cloned()
        })
    };
    let ids_of = StoredValue::new((collection_id.clone(), folder_id));
    let name = Signal::derive(move || {
        folder.with(|f| f.as_ref().map(|f| f.name.clone()).unwrap_or_default())
    });
    let rename_folder = move |name: String| {
        ids_of.with_value(|(collection_id, folder_id)| {
            library.edit_collection(collection_id, |c| {
                if let Some(folder) = c.folders.iter_mut().find(|f| f.id == *folder_id) {
                    folder.name = name;
                }
            });
        });
    };
    let request_ids = move || {
        folder.with(|f| {
            f.as_ref()
                .map(|f| ids(f.requests.iter().map(|r| &r.id)))
                .unwrap_or_default()
        })
    };
    let is_over = RwSignal::new(false);
    let place = move || {
        ids_of.with_value(|(collection_id, folder_id)| Place {
            collection_id: collection_id.clone(),
            folder_id: Some(folder_id.clone()),
        })
    };
    let (over, leave, drop) = drop_into(library, place, is_over);
    view! {
        <li>
            <details open>
                <summary class="tree-folder" class:is-drop-target=move || is_over.get() data-testid="tree-folder"
                    on:dragover=over on:dragleave=leave on:drop=drop>
                    <InlineName name=name testid="folder" on_rename=rename_folder>
                        <span data-testid="tree-folder-name">{name}</span>
                    </InlineName>
                    <button type="button" class="tree-action" aria-label=move || format!("Run the folder {}", name.get())
                        title="Run its requests one after another with their checks" data-testid="folder-run"
                        on:click=move |event| {
                            event.prevent_default();
                            ids_of.with_value(|(collection_id, folder_id)| folder_run.start(collection_id, Some(folder_id)));
                        }>"▶"</button>
                </summary>
                <ul>
                    <For each=request_ids key=|id| id.clone() let:request_id>
                        <RequestNode collection=collection collection_id=collection_id.clone() request_id=request_id/>
                    </For>
                </ul>
            </details>
        </li>
    }
}

/// Saved request `request_id` of `collection` (collection `collection_id`), at its top level or
/// in one of its folders.
#[component]
fn RequestNode(
    collection: Memo<Option<Collection>>,
    collection_id: String,
    request_id: String,
) -> impl IntoView {
    let workspace = Workspace::expect();
    let library = Library::expect();
    let request = {
        let request_id = request_id.clone();
        part_of(collection, move |c| {
            c.all_requests().find(|r| r.id == request_id).cloned()
        })
    };
    let ids = StoredValue::new((collection_id, request_id.clone()));
    let field = move |read: fn(&SavedRequest) -> String| {
        Signal::derive(move || request.with(|r| r.as_ref().map(read).unwrap_or_default()))
    };
    let (name, url, method) = (
        field(|r| r.name.clone()),
        field(|r| r.url.clone()),
        field(|r| r.method.clone()),
    );
    let is_open = move || {
        workspace
            .active_tab()
            .app
            .opened
            .get()
            .is_some_and(|opened| opened.request_id == request_id)
    };
    let rename = move |name: String| {
        ids.with_value(|(collection, request)| {
            library.edit_request(collection, request, Some(name))
        });
    };
    // Every place the request could move to: each collection's top level and folders.
    let places = move || {
        library.collections.with(|collections| {
            collections
                .iter()
                .flat_map(|collection| {
                    let top = (
                        Place {
                            collection_id: collection.id.clone(),
                            folder_id: None,
                        },
                        collection.name.clone(),
                    );
                    std::iter::once(top).chain(collection.folders.iter().map(|folder| {
                        (
                            Place {
                                collection_id: collection.id.clone(),
                                folder_id: Some(folder.id.clone()),
                            },
                            format!("{} / {}", collection.name, folder.name),
                        )
                    }))
                })
                .collect::<Vec<_>>()
        })
    };
    let on_move = move |event| {
        let index: Option<usize> = event_target_value(&event).parse().ok();
        if let Some((place, _)) = index.and_then(|index| places().into_iter().nth(index)) {
            ids.with_value(|(_, request)| library.move_request(request, &place));
        }
    };
    let on_drag = move |event: DragEvent| {
        if let Some(transfer) = event.data_transfer() {
            let _ = ids.with_value(|(_, request)| transfer.set_data(DRAGGED_REQUEST, request));
            transfer.set_effect_allowed("move");
        }
    };
    view! {
        <li class="tree-request" class:is-open=is_open data-testid="tree-request" draggable="true"
            title="Drag onto a folder or collection to move it" on:dragstart=on_drag>
            <span class="tree-method">{method}</span>
            <InlineName name=name testid="request" on_rename=rename>
                <button type="button" class="tree-name" data-testid="tree-request-name" title=url
                    on:click=move |_| ids.with_value(|(collection, request)| workspace.open_saved(library, collection, request))>
                    {name}
                </button>
            </InlineName>
            <button type="button" class="tree-action" aria-label="Duplicate" title="Duplicate" data-testid="tree-duplicate"
                on:click=move |_| ids.with_value(|(collection, request)| library.duplicate_request(collection, request))>"❐"</button>
            <select class="tree-move" aria-label="Move to" data-testid="tree-move" on:change=on_move>
                <option value="" selected>"⇢"</option>
                {move || places().into_iter().enumerate().map(|(index, (_, label))| view! {
                    <option value=index.to_string()>{label}</option>
                }).collect_view()}
            </select>
            <button type="button" class="tree-action" aria-label=move || format!("Delete {}", name.get()) data-testid="tree-delete"
                on:click=move |_| ids.with_value(|(collection, request)| library.edit_request(collection, request, None))>"✕"</button>
        </li>
    }
}
