//! `Library` over a real database (`wasm-bindgen-test`, headless Chromium): a change made while
//! the database opens is neither lost nor hidden by the first read, and a write that fails
//! leaves the list as stored.

use leptos::prelude::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

use super::Library;
use crate::io::storage::{Storage, Store};
use crate::model::library::collection::Collection;
use crate::state::storage_task::StorageTask;
use crate::state::toaster::Toaster;

wasm_bindgen_test_configure!(run_in_browser);

fn collection(id: &str) -> Collection {
    Collection {
        id: id.into(),
        name: id.into(),
        folders: Vec::new(),
        requests: Vec::new(),
    }
}

/// A library over a fresh database that holds `stored` collections, under a new owner.
async fn library_over(stored: &[Collection]) -> Library {
    let _ = any_spawner::Executor::init_wasm_bindgen();
    Owner::new().set();
    let name = format!("test-{}", uuid::Uuid::now_v7());
    let storage = Storage::open_named(&name, || {}).await.expect("opens");
    for record in stored {
        storage
            .put(Store::Collections, record)
            .await
            .expect("written");
    }
    storage.close();
    let (task, run) = StorageTask::new(async move { Storage::open_named(&name, || {}).await.ok() });
    leptos::task::spawn_local(run);
    Library::new(task, Toaster::new(), RwSignal::new(false))
}

fn ids(library: Library) -> Vec<String> {
    library
        .collections
        .with_untracked(|collections| collections.iter().map(|c| c.id.clone()).collect())
}

#[wasm_bindgen_test]
async fn a_save_made_while_the_database_opens_is_kept_beside_what_was_stored() {
    let library = library_over(&[collection("a-stored")]).await;
    // The first read is asked for, then (before the database has even opened) a save.
    let first_read = library.reload(Store::Collections);
    let save = async { library.put_collection(collection("b-new")) };
    futures_util::future::join(first_read, save).await;
    assert_eq!(ids(library), ["a-stored", "b-new"]);
    library.settled().await;
    library.reload(Store::Collections).await;
    assert_eq!(ids(library), ["a-stored", "b-new"], "and it is stored");
}

#[wasm_bindgen_test]
async fn a_failed_write_leaves_the_list_as_stored_and_says_why() {
    let library = library_over(&[collection("a-stored")]).await;
    library.reload(Store::Collections).await;
    // A newer version takes the database over (its connection here is closed): writes fail.
    library
        .ask(|storage: Option<Storage>| async move { storage.expect("open").close() })
        .await;
    library.is_outdated.set(true);
    library.put_collection(collection("b-lost"));
    assert_eq!(ids(library), ["a-stored", "b-lost"], "shown at once");
    library.settled().await;
    assert_eq!(ids(library), ["a-stored"]);
    assert!(
        library
            .toaster
            .message
            .get_untracked()
            .is_some_and(|message| message.starts_with("Not saved: SSE Studio was updated")),
        "{:?}",
        library.toaster.message.get_untracked()
    );
}
