//! The app's IndexedDB database: one database, `sse-studio`, whose object stores hold collections,
//! environments and history as serde records keyed by their `id`. Each write is one transaction:
//! it is committed whole or not at all, so a failed write leaves earlier data as it was.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The database's name.
const DATABASE: &str = "sse-studio";
/// The schema version: raised with each change of stores, each with its upgrade step below.
const VERSION: u32 = 1;

/// The object stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Store {
    /// [`crate::model::collection::Collection`] records.
    Collections,
    /// [`crate::model::variables::Environment`] records.
    Environments,
    /// [`crate::model::history::HistoryEntry`] records.
    History,
}

impl Store {
    const ALL: [Self; 3] = [Self::Collections, Self::Environments, Self::History];

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
        }
    }
}

/// An open database.
#[derive(Debug, Clone)]
pub struct Storage {
    database: Database,
}

/// Why storage failed, as a sentence that says what happened and what to do.
fn describe(error: impl std::fmt::Display) -> String {
    let text = error.to_string();
    if text.contains("QuotaExceeded") {
        "The browser's storage for this site is full. Delete old history or collections and try again; nothing was changed.".into()
    } else {
        format!("Saving failed ({text}); nothing was changed.")
    }
}

impl Storage {
    /// Opens (creating or upgrading) the database.
    ///
    /// # Errors
    /// A sentence for the user when IndexedDB is unavailable (some private windows) or refuses.
    pub async fn open() -> Result<Self, String> {
        let database = Database::open(DATABASE)
            .with_version(VERSION)
            .with_on_upgrade_needed(|event, database| {
                // Version 1 created every store; later versions add their steps after it.
                if event.old_version() < 1.0 {
                    for store in Store::ALL {
                        database
                            .create_object_store(store.name())
                            .with_key_path("id".into())
                            .build()?;
                    }
                }
                Ok(())
            })
            .await
            .map_err(|error| {
                format!("Saved data is unavailable in this window ({error}): changes will last only until the tab closes.")
            })?;
        Ok(Self { database })
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

    /// The record of `store` with `id`, if there is one.
    ///
    /// # Errors
    /// A sentence for the user when the store cannot be read.
    pub async fn get<T: DeserializeOwned>(
        &self,
        store: Store,
        id: &str,
    ) -> Result<Option<T>, String> {
        let read = async {
            let transaction = self.database.transaction(store.name()).build()?;
            transaction
                .object_store(store.name())?
                .get::<T, _, _>(id)
                .serde()?
                .await
        };
        read.await
            .map_err(|error: indexed_db_futures::error::Error| {
                format!("Could not read a saved record ({error}).")
            })
    }

    /// Writes `record` (replacing the one with its id).
    ///
    /// # Errors
    /// A sentence for the user (storage full, or refused); nothing was written.
    pub async fn put<T: Serialize>(&self, store: Store, record: &T) -> Result<(), String> {
        let write = async {
            let transaction = self.read_write(store)?;
            transaction
                .object_store(store.name())?
                .put(record)
                .serde()?
                .await?;
            transaction.commit().await
        };
        write.await.map_err(describe)
    }

    /// Deletes the records with `ids` from `store`, all or none.
    ///
    /// # Errors
    /// A sentence for the user; nothing was deleted.
    pub async fn delete(&self, store: Store, ids: &[String]) -> Result<(), String> {
        let write = async {
            let transaction = self.read_write(store)?;
            let object_store = transaction.object_store(store.name())?;
            for id in ids {
                object_store.delete(id.as_str()).await?;
            }
            transaction.commit().await
        };
        write.await.map_err(describe)
    }

    /// A read-write transaction on `store` (rolled back unless committed).
    fn read_write(
        &self,
        store: Store,
    ) -> Result<indexed_db_futures::transaction::Transaction<'_>, indexed_db_futures::error::Error>
    {
        self.database
            .transaction(store.name())
            .with_mode(TransactionMode::Readwrite)
            .build()
    }
}
