//! `Library`: what is kept across visits — collections, environments, history and the reports of
//! folder runs — loaded from
//! IndexedDB at start and written back on each change, through the storage task (see
//! `state::storage_task`), which does reads and writes one at a time in the order they were
//! asked for. A write that fails is reported in the toast and the list is read again, so what is
//! shown is what is stored. Each write is announced to the app's other tabs, which read the
//! store again (last write wins per record). The library knows nothing of the request tabs.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::io::broadcast::Broadcast;
use crate::io::preferences;
use crate::io::schedule::{sleep_ms, yield_to_browser};
use crate::io::storage::{Storage, Store};
use crate::model::checks::report::{RUN_REPORTS_KEPT, RunReport};
use crate::model::library::collection::{self, Collection, Folder, Place, Removed, SavedRequest};
use crate::model::library::history::{HistoryCap, HistoryEntry, HistorySummary, over_cap};
use crate::model::request::capture::{self, Captured};
use crate::model::request::draft::{PreparedRequest, RequestDraft};
use crate::model::request::variables::Environment;
use crate::model::session::log::SessionLog;
use crate::state::storage_task::StorageTask;
use crate::state::toaster::Toaster;

/// History entries larger than this are stored [`LARGE_ENTRY_DELAY_MS`] after their run ends.
const LARGE_ENTRY_BYTES: usize = 1 << 20;
/// ms to wait before storing a large history entry.
const LARGE_ENTRY_DELAY_MS: u32 = 1500;

/// A history entry's two records: its summary and its body.
const HISTORY_STORES: [Store; 2] = [Store::History, Store::HistoryBodies];

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

/// What a tab says once a newer version in another tab has taken the saved data over.
const OUTDATED: &str =
    "SSE Studio was updated in another tab. Reload this one to keep saving your changes.";

/// Collections, environments and history, provided once by `<App/>`.
#[derive(Debug, Clone, Copy)]
pub struct Library {
    /// The one owner of the database: every read and write goes through it, in order.
    storage: StoredValue<StorageTask<Storage>, LocalStorage>,
    broadcast: StoredValue<Option<Broadcast>, LocalStorage>,
    toaster: Toaster,
    /// Changes made to the lists here, counted: a read asked for before one of them (which the
    /// view already shows) is read again, after it.
    local_writes: StoredValue<u64>,
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
    /// The reports of folder runs, newest first (the last [`RUN_REPORTS_KEPT`]).
    pub run_reports: RwSignal<Vec<RunReport>>,
    /// The last deleted request and where it was, for Undo.
    pub last_deleted: RwSignal<Option<(String, Removed)>>,
    /// Whether the saved data has been loaded.
    pub is_loaded: RwSignal<bool>,
    /// Whether a newer SSE Studio in another tab took the database over: this tab's database
    /// connection is closed and nothing more is saved until it reloads.
    pub is_outdated: RwSignal<bool>,
}

impl Library {
    /// Creates the state, opens the database and loads what is stored (saying in `toaster`
    /// what could not be), and provides it as context.
    pub fn provide(toaster: Toaster) -> Self {
        let is_outdated = RwSignal::new(false);
        let (storage, run) = StorageTask::new(async move {
            let on_blocked = move || {
                toaster.notify(
                    "SSE Studio is waiting for another of its tabs, open on an older version, to \
                     let go of the saved data: reload or close that tab.",
                );
            };
            match Storage::open(on_blocked).await {
                Ok(storage) => {
                    // A newer version opened in another tab: let it upgrade, and say so here.
                    storage.on_version_change(move || {
                        is_outdated.set(true);
                        toaster.notify(OUTDATED);
                    });
                    Some(storage)
                }
                Err(message) => {
                    toaster.notify(message);
                    None
                }
            }
        });
        spawn_local(run);
        let library = Self::new(storage, toaster, is_outdated);
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
            for store in [
                Store::Collections,
                Store::Environments,
                Store::History,
                Store::RunReports,
            ] {
                library.reload(store).await;
            }
            library.is_loaded.set(true);
        });
        provide_context(library);
        library
    }

    /// The state, empty, keeping its data through `storage`.
    fn new(storage: StorageTask<Storage>, toaster: Toaster, is_outdated: RwSignal<bool>) -> Self {
        Self {
            storage: StoredValue::new_local(storage),
            broadcast: StoredValue::new_local(None),
            toaster,
            local_writes: StoredValue::new(0),
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
            run_reports: RwSignal::new(Vec::new()),
            last_deleted: RwSignal::new(None),
            is_loaded: RwSignal::new(false),
            is_outdated,
        }
    }

    /// Once every job asked for so far is done and the writes' follow-ups have run.
    #[cfg(all(test, target_arch = "wasm32"))]
    async fn settled(self) {
        self.ask(|_| async {}).await;
    }

    /// Whether a read or write asked of the database is not done yet (leaving the page now may
    /// lose a write).
    pub fn is_busy(self) -> bool {
        self.storage.with_value(|storage| storage.pending() > 0)
    }

    /// Asks the storage task for `job` (see [`StorageTask::ask`]); the job is queued now.
    fn ask<T: 'static, F: Future<Output = T> + 'static>(
        self,
        job: impl FnOnce(Option<Storage>) -> F + 'static,
    ) -> impl Future<Output = Option<T>> {
        let answer = self.storage.with_value(|storage| storage.ask(job));
        async move { answer.await.ok() }
    }

    /// Reads `store` again into its list: what is stored once every write asked for so far is
    /// done. A change made here meanwhile (which the list already shows) is newer than what was
    /// read: then it is read again, after that change.
    async fn reload(self, store: Store) {
        loop {
            let writes = self.local_writes.get_value();
            let read = self.ask(move |storage| async move {
                let storage = storage?;
                Some(match store {
                    Store::Collections => storage
                        .load_all::<Collection>(store)
                        .await
                        .map(Loaded::Collections),
                    Store::Environments => storage
                        .load_all::<Environment>(store)
                        .await
                        .map(Loaded::Environments),
                    Store::History => storage
                        .load_all::<HistorySummary>(store)
                        .await
                        .map(Loaded::History),
                    Store::RunReports => storage
                        .load_all::<RunReport>(store)
                        .await
                        .map(Loaded::RunReports),
                    // Bodies are read one at a time, when opened.
                    Store::HistoryBodies => Ok(Loaded::Nothing),
                })
            });
            let loaded = match read.await.flatten() {
                // No database: the lists are what this tab made.
                None => return,
                Some(Err(message)) => {
                    self.toaster.notify(message);
                    return;
                }
                Some(Ok(_)) if self.local_writes.get_value() != writes => continue,
                Some(Ok(loaded)) => loaded,
            };
            match loaded {
                Loaded::Collections(records) => self.collections.set(records),
                Loaded::Environments(records) => self.environments.set(
                    records
                        .into_iter()
                        .map(Environment::with_variable_ids)
                        .collect(),
                ),
                Loaded::History(summaries) => {
                    let mut items: Vec<_> = summaries.iter().map(HistoryItem::of).collect();
                    // Ids are UUID v7: later ids are later runs.
                    items.sort_by(|a, b| b.id.cmp(&a.id));
                    self.history.set(items);
                    // A tab closed between storing a run and dropping the oldest leaves extras.
                    self.set_history_cap(self.history_cap.get_untracked());
                }
                Loaded::RunReports(mut reports) => {
                    // Ids are UUID v7: later ids are later runs.
                    reports.sort_by(|a, b| b.id.cmp(&a.id));
                    self.run_reports.set(reports);
                }
                Loaded::Nothing => {}
            }
            return;
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
    #[track_caller]
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

    /// Writes `record` to `store` after every write asked for before; says `done` once it has
    /// committed; on failure says why and shows what is stored (see [`Library::after_write`]).
    fn write<T: serde::Serialize + 'static>(
        self,
        store: Store,
        record: T,
        undo: impl FnOnce() + 'static,
        done: Option<&'static str>,
    ) {
        let written = self.ask(move |storage| async move {
            let storage = storage?;
            Some(storage.put(store, &record).await)
        });
        spawn_local(self.after_write(written, vec![store], undo, done));
    }

    /// What follows a write: its confirmation and the other tabs told, or — when it failed —
    /// `undo` and the stores read again, so the lists show what is stored; without a database
    /// (a private window) the change stays in this tab, as said at start.
    async fn after_write(
        self,
        written: impl Future<Output = Option<Option<Result<(), String>>>>,
        stores: Vec<Store>,
        undo: impl FnOnce(),
        done: Option<&'static str>,
    ) {
        match written.await.flatten() {
            Some(Ok(())) => {
                // Said once the transaction committed, not when it was asked for.
                if let Some(done) = done {
                    self.toaster.notify(done);
                }
                for store in stores {
                    self.changed(store);
                }
            }
            Some(Err(message)) => {
                undo();
                self.toaster.notify(self.failure(message));
                // Writes asked for after this one may have landed: show what is stored (unless a
                // newer version took the database over, leaving nothing to read).
                if !self.is_outdated.get_untracked() {
                    for store in stores {
                        self.reload(store).await;
                    }
                }
            }
            None => {
                if let Some(done) = done {
                    self.toaster.notify(format!(
                        "{done} in this tab only: saved data is unavailable here"
                    ));
                }
            }
        }
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

    /// Removes the records with `ids` from `list` and `stores`; a failed delete shows what is
    /// stored and says why.
    fn remove<T: Clone + Send + Sync + 'static + HasId>(
        self,
        stores: &'static [Store],
        list: RwSignal<Vec<T>>,
        ids: Vec<String>,
    ) {
        let before = list.get_untracked();
        self.local_writes.update_value(|writes| *writes += 1);
        list.update(|records| records.retain(|r| !ids.iter().any(|id| id == r.id())));
        let deleted = self.ask(move |storage| async move {
            let storage = storage?;
            Some(storage.delete(stores, &ids).await)
        });
        spawn_local(self.after_write(deleted, stores.to_vec(), move || list.set(before), None));
    }

    /// Saved request `request_id` of collection `collection_id`, if it still exists (tracked,
    /// for views).
    pub fn saved(self, collection_id: &str, request_id: &str) -> Option<SavedRequest> {
        self.collections.with(|collections| {
            collections
                .iter()
                .find(|c| c.id == collection_id)
                .and_then(|c| c.all_requests().find(|r| r.id == request_id))
                .cloned()
        })
    }

    /// Saves `draft` over saved request `request_id` of collection `collection_id` (keeping its
    /// name) when both exist, else as a new request named after its method and path in the first
    /// collection (created as "My requests" if there is none). Returns where it was saved:
    /// `(collection id, request id)`. "Saved" is said once it has committed.
    pub fn save_draft(self, draft: &RequestDraft, over: Option<(&str, &str)>) -> (String, String) {
        let mut collections = self.collections.get_untracked();
        let existing = over.and_then(|(collection_id, request_id)| {
            let collection = collections.iter_mut().find(|c| c.id == collection_id)?;
            let request = collection.request_mut(request_id)?;
            *request = SavedRequest::from_draft(request_id.to_owned(), request.name.clone(), draft);
            Some((collection.clone(), request_id.to_owned()))
        });
        let (collection, request_id) = existing.unwrap_or_else(|| {
            let mut collection = collections.first().cloned().unwrap_or_else(|| Collection {
                id: new_id(),
                name: DEFAULT_COLLECTION.into(),
                folders: Vec::new(),
                requests: Vec::new(),
            });
            let id = new_id();
            collection.requests.push(SavedRequest::from_draft(
                id.clone(),
                draft.default_name(),
                draft,
            ));
            (collection, id)
        });
        let collection_id = collection.id.clone();
        self.upsert(
            Store::Collections,
            self.collections,
            collection,
            Some("Saved"),
        );
        (collection_id, request_id)
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

    /// Puts the last deleted request back where it was (see [`Collection::restore`]).
    pub fn undo_delete(self) {
        let Some((collection_id, removed)) = self.last_deleted.get_untracked() else {
            return;
        };
        self.last_deleted.set(None);
        self.edit_collection(&collection_id, |collection| collection.restore(removed));
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

    /// Sets `captured` values in the active environment (a new one, "Captures", made active
    /// when none is), saved like an edit. Returns the environment's name when a value changed.
    pub fn set_captured(self, captured: &[Captured]) -> Option<String> {
        if captured.is_empty() {
            return None;
        }
        let mut environment = self.environment().unwrap_or_else(|| Environment {
            id: new_id(),
            name: "Captures".into(),
            variables: Vec::new(),
        });
        if !capture::apply(&mut environment, captured) {
            return None;
        }
        let name = environment.name.clone();
        self.active_environment.set(Some(environment.id.clone()));
        self.put_environment(environment);
        Some(name)
    }

    /// Records the run in `log` (closed) of the request `sent` in history, then drops the oldest
    /// entries past the cap. Returns the entry's id (`None` for a run not yet closed).
    pub fn record_run(self, log: &SessionLog, sent: &PreparedRequest) -> Option<String> {
        let cap = self.history_cap.get_untracked();
        let entry = HistoryEntry::record(new_id(), log, sent, cap.max_bytes)?;
        self.local_writes.update_value(|writes| *writes += 1);
        let entry_id = entry.summary.id.clone();
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
        let stored = self.ask(move |storage| async move {
            // Storing a large body blocks the page for a while (the browser copies it): not while
            // the run's last frames paint, but a moment later.
            if entry.body.bytes.len() > LARGE_ENTRY_BYTES {
                sleep_ms(LARGE_ENTRY_DELAY_MS).await;
            } else {
                yield_to_browser().await;
            }
            let storage = storage?;
            Some(match storage.put_history(&entry).await {
                Ok(()) => storage.delete(&HISTORY_STORES, &dropped).await,
                Err(message) => Err(message),
            })
        });
        let id = entry_id.clone();
        let undo = move || history.update(|history| history.retain(|item| item.id != id));
        spawn_local(self.after_write(stored, HISTORY_STORES.to_vec(), undo, None));
        Some(entry_id)
    }

    /// History entry `id`, summary and body, if it is stored.
    ///
    /// # Errors
    /// A sentence for the user: the entry is gone, or could not be read.
    pub async fn history_entry(self, id: String) -> Result<HistoryEntry, String> {
        let read = self.ask(move |storage| async move {
            let storage = storage?;
            Some(storage.get_history(&id).await)
        });
        match read.await.flatten() {
            Some(Ok(Some(entry))) => Ok(entry),
            Some(Ok(None)) => Err("This history entry is gone (deleted in another tab?).".into()),
            Some(Err(message)) => Err(message),
            None => Err("Saved data is unavailable in this window.".into()),
        }
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

    /// Deletes history entries `ids` (all of them when `None`).
    pub fn delete_history(self, ids: Option<Vec<String>>) {
        let ids = ids.unwrap_or_else(|| {
            self.history
                .with_untracked(|history| history.iter().map(|item| item.id.clone()).collect())
        });
        self.remove(&HISTORY_STORES, self.history, ids);
    }
}

impl Library {
    /// Keeps the report of a folder run: shown first, stored (with its id: a later put of the same
    /// report, still running, replaces it), and the oldest past [`RUN_REPORTS_KEPT`] dropped.
    pub fn put_run_report(self, report: RunReport) {
        self.local_writes.update_value(|writes| *writes += 1);
        let before = self.run_reports.get_untracked();
        let mut dropped = Vec::new();
        self.run_reports.update(|reports| {
            match reports.iter_mut().find(|kept| kept.id == report.id) {
                Some(kept) => *kept = report.clone(),
                None => reports.insert(0, report.clone()),
            }
            if reports.len() > RUN_REPORTS_KEPT {
                dropped = reports
                    .drain(RUN_REPORTS_KEPT..)
                    .map(|old| old.id)
                    .collect();
            }
        });
        let reports = self.run_reports;
        let written = self.ask(move |storage| async move {
            let storage = storage?;
            Some(match storage.put(Store::RunReports, &report).await {
                Ok(()) => storage.delete(&[Store::RunReports], &dropped).await,
                Err(message) => Err(message),
            })
        });
        spawn_local(self.after_write(
            written,
            vec![Store::RunReports],
            move || reports.set(before),
            None,
        ));
    }

    /// Deletes the reports with `ids`.
    pub fn delete_run_reports(self, ids: Vec<String>) {
        self.remove(&[Store::RunReports], self.run_reports, ids);
    }
}

/// A store's records, as read.
enum Loaded {
    Collections(Vec<Collection>),
    Environments(Vec<Environment>),
    History(Vec<HistorySummary>),
    RunReports(Vec<RunReport>),
    /// A store that is not listed (history bodies).
    Nothing,
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

impl HasId for RunReport {
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
pub(crate) fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
