//! A closed tab in a real browser (`wasm-bindgen-test`, headless Chromium): none of its tasks
//! runs on after its owner is cleaned up — not one waiting on the network or a timer — so none
//! reaches its disposed signals.

use std::cell::Cell;
use std::rc::Rc;

use futures_channel::oneshot;
use leptos::prelude::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

use super::AppState;
use crate::model::request::draft::{Method, RequestDraft};
use crate::state::{OpenStreams, Settings, Toaster};

wasm_bindgen_test_configure!(run_in_browser);

/// A tab's state under its own owner, as `Workspace::open` makes it.
fn open_tab() -> (Owner, AppState) {
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    let app = owner.with(|| {
        AppState::new(
            RequestDraft::new(Method::Get, "http://h/s".into(), &[], String::new()),
            None,
            Toaster::new(),
            Settings::load("http://h"),
            OpenStreams::new(),
        )
    });
    (owner, app)
}

/// Resolves after the browser's next animation frame (callbacks asked for before it have run).
async fn next_frame() {
    let (sender, frame) = oneshot::channel();
    request_animation_frame(move || {
        let _ = sender.send(());
    });
    let _ = frame.await;
}

#[wasm_bindgen_test]
async fn a_task_of_a_closed_tab_is_never_resumed() {
    let (owner, app) = open_tab();
    let (respond, response) = oneshot::channel::<()>();
    let resumed = Rc::new(Cell::new(false));
    let seen = Rc::clone(&resumed);
    // A fetch in flight: its next step touches the tab's log.
    app.spawn(async move {
        let _ = response.await;
        seen.set(true);
        app.log.update_value(|log| log.push_retry(1000));
    });
    owner.cleanup();
    let _ = respond.send(());
    // The waiting task has been woken and has had its turn by the next frame.
    next_frame().await;
    assert!(!resumed.get());
}
