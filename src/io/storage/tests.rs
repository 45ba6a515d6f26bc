//! The storage layer in a real browser (`wasm-bindgen-test`, headless Chromium): round trip,
//! the migration from a version 1 database, and writes that fail changing nothing.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

use super::{Storage, Store};
use crate::model::checks::check_run::Verdict;
use crate::model::checks::report::{CheckResult, RUN_REPORT_VERSION, RequestResult, RunReport};
use crate::model::library::collection::Collection;
use crate::model::library::history::{HistoryBody, HistoryEntry, HistoryEntryV1, HistorySummary};
use crate::model::request::draft::{Method, PreparedRequest};
use crate::model::session::connection_run::ConnectionRun;
use crate::model::session::log::SessionLog;
use crate::state::storage_task::StorageTask;

wasm_bindgen_test_configure!(run_in_browser);

/// A database name no other test uses.
fn fresh_name() -> String {
    format!("test-{}", uuid::Uuid::now_v7())
}

/// A closed two-event run, recorded as history entry `id`.
fn recorded_run(id: &str) -> HistoryEntry {
    let mut log = SessionLog::new(1, "GET http://h/s".into(), 1_000.0, 60);
    let mut run = ConnectionRun::new();
    let headers = vec![("content-type".to_owned(), "text/event-stream".to_owned())];
    run.opened(&mut log, 200, "OK".into(), headers, 5.0);
    run.chunk(&mut log, b"id: 1\ndata: one\n\nda", 7.0);
    run.chunk(&mut log, "ta: tw\u{f6}\n\n".as_bytes(), 9.5);
    run.ended(&mut log, 12.0);
    log.close_as_last_connection_ended();
    let sent = PreparedRequest {
        method: Method::Get,
        url: "http://h/s".into(),
        headers: Vec::new(),
        body: None,
    };
    HistoryEntry::record(id.into(), &log, &sent, 1 << 20).expect("the run is closed")
}

fn collection(name: &str) -> Collection {
    Collection {
        id: format!("c-{name}"),
        name: name.into(),
        folders: Vec::new(),
        requests: Vec::new(),
    }
}

/// The data of each event a history entry replays to.
fn replayed_data(entry: &HistoryEntry) -> Vec<String> {
    let log = entry.replay(2);
    (0..log.event_count())
        .filter_map(|index| log.event(index).map(|event| event.data.to_owned()))
        .collect()
}

/// Creates database `name` as schema version 1 did, holding `collections` and `history`
/// (written as the raw JS values given, so a record can be any shape).
async fn version_1_database(
    name: &str,
    collections: &[Collection],
    history: &[wasm_bindgen::JsValue],
) {
    let database = Database::open(name)
        .with_version(1u32)
        .with_on_upgrade_needed(|_, database| {
            for store in ["collections", "environments", "history"] {
                database
                    .create_object_store(store)
                    .with_key_path("id".into())
                    .build()?;
            }
            Ok(())
        })
        .await
        .expect("a version 1 database opens");
    let transaction = database
        .transaction(["collections", "history"])
        .with_mode(TransactionMode::Readwrite)
        .build()
        .expect("a transaction");
    let store = transaction
        .object_store("collections")
        .expect("collections");
    for record in collections {
        store
            .put(record)
            .serde()
            .expect("serialises")
            .await
            .expect("put");
    }
    let store = transaction.object_store("history").expect("history");
    for record in history {
        store.put(record.clone()).await.expect("put");
    }
    transaction.commit().await.expect("commit");
    database.close();
}

fn as_js<T: serde::Serialize>(value: &T) -> wasm_bindgen::JsValue {
    // As indexed_db_futures writes records: maps as plain objects, bytes as Uint8Array.
    value
        .serialize(&serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true))
        .expect("serialises")
}

#[wasm_bindgen_test]
async fn what_is_written_is_read_back_after_reopening() {
    let name = fresh_name();
    let storage = Storage::open_named(&name, || {}).await.expect("opens");
    let entry = recorded_run("h1");
    storage
        .put(Store::Collections, &collection("a"))
        .await
        .expect("put");
    storage.put_history(&entry).await.expect("put history");
    storage
        .put(Store::RunReports, &run_report("r1"))
        .await
        .expect("put report");
    storage.close();

    let storage = Storage::open_named(&name, || {}).await.expect("reopens");
    let collections: Vec<Collection> = storage.load_all(Store::Collections).await.expect("load");
    assert_eq!(collections, vec![collection("a")]);
    let summaries: Vec<HistorySummary> = storage.load_all(Store::History).await.expect("load");
    assert_eq!(summaries, vec![entry.summary.clone()]);
    let read = storage.get_history("h1").await.expect("reads");
    assert_eq!(read.as_ref(), Some(&entry));
    assert_eq!(replayed_data(&entry), ["one", "tw\u{f6}"]);
    let reports: Vec<RunReport> = storage.load_all(Store::RunReports).await.expect("load");
    assert_eq!(reports, vec![run_report("r1")]);

    storage
        .delete(&[Store::History, Store::HistoryBodies], &["h1".into()])
        .await
        .expect("deletes");
    assert_eq!(storage.get_history("h1").await.expect("reads"), None);
    let bodies: Vec<HistoryBody> = storage.load_all(Store::HistoryBodies).await.expect("load");
    assert!(bodies.is_empty(), "the body goes with its summary");
}

#[wasm_bindgen_test]
async fn a_version_1_database_is_migrated_without_losing_anything() {
    let name = fresh_name();
    let entry = recorded_run("h1");
    let v1 = HistoryEntryV1::of(&entry);
    version_1_database(&name, &[collection("kept")], &[as_js(&v1)]).await;

    let storage = Storage::open_named(&name, || {}).await.expect("upgrades");
    let collections: Vec<Collection> = storage.load_all(Store::Collections).await.expect("load");
    assert_eq!(collections, vec![collection("kept")]);
    let summaries: Vec<HistorySummary> = storage.load_all(Store::History).await.expect("load");
    assert_eq!(
        summaries,
        vec![entry.summary.clone()],
        "listed without its body"
    );
    let migrated = storage.get_history("h1").await.expect("reads");
    assert_eq!(migrated.as_ref(), Some(&entry));
    assert_eq!(replayed_data(&entry), ["one", "tw\u{f6}"]);
    let reports: Vec<RunReport> = storage.load_all(Store::RunReports).await.expect("a store");
    assert!(reports.is_empty());
}

/// A folder run's report with a verdict of each kind.
fn run_report(id: &str) -> RunReport {
    let check = |label: &str, verdict| CheckResult {
        label: label.into(),
        verdict,
    };
    RunReport {
        id: id.into(),
        version: RUN_REPORT_VERSION,
        title: "Demos / AI".into(),
        started_unix_ms: 1.7e12,
        utc_offset_minutes: 60,
        duration_ms: 12.5,
        total: 2,
        is_stopped: true,
        results: vec![RequestResult {
            suite: "Demos / AI".into(),
            name: "Chat".into(),
            target: "POST http://h/x".into(),
            duration_ms: 12.5,
            events: 3,
            close: ("clean".into(), "Closed cleanly by the server".into()),
            checks: vec![
                check("Status is 200", Verdict::Passed),
                check(
                    "Event ids never repeat",
                    Verdict::Failed {
                        reason: "Event #3 repeats".into(),
                        event: Some(2),
                    },
                ),
                check(
                    "The AI answer is complete",
                    Verdict::NotReached {
                        reason: "not an AI stream".into(),
                    },
                ),
            ],
            history_id: Some("h1".into()),
            saved_as: Some(("c1".into(), "r1".into())),
        }],
    }
}

#[wasm_bindgen_test]
async fn an_upgrade_that_fails_leaves_the_version_1_data_as_it_was() {
    let name = fresh_name();
    let unreadable = js_sys::JSON::parse(r#"{"id":"h1","url":7}"#).expect("json");
    version_1_database(&name, &[collection("kept")], &[unreadable]).await;

    let error = Storage::open_named(&name, || {})
        .await
        .expect_err("refuses to upgrade");
    assert!(error.contains("unavailable"), "{error}");
    let database = Database::open(&name).await.expect("opens as it is");
    assert_eq!(database.version(), 1.0);
    let transaction = database.transaction("history").build().expect("tx");
    let kept = transaction
        .object_store("history")
        .expect("store")
        .get_all::<wasm_bindgen::JsValue>()
        .primitive()
        .expect("request")
        .await
        .expect("reads");
    assert_eq!(
        kept.count(),
        1,
        "the record the upgrade could not read is still there"
    );
}

#[wasm_bindgen_test]
async fn a_history_write_that_fails_midway_writes_neither_record() {
    let name = fresh_name();
    let storage = Storage::open_named(&name, || {}).await.expect("opens");
    let earlier = recorded_run("h0");
    storage.put_history(&earlier).await.expect("put");
    let mut entry = recorded_run("h1");
    // Past 2^53: a JS number cannot hold it, so the summary (written second) is refused.
    entry.summary.bytes_received = u64::MAX;

    let error = storage.put_history(&entry).await.expect_err("refused");
    assert!(error.contains("nothing was changed"), "{error}");
    assert_eq!(storage.get_history("h1").await.expect("reads"), None);
    let bodies: Vec<HistoryBody> = storage.load_all(Store::HistoryBodies).await.expect("load");
    assert_eq!(
        bodies
            .iter()
            .map(|body| body.id.as_str())
            .collect::<Vec<_>>(),
        ["h0"],
        "the body written before the failure was rolled back"
    );
    assert_eq!(
        storage.get_history("h0").await.expect("reads"),
        Some(earlier)
    );
}

/// The storage task on database `name`, spawned.
fn storage_task(name: &str) -> StorageTask<Storage> {
    let name = name.to_owned();
    let (task, run) = StorageTask::new(async move { Storage::open_named(&name, || {}).await.ok() });
    wasm_bindgen_futures::spawn_local(run);
    task
}

#[wasm_bindgen_test]
async fn writes_asked_during_the_open_and_at_once_land_in_the_order_asked() {
    let name = fresh_name();
    // Asked before the database has opened, none awaited: 20 versions of one record, each
    // transaction racing the next if the task let them.
    let task = storage_task(&name);
    for version in 0..20 {
        let mut record = collection("racing");
        record.name = format!("version {version}");
        drop(task.ask(move |storage: Option<Storage>| async move {
            storage
                .expect("open")
                .put(Store::Collections, &record)
                .await
        }));
    }
    let read = task.ask(|storage: Option<Storage>| async move {
        storage
            .expect("open")
            .load_all::<Collection>(Store::Collections)
            .await
    });
    let names: Vec<String> = read
        .await
        .expect("answered")
        .expect("read")
        .into_iter()
        .map(|record| record.name)
        .collect();
    assert_eq!(names, ["version 19"]);
}

#[wasm_bindgen_test]
async fn a_write_after_a_slow_history_write_waits_for_it() {
    let name = fresh_name();
    let task = storage_task(&name);
    let entry = recorded_run("h1");
    // The history write's transaction spans two stores; the delete asked after it must not
    // run first (it would delete nothing, and the entry would stay).
    drop(task.ask(move |storage: Option<Storage>| async move {
        storage.expect("open").put_history(&entry).await
    }));
    let deleted = task.ask(|storage: Option<Storage>| async move {
        let ids = ["h1".to_owned()];
        storage
            .expect("open")
            .delete(&[Store::History, Store::HistoryBodies], &ids)
            .await
    });
    assert_eq!(deleted.await, Ok(Ok(())));
    let left = task.ask(|storage: Option<Storage>| async move {
        storage.expect("open").get_history("h1").await
    });
    assert!(matches!(left.await, Ok(Ok(None))));
}
