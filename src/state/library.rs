//! `Library`: what is kept across visits — collections, environments and history — loaded from
//! IndexedDB at start and written back on each change. A write that fails is reported in the
//! toast and the in-memory view is put back as it was, so what is shown is what is stored. Each
//! write is announced to the app's other tabs, which read the store again (last write wins per
//! record).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::io::broadcast::Broadcast;
use crate::io::preferences;
use crate::io::schedule::{sleep_ms, yield_to_browser};
use crate::io::storage::{Storage, Store};
use crate::model::library::collection::{self, Collection, Folder, Place, SavedRequest};
use crate::model::library::history::{HistoryCap, HistoryEntry, HistorySummary, over_cap};
use crate::model::request::draft::{PreparedRequest, RequestDraft};
use crate::model::request::variables::Environment;
use crate::model::session::log::SessionLog;
use crate::state::AppState;
use crate::state::toaster::Toaster;

/// History entries larger than this are stored [`LARGE_ENTRY_DELAY_MS`] after their run ends.
const LARGE_ENTRY_BYTES: usize = 1 << 20;
/// ms to wait before storing a large history entry.
const LARGE_ENTRY_DELAY_MS: u32 = 1500;

/// A history entry's two records: its summary and its body.
const HISTORY_STORES: [Store; 2] = [Store::History, Store::HistoryBodies];

/// ms between looks at whether the database has opened yet.
const STORAGE_POLL_MS: u32 = 20;

/// The name of the collection that Save puts new requests in when there is none yet.
const DEFAULT_COLLECTION: &str = "My requests";

/// A history entry as listed (the chunks stay in storage until it is opened).
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryItem {
    /// The entry's id.
    pub id: String,
    /// `METHOD URL`.
    pub target: String,
    /// How it ended (the close reason's title).
    pub outcome: String,
    /// Wall-clock start, Unix ms, and the zone then.
    pub started: (f64, i32),
    /// Events dispatched.
    pub event_count: usize,
    /// ms from the request start to the close.
    pub duration_ms: f64,
    /// Body bytes received.
    pub bytes_received: u64,
    /// Bytes the entry takes (for the cap).
    pub size: usize,
    /// The request as it was sent (secrets masked), for loading it again.
    pub request: RequestDraft,
}

impl HistoryItem {
    fn of(entry: &HistorySummary) -> Self {
        Self {
            id: entry.id.clone(),
            target: format!("{} {}", entry.method, entry.url),
            outcome: if entry.is_body_dropped {
                format!("{} (body too large to keep)", entry.close.0.title())
            } else {
                entry.close.0.title()
            },
            started: (entry.started_unix_ms, entry.utc_offset_minutes),
            event_count: entry.event_count,
            duration_ms: entry.close.1,
            bytes_received: entry.bytes_received,
            size: entry.size_bytes(),
            request: entry.request_draft(),
        }
    }
}

/// Where the request in the editor was opened from, so that Save updates it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenedRequest {
    /// Its collection's id.
    pub collection_id: String,
    /// Its id.
    pub request_id: String,
}

/// A write's place in [`Library`]'s order of writes: the next write may go once this is dropped
/// (when the write is done, or given up).
struct WriteTurn {
    queue: StoredValue<(u64, u64)>,
    ticket: u64,
}

impl Drop for WriteTurn {
    fn drop(&mut self) {
        let ticket = self.ticket;
        // `try_`: the page may be going away.
        self.queue
            .try_update_value(|(_, done)| *done = (*done).max(ticket + 1));
    }
}

/// What a tab says once a newer version in another tab has taken the saved data over.
const OUTDATED: &str =
    "SSE Studio was updated in another tab. Reload this one to keep saving your changes.";

/// Collections, environments and history, provided once by `<App/>`.
#[derive(Debug, Clone, Copy)]
pub struct Library {
    storage: StoredValue<Option<Storage>, LocalStorage>,
    broadcast: StoredValue<Option<Broadcast>, LocalStorage>,
    toaster: Toaster,
    /// Changes made to the lists here, counted: a read that overlapped one is read again.
    local_writes: StoredValue<u64>,
    /// Writes to storage, in the order they were asked for: (turns given out, turns done). Each
    /// waits for the one before it, so that a later write never lands before an earlier one (a
    /// write can be asked for while the database is still opening and wait for it; one asked for
    /// later, once it is open, must not overtake it).
    write_queue: StoredValue<(u64, u64)>,
    /// The collections, in order.
    pub collections: RwSignal<Vec<Collection>>,
    /// The environments, in order.
    pub environments: RwSignal<Vec<Environment>>,
    /// The active environment's id (remembered across visits).
    pub active_environment: RwSignal<Option<String>>,
    /// History, newest first.
    pub history: RwSignal<Vec<HistoryItem>>,
    /// How much history is kept.
    pub history_cap: RwSignal<HistoryCap>,
    /// The last deleted request and where it was, for Undo.
    pub last_deleted: RwSignal<Option<(String, SavedRequest)>>,
    /// Whether the saved data has been loaded.
    pub is_loaded: RwSignal<bool>,
    /// Whether a newer SSE Studio in another tab took the database over: this tab's database
    /// connection is closed and nothing more is saved until it reloads.
    pub is_outdated: RwSignal<bool>,
}

impl Library {
    /// Creates the state, loads what is stored (saying in `toaster` what could not be), and
    /// provides it as context.
    pub fn provide(toaster: Toaster) -> Self {
        let library = Self {
            storage: StoredValue::new_local(None),
            broadcast: StoredValue::new_local(None),
            toaster,
            local_writes: StoredValue::new(0),
            write_queue: StoredValue::new((0, 0)),
            collections: RwSignal::new(Vec::new()),
            environments: RwSignal::new(Vec::new()),
            active_environment: RwSignal::new(preferences::active_environment()),
            history: RwSignal::new(Vec::new()),
            history_cap: RwSignal::new(
                preferences::history_cap()
                    .map(|(max_entries, max_bytes)| HistoryCap {
                        max_entries,
                        max_bytes,
                    })
                    .unwrap_or_default(),
            ),
            last_deleted: RwSignal::new(None),
            is_loaded: RwSignal::new(false),
            is_outdated: RwSignal::new(false),
        };
        Effect::new(move |_| {
            preferences::set_active_environment(library.active_environment.get().as_deref());
        });
        // Another tab changed a store: show what is stored now (last write wins per record).
        let broadcast = Broadcast::open(move |name| {
            if let Some(store) = Store::named(&name) {
                spawn_local(library.reload(store));
            }
        });
        library.broadcast.set_value(broadcast);
        spawn_local(async move {
            let on_blocked = move || {
                toaster.notify(
                    "SSE Studio is waiting for another of its tabs, open on an older version, to \
                     let go of the saved data: reload or close that tab.",
                );
            };
            match Storage::open(on_blocked).await {
                Ok(storage) => {
                    library.storage.set_value(Some(storage.clone()));
                    // A newer version opened in another tab: let it upgrade, and say so here.
                    storage.on_version_change(move || {
                        library.is_outdated.set(true);
                        toaster.notify(OUTDATED);
                    });
                    for store in [Store::Collections, Store::Environments, Store::History] {
                        library.reload(store).await;
                    }
                }
                Err(message) => toaster.notify(message),
            }
            library.is_loaded.set(true);
        });
        provide_context(library);
        library
    }

    /// Reads `store` again into its list.
    async fn reload(self, store: Store) {
        let Some(storage) = self.storage.get_value() else {
            return;
        };
        // A change made here while the read was in flight is newer than what was read (a save
        // in the first moments after the page opened, say): read again rather than hide it.
        loop {
            let writes = self.local_writes.get_value();
            let is_current = move || self.local_writes.get_value() == writes;
            let result = match store {
                Store::Collections => storage
                    .load_all::<Collection>(store)
                    .await
                    .map(|records| is_current().then(|| self.collections.set(records))),
                // Bodies are read one at a time, when opened.
                Store::HistoryBodies => Ok(Some(())),
                Store::Environments => storage
                    .load_all::<Environment>(store)
                    .await
                    .map(|records| is_current().then(|| self.environments.set(records))),
                Store::History => {
                    storage
                        .load_all::<HistorySummary>(store)
                        .await
                        .map(|summaries| {
                            is_current().then(|| {
                                let mut items: Vec<_> =
                                    summaries.iter().map(HistoryItem::of).collect();
                                // Ids are UUID v7: later ids are later runs.
                                items.sort_by(|a, b| b.id.cmp(&a.id));
                                self.history.set(items);
                                // A tab closed between storing a run and dropping the oldest leaves
                                // extras.
                                self.set_history_cap(self.history_cap.get_untracked());
                            })
                        })
                }
            };
            match result {
                Ok(Some(())) => return,
                Ok(None) => {}
                Err(message) => {
                    self.toaster.notify(message);
                    return;
                }
            }
        }
    }

    /// Tells the other tabs that `store` changed.
    fn changed(self, store: Store) {
        self.broadcast.with_value(|broadcast| {
            if let Some(broadcast) = broadcast {
                broadcast.post(store.name());
            }
        });
    }

    /// The state provided by `<App/>`.
    ///
    /// # Panics
    /// Outside `<App/>`, which is a programming error, not a user-reachable state.
    pub fn expect() -> Self {
        use_context::<Self>().expect("Library is provided by <App/>")
    }

    /// The active environment, tracked (for views).
    pub fn environment_tracked(self) -> Option<Environment> {
        let id = self.active_environment.get()?;
        self.environments
            .with(|environments| environments.iter().find(|e| e.id == id).cloned())
    }

    /// The active environment, if one is chosen and exists.
    pub fn environment(self) -> Option<Environment> {
        let id = self.active_environment.get_untracked()?;
        self.environments
            .with_untracked(|environments| environments.iter().find(|e| e.id == id).cloned())
    }

    /// Writes `record` to `store`; on failure says why and runs `undo` to put the view back.
    fn write<T: serde::Serialize + 'static>(
        self,
        store: Store,
        record: T,
        undo: impl FnOnce() + 'static,
        done: Option<&'static str>,
    ) {
        let turn = self.write_turn();
        spawn_local(async move {
            let is_early = self.storage.get_value().is_none();
            let Some(storage) = self.storage_in_turn(&turn).await else {
                // No IndexedDB (a private window): keep working in memory, as said at start.
                if let Some(done) = done {
                    self.toaster.notify(format!(
                        "{done} in this tab only: saved data is unavailable here"
                    ));
                }
                return;
            };
            match storage.put(store, &record).await {
                Ok(()) => {
                    // Said once the transaction committed, not when it was asked for.
                    if let Some(done) = done {
                        self.toaster.notify(done);
                    }
                    self.changed(store);
                    // Made before the first read, which may have shown the store without it.
                    if is_early {
                        self.reload(store).await;
                    }
                }
                Err(message) => {
                    undo();
                    self.toaster.notify(self.failure(message));
                }
            }
        });
    }

    /// Why a write failed, as the toast says it: a newer version in another tab, when that is
    /// why, else `message`.
    fn failure(self, message: String) -> String {
        if self.is_outdated.get_untracked() {
            format!("Not saved: {OUTDATED}")
        } else {
            message
        }
    }

    /// Saves or replaces `collection` in the view and in storage.
    pub fn put_collection(self, collection: Collection) {
        self.upsert(Store::Collections, self.collections, collection, None);
    }

    /// Deletes the collection with `id`.
    pub fn delete_collection(self, id: String) {
        self.remove(&[Store::Collections], self.collections, vec![id]);
    }

    /// Puts `record` in `list` (replacing the one with its id) and in `store`; a failed write
    /// puts `list` back and says why.
    /// `done` is said once the write has committed.
    fn upsert<T: Record>(
        self,
        store: Store,
        list: RwSignal<Vec<T>>,
        record: T,
        done: Option<&'static str>,
    ) {
        let before = list.get_untracked();
        self.local_writes.update_value(|writes| *writes += 1);
        list.update(
            |records| match records.iter_mut().find(|r| r.id() == record.id()) {
                Some(existing) => *existing = record.clone(),
                None => records.push(record.clone()),
            },
        );
        self.write(store, record, move || list.set(before), done);
    }

    /// Removes the records with `ids` from `list` and `store`; a failed delete puts `list` back
    /// and says why.
    fn remove<T: Clone + Send + Sync + 'static + HasId>(
        self,
        stores: &'static [Store],
        list: RwSignal<Vec<T>>,
        ids: Vec<String>,
    ) {
        let before = list.get_untracked();
        self.local_writes.update_value(|writes| *writes += 1);
        list.update(|records| records.retain(|r| !ids.iter().any(|id| id == r.id())));
        let turn = self.write_turn();
        spawn_local(async move {
            let is_early = self.storage.get_value().is_none();
            let Some(storage) = self.storage_in_turn(&turn).await else {
                return;
            };
            match storage.delete(stores, &ids).await {
                Ok(()) => {
                    for store in stores {
                        self.changed(*store);
                        if is_early {
                            self.reload(*store).await;
                        }
                    }
                }
                Err(message) => {
                    list.set(before);
                    self.toaster.notify(self.failure(message));
                }
            }
        });
    }

    /// A place in the order of writes, taken when a write is asked for.
    fn write_turn(self) -> WriteTurn {
        let ticket = self.write_queue.get_value().0;
        self.write_queue.update_value(|(given, _)| *given += 1);
        WriteTurn {
            queue: self.write_queue,
            ticket,
        }
    }

    /// The database, once every write asked for before `turn` is done and it is open; `None`
    /// when it could not be opened (a private window). A change made in the first moments after
    /// the page opened waits for it here instead of being lost.
    async fn storage_in_turn(self, turn: &WriteTurn) -> Option<Storage> {
        while self.write_queue.get_value().1 < turn.ticket {
            sleep_ms(STORAGE_POLL_MS).await;
        }
        loop {
            if let Some(storage) = self.storage.get_value() {
                return Some(storage);
            }
            if self.is_loaded.get_untracked() {
                return None;
            }
            sleep_ms(STORAGE_POLL_MS).await;
        }
    }

    /// Saves the request in the editor: over the saved request it was opened from, or (when
    /// `save_as` or it was not opened from one) as a new request named after its method and path
    /// in the first collection (created as "My requests" if there is none).
    pub fn save_request(self, app: AppState, save_as: bool) {
        let draft = app.draft.get_untracked();
        let name = draft.default_name();
        let opened = app.opened.get_untracked().filter(|_| !save_as);
        let mut collections = self.collections.get_untracked();
        let target = match &opened {
            Some(opened) => collections
                .iter_mut()
                .find(|c| c.id == opened.collection_id),
            None => None,
        };
        let (collection, request_id) = match (target, opened) {
            (Some(collection), Some(opened)) => {
                if let Some(request) = collection.request_mut(&opened.request_id) {
                    let kept_name = request.name.clone();
                    *request =
                        SavedRequest::from_draft(opened.request_id.clone(), kept_name, &draft);
                }
                (collection.clone(), opened.request_id)
            }
            _ => {
                let mut collection = collections.first().cloned().unwrap_or_else(|| Collection {
                    id: new_id(),
                    name: DEFAULT_COLLECTION.into(),
                    folders: Vec::new(),
                    requests: Vec::new(),
                });
                let id = new_id();
                collection
                    .requests
                    .push(SavedRequest::from_draft(id.clone(), name, &draft));
                (collection, id)
            }
        };
        app.opened.set(Some(OpenedRequest {
            collection_id: collection.id.clone(),
            request_id,
        }));
        self.upsert(
            Store::Collections,
            self.collections,
            collection,
            Some("Saved"),
        );
    }

    /// Whether the editor holds a saved request with changes not yet saved (tracked, for views).
    pub fn has_unsaved_changes(self, app: AppState) -> bool {
        let Some(opened) = app.opened.get() else {
            return false;
        };
        let saved = self.saved(&opened).as_ref().map(SavedRequest::to_draft);
        // Header row ids are the editor's own; compare what is saved.
        app.draft.with(|draft| {
            saved.is_none_or(|saved| {
                SavedRequest::from_draft(String::new(), String::new(), draft)
                    != SavedRequest::from_draft(String::new(), String::new(), &saved)
            })
        })
    }

    /// The saved request `opened` points at, if it still exists (tracked, for views).
    pub fn saved(self, opened: &OpenedRequest) -> Option<SavedRequest> {
        self.collections.with(|collections| {
            collections
                .iter()
                .find(|c| c.id == opened.collection_id)
                .and_then(|c| c.all_requests().find(|r| r.id == opened.request_id))
                .cloned()
        })
    }

    /// Renames or deletes (`new_name` `None`) a saved request; a deleted one can be put back with
    /// [`Library::undo_delete`]. A tab holding a deleted request keeps it, shown as unsaved.
    pub fn edit_request(self, collection_id: &str, request_id: &str, new_name: Option<String>) {
        self.edit_collection(collection_id, |collection| match new_name {
            Some(name) => {
                if let Some(request) = collection.request_mut(request_id) {
                    request.name = name;
                }
            }
            None => {
                if let Some(removed) = collection.remove_request(request_id) {
                    self.last_deleted
                        .set(Some((collection.id.clone(), removed)));
                }
            }
        });
    }

    /// Puts the last deleted request back at the top of its collection.
    pub fn undo_delete(self) {
        let Some((collection_id, request)) = self.last_deleted.get_untracked() else {
            return;
        };
        self.edit_collection(&collection_id, |collection| {
            collection.requests.insert(0, request);
            self.last_deleted.set(None);
        });
    }

    /// Adds an empty collection named `name`.
    pub fn add_collection(self, name: String) {
        let collection = Collection {
            id: new_id(),
            name,
            folders: Vec::new(),
            requests: Vec::new(),
        };
        self.put_collection(collection);
    }

    /// Applies `edit` to collection `collection_id` and saves it.
    pub fn edit_collection(self, collection_id: &str, edit: impl FnOnce(&mut Collection)) {
        let collection = self.collections.with_untracked(|collections| {
            collections.iter().find(|c| c.id == collection_id).cloned()
        });
        if let Some(mut collection) = collection {
            edit(&mut collection);
            self.put_collection(collection);
        }
    }

    /// Adds a folder named `name` to collection `collection_id`.
    pub fn add_folder(self, collection_id: &str, name: String) {
        self.edit_collection(collection_id, |collection| {
            collection.folders.push(Folder {
                id: new_id(),
                name,
                requests: Vec::new(),
            });
        });
    }

    /// Copies saved request `request_id` of collection `collection_id` next to it, as "… copy".
    pub fn duplicate_request(self, collection_id: &str, request_id: &str) {
        self.edit_collection(collection_id, |collection| {
            let lists = std::iter::once(&mut collection.requests).chain(
                collection
                    .folders
                    .iter_mut()
                    .map(|folder| &mut folder.requests),
            );
            for list in lists {
                if let Some(index) = list.iter().position(|request| request.id == request_id) {
                    let mut copy = list[index].clone();
                    copy.id = new_id();
                    copy.name = format!("{} copy", copy.name);
                    list.insert(index + 1, copy);
                    return;
                }
            }
        });
    }

    /// Moves saved request `request_id` to the end of `to`.
    pub fn move_request(self, request_id: &str, to: &Place) {
        let changed = self
            .collections
            .with_untracked(|collections| collection::move_request(collections, request_id, to));
        for collection in changed {
            self.put_collection(collection);
        }
    }

    /// Saves or replaces `environment`.
    pub fn put_environment(self, environment: Environment) {
        self.upsert(Store::Environments, self.environments, environment, None);
    }

    /// Adds an empty environment named `name` and makes it active.
    pub fn add_environment(self, name: String) {
        let environment = Environment {
            id: new_id(),
            name,
            variables: Vec::new(),
        };
        self.active_environment.set(Some(environment.id.clone()));
        self.put_environment(environment);
    }

    /// Records the run in `log` (closed) of the request `sent` in history, then drops the oldest
    /// entries past the cap.
    pub fn record_run(self, log: &SessionLog, sent: &PreparedRequest) {
        let cap = self.history_cap.get_untracked();
        let Some(entry) = HistoryEntry::record(new_id(), log, sent, cap.max_bytes) else {
            return;
        };
        self.local_writes.update_value(|writes| *writes += 1);
        self.history
            .update(|history| history.insert(0, HistoryItem::of(&entry.summary)));
        let sizes: Vec<_> = self.history.with_untracked(|history| {
            history
                .iter()
                .map(|item| (item.id.clone(), item.size))
                .collect()
        });
        let dropped = over_cap(&sizes, self.history_cap.get_untracked());
        self.history
            .update(|history| history.retain(|item| !dropped.contains(&item.id)));
        let history = self.history;
        let turn = self.write_turn();
        spawn_local(async move {
            // Storing a large body blocks the page for a while (the browser copies it): not while
            // the run's last frames paint, but a moment later.
            if entry.body.bytes.len() > LARGE_ENTRY_BYTES {
                sleep_ms(LARGE_ENTRY_DELAY_MS).await;
            } else {
                yield_to_browser().await;
            }
            // A run that ended while the database was still opening is stored once it is open
            // (and kept in memory only when there is no database).
            let Some(storage) = self.storage_in_turn(&turn).await else {
                return;
            };
            let id = entry.summary.id.clone();
            let result = match storage.put_history(&entry).await {
                Ok(()) => storage.delete(&HISTORY_STORES, &dropped).await,
                Err(message) => {
                    history.update(|history| history.retain(|item| item.id != id));
                    Err(message)
                }
            };
            drop(turn);
            match result {
                Ok(()) => self.changed(Store::History),
                Err(message) => self.toaster.notify(self.failure(message)),
            }
        });
    }

    /// Opens history entry `id` as a run in the timeline, as if live.
    pub fn open_history(self, app: AppState, id: String) {
        self.with_history_entry(id, move |entry| {
            crate::state::session::show_log(app, |run_id| entry.replay(run_id));
        });
    }

    /// Sets how much history is kept (remembered across visits) and drops what no longer fits.
    pub fn set_history_cap(self, cap: HistoryCap) {
        self.history_cap.set(cap);
        preferences::set_history_cap(cap.max_entries, cap.max_bytes);
        let sizes: Vec<_> = self.history.with_untracked(|history| {
            history
                .iter()
                .map(|item| (item.id.clone(), item.size))
                .collect()
        });
        let dropped = over_cap(&sizes, cap);
        if !dropped.is_empty() {
            self.delete_history(Some(dropped));
        }
    }

    /// Reads history entry `id` and hands it to `then`, or says why it cannot.
    fn with_history_entry(self, id: String, then: impl FnOnce(HistoryEntry) + 'static) {
        let Some(storage) = self.storage.get_value() else {
            return;
        };
        spawn_local(async move {
            match storage.get_history(&id).await {
                Ok(Some(entry)) => then(entry),
                Ok(None) => self
                    .toaster
                    .notify("This history entry is gone (deleted in another tab?)."),
                Err(message) => self.toaster.notify(message),
            }
        });
    }

    /// Deletes history entries `ids` (all of them when `None`).
    pub fn delete_history(self, ids: Option<Vec<String>>) {
        let ids = ids.unwrap_or_else(|| {
            self.history
                .with_untracked(|history| history.iter().map(|item| item.id.clone()).collect())
        });
        self.remove(&HISTORY_STORES, self.history, ids);
    }
}

/// Something kept in a list under an id.
trait HasId {
    fn id(&self) -> &str;
}

/// A stored record: kept in a list, and written to storage as it is.
trait Record: HasId + Clone + Send + Sync + serde::Serialize + 'static {}

impl<T: HasId + Clone + Send + Sync + serde::Serialize + 'static> Record for T {}

impl HasId for Collection {
    fn id(&self) -> &str {
        &self.id
    }
}

impl HasId for Environment {
    fn id(&self) -> &str {
        &self.id
    }
}

impl HasId for HistoryItem {
    fn id(&self) -> &str {
        &self.id
    }
}

/// A new record id: a UUID v7, so ids sort by creation time.
fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
