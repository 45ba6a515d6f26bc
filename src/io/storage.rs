//! The app's IndexedDB database: one database, `sse-studio`, whose object stores hold collections,
//! environments, history summaries and history bodies as serde records keyed by their `id`. Each
//! write is one transaction: it is committed whole or not at all, so a failed write leaves earlier
//! data as it was.
//!
//! Schema versions, each upgrade migrating what the one before stored (never dropping it):
//! 1. `collections`, `environments`, `history` (each run whole, body included).
//! 2. adds `history_bodies`: each run's body moves there, so listing history reads no body.
//! 3. adds `run_reports`: the reports of folders run with their checks.

use indexed_db_futures::database::Database;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::transaction::{Transaction, TransactionRef};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::model::library::history::{HistoryBody, HistoryEntry, HistoryEntryV1, HistorySummary};

/// The database's name.
const DATABASE: &str = "sse-studio";
/// The schema version: raised with each change of stores, each with its upgrade step below.
const VERSION: u32 = 3;

/// The object stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Store {
    /// [`crate::model::library::collection::Collection`] records.
    Collections,
    /// [`crate::model::request::variables::Environment`] records.
    Environments,
    /// [`HistorySummary`] records.
    History,
    /// [`HistoryBody`] records (schema version 2).
    HistoryBodies,
    /// [`crate::model::checks::report::RunReport`] records (schema version 3).
    RunReports,
}

impl Store {
    const ALL: [Self; 5] = [
        Self::Collections,
        Self::Environments,
        Self::History,
        Self::HistoryBodies,
        Self::RunReports,
    ];

    /// The store called `name`, if there is one.
    pub fn named(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|store| store.name() == name)
    }

    /// The object store's name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Collections => "collections",
            Self::Environments => "environments",
            Self::History => "history",
            Self::HistoryBodies => "history_bodies",
            Self::RunReports => "run_reports",
        }
    }
}

/// An open database.
#[derive(Debug, Clone)]
pub struct Storage {
    database: Database,
}

/// Why a write failed, as a sentence that says what happened and what to do.
fn describe(error: indexed_db_futures::error::Error) -> String {
    let is_quota = match &error {
        indexed_db_futures::error::Error::DomException(exception) => {
            exception.as_sys().name() == "QuotaExceededError"
        }
        _ => false,
    };
    if is_quota {
        "The browser's storage for this site is full. Delete old history or collections and try again; nothing was changed.".into()
    } else {
        format!("Saving failed ({error}); nothing was changed.")
    }
}

/// Commits `transaction`. When the browser aborts it instead (a full quota is found only at the
/// commit), the error is the browser's reason, not just "aborted".
async fn commit(transaction: Transaction<'_>) -> indexed_db_futures::Result<()> {
    let handle: web_sys::IdbTransaction = transaction.as_sys().clone().into();
    transaction
        .commit()
        .await
        .map_err(|error| handle.error().map_or(error, Into::into))
}

impl Storage {
    /// Opens (creating or upgrading) the app's database, calling `on_blocked` when the open
    /// waits because another tab of an older version keeps the database open (the upgrade goes
    /// on once that tab closes or lets go, see [`Storage::on_version_change`]).
    ///
    /// # Errors
    /// A sentence for the user when IndexedDB is unavailable (some private windows) or refuses.
    pub async fn open(on_blocked: impl FnOnce() + 'static) -> Result<Self, String> {
        Self::open_named(DATABASE, on_blocked).await
    }

    /// Opens (creating or upgrading to [`VERSION`]) the database called `name`; `on_blocked` as
    /// in [`Storage::open`].
    ///
    /// # Errors
    /// As [`Storage::open`]; a failed upgrade changes nothing (it is one transaction).
    pub async fn open_named(
        name: &str,
        on_blocked: impl FnOnce() + 'static,
    ) -> Result<Self, String> {
        let database = Database::open(name)
            .with_version(VERSION)
            .with_on_blocked(move |_| {
                on_blocked();
                Ok(())
            })
            .with_on_upgrade_needed_fut(|event, database| async move {
                upgrade(event.old_version(), &database).await
            })
            .await
            .map_err(|error| {
                format!("Saved data is unavailable in this window ({error}): changes will last only until the tab closes.")
            })?;
        Ok(Self { database })
    }

    /// Calls `then` once another tab asks to upgrade or delete the database (a newer SSE Studio
    /// was loaded there), after closing this connection so that the upgrade can go on.
    pub fn on_version_change(&self, then: impl FnOnce() + 'static) {
        let database: web_sys::IdbDatabase = self.database.as_sys().clone().unchecked_into();
        let closing = database.clone();
        // Once per page: the handler lives as long as the page.
        let handler = Closure::once_into_js(move || {
            closing.set_onversionchange(None);
            closing.close();
            then();
        });
        database.set_onversionchange(Some(handler.unchecked_ref()));
    }

    /// Closes the connection (so that a test can reopen the database).
    #[cfg(all(test, target_arch = "wasm32"))]
    pub fn close(self) {
        self.database.close();
    }

    /// Every record of `store`.
    ///
    /// # Errors
    /// A sentence for the user when the store cannot be read.
    pub async fn load_all<T: DeserializeOwned>(&self, store: Store) -> Result<Vec<T>, String> {
        let read = async {
            let transaction = self.database.transaction(store.name()).build()?;
            let records = transaction
                .object_store(store.name())?
                .get_all::<T>()
                .serde()?
                .await?;
            records.collect::<Result<Vec<T>, _>>()
        };
        read.await
            .map_err(|error: indexed_db_futures::error::Error| {
                format!("Could not read saved {} ({error}).", store.name())
            })
    }

    /// Writes `record` (replacing the one with its id).
    ///
    /// # Errors
    /// A sentence for the user (storage full, or refused); nothing was written.
    pub async fn put<T: Serialize>(&self, store: Store, record: &T) -> Result<(), String> {
        let write = async {
            let transaction = self.read_write(&[store])?;
            transaction
                .object_store(store.name())?
                .put(record)
                .serde()?
                .await?;
            commit(transaction).await
        };
        write.await.map_err(describe)
    }

    /// Writes history `entry`: its body and its summary, both or neither.
    ///
    /// # Errors
    /// A sentence for the user (storage full, or refused); nothing was written.
    pub async fn put_history(&self, entry: &HistoryEntry) -> Result<(), String> {
        let write = async {
            let transaction = self.read_write(&[Store::HistoryBodies, Store::History])?;
            // The body first: a summary is listed only with its body stored.
            transaction
                .object_store(Store::HistoryBodies.name())?
                .put(&entry.body)
                .serde()?
                .await?;
            transaction
                .object_store(Store::History.name())?
                .put(&entry.summary)
                .serde()?
                .await?;
            commit(transaction).await
        };
        write.await.map_err(describe)
    }

    /// History entry `id`, summary and body, if it is stored.
    ///
    /// # Errors
    /// A sentence for the user when it cannot be read.
    pub async fn get_history(&self, id: &str) -> Result<Option<HistoryEntry>, String> {
        let stores = [Store::History.name(), Store::HistoryBodies.name()];
        let read = async {
            let transaction = self.database.transaction(stores).build()?;
            let summary = transaction
                .object_store(Store::History.name())?
                .get::<HistorySummary, _, _>(id)
                .serde()?
                .await?;
            let body = transaction
                .object_store(Store::HistoryBodies.name())?
                .get::<HistoryBody, _, _>(id)
                .serde()?
                .await?;
            Ok(summary.map(|summary| HistoryEntry {
                body: body.unwrap_or_else(|| HistoryBody {
                    id: summary.id.clone(),
                    bytes: Vec::new(),
                    chunks: Vec::new(),
                    connections: Vec::new(),
                }),
                summary,
            }))
        };
        read.await
            .map_err(|error: indexed_db_futures::error::Error| {
                format!("Could not read a saved run ({error}).")
            })
    }

    /// Deletes the records with `ids` from each of `stores`, all or none.
    ///
    /// # Errors
    /// A sentence for the user; nothing was deleted.
    pub async fn delete(&self, stores: &[Store], ids: &[String]) -> Result<(), String> {
        let write = async {
            let transaction = self.read_write(stores)?;
            for store in stores {
                let object_store = transaction.object_store(store.name())?;
                for id in ids {
                    object_store.delete(id.as_str()).await?;
                }
            }
            commit(transaction).await
        };
        write.await.map_err(describe)
    }

    /// A read-write transaction on `stores` (rolled back unless committed).
    fn read_write(&self, stores: &[Store]) -> indexed_db_futures::Result<Transaction<'_>> {
        let names: Vec<&str> = stores.iter().map(|store| store.name()).collect();
        self.database
            .transaction(names)
            .with_mode(TransactionMode::Readwrite)
            .build()
    }
}

/// Brings a database at `old_version` (0 when new) to [`VERSION`], inside the upgrade's one
/// transaction.
async fn upgrade(old_version: f64, database: &Database) -> indexed_db_futures::Result<()> {
    if old_version < 1.0 {
        for store in [Store::Collections, Store::Environments, Store::History] {
            database
                .create_object_store(store.name())
                .with_key_path("id".into())
                .build()?;
        }
    }
    if old_version < 2.0 {
        let bodies = database
            .create_object_store(Store::HistoryBodies.name())
            .with_key_path("id".into())
            .build()?;
        if old_version >= 1.0 {
            let upgrade = bodies.transaction();
            if let Err(error) = split_history_bodies(upgrade).await {
                // An error from an async upgrade step fails the open but does not undo the
                // upgrade: abort it, so the database stays at version 1 with its data.
                let _ = upgrade.as_sys().abort();
                return Err(error);
            }
        }
    }
    if old_version < 3.0 {
        database
            .create_object_store(Store::RunReports.name())
            .with_key_path("id".into())
            .build()?;
    }
    Ok(())
}

/// Version 1 → 2: moves each history record's body into `history_bodies`, leaving its summary.
async fn split_history_bodies(upgrade: &TransactionRef<'_>) -> indexed_db_futures::Result<()> {
    let history = upgrade.object_store(Store::History.name())?;
    let bodies = upgrade.object_store(Store::HistoryBodies.name())?;
    let records = history.get_all::<HistoryEntryV1>().serde()?.await?;
    for record in records {
        let entry = record?.into_entry();
        bodies.put(&entry.body).serde()?.await?;
        history.put(&entry.summary).serde()?.await?;
    }
    Ok(())
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
