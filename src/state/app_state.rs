//! `AppState`: one request tab's signals in one `Copy` struct — its editor, its runs, its log —
//! provided to the views by `<App/>` for the active tab (see `Workspace`).

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::Poll;

use futures_channel::oneshot;
use leptos::prelude::*;
use web_sys::AbortController;

use crate::model::request::draft::{PreparedRequest, RequestDraft};
use crate::model::request::secret_spend::SecretSpend;
use crate::model::session::log::SessionLog;
use crate::state::library::Library;
use crate::state::open_streams::OpenStreams;
use crate::state::settings::Settings;
use crate::state::toaster::Toaster;

/// Where the request in a tab's editor was opened from (or saved to), so that Save updates it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenedRequest {
    /// Its collection's id.
    pub collection_id: String,
    /// Its id.
    pub request_id: String,
}

/// The connection run in flight, if any.
#[derive(Debug)]
pub struct ActiveRun {
    /// Distinguishes this run's transport reports from a previous run's late ones.
    pub id: u64,
    /// Aborts the fetch.
    pub controller: AbortController,
    /// `performance.now()` at the request start, in ms.
    pub started_ms: f64,
    /// The request as sent, secret values masked (what history keeps).
    pub sent: PreparedRequest,
    /// Where the run is saved when it ends.
    pub library: Library,
    /// Told the id of the run's history entry (if one was kept) when the run ends; dropped
    /// unsent when another run replaces it.
    pub ended: Option<oneshot::Sender<Option<String>>>,
}

/// One tab's state (the toast and settings are the app's, shared by every tab).
#[derive(Debug, Clone, Copy)]
pub struct AppState {
    /// The request being edited.
    pub draft: RwSignal<RequestDraft>,
    /// The saved request the editor holds, if it was opened from (or saved to) a collection, so
    /// that Save updates it.
    pub opened: RwSignal<Option<OpenedRequest>>,
    /// Why the last Send was refused before anything was sent.
    pub request_error: RwSignal<Option<String>>,
    /// What the user must confirm before Send spends secrets for a request of someone else's
    /// making (see `model::request::trust`); nothing was sent while it is set.
    pub secret_spend: RwSignal<Option<SecretSpend>>,
    /// The current run's log, outside the reactive graph (see `log_version`).
    pub log: StoredValue<SessionLog>,
    /// Bumped at most once per animation frame after the log changed; views that read `log`
    /// track this.
    pub log_version: RwSignal<u64>,
    /// Whether a run is in flight (Send shows as Close).
    pub is_streaming: RwSignal<bool>,
    /// The app's toast.
    pub toaster: Toaster,
    /// The app's settings (theme, relay, byte budget).
    pub settings: Settings,
    /// The streams open per origin, across the app's tabs.
    pub open_streams: OpenStreams,
    /// The run in flight.
    pub(crate) active_run: StoredValue<Option<ActiveRun>, LocalStorage>,
    pub(crate) last_run_id: StoredValue<u64>,
    refresh_pending: StoredValue<bool>,
    /// Whether the tab is open: cleared when its owner is cleaned up. Held (as an `Arc`) by
    /// every task of the tab, which checks it instead of the tab's disposed signals.
    is_open: StoredValue<Arc<AtomicBool>>,
}

impl AppState {
    /// A tab editing `draft` (opened from `opened`), sharing the app's `toaster`, `settings` and
    /// `open_streams`. Created under the tab's owner: cleaning that up closes the tab for its
    /// tasks (see [`AppState::spawn`]).
    pub fn new(
        draft: RequestDraft,
        opened: Option<OpenedRequest>,
        toaster: Toaster,
        settings: Settings,
        open_streams: OpenStreams,
    ) -> Self {
        let is_open = Arc::new(AtomicBool::new(true));
        on_cleanup({
            let is_open = Arc::clone(&is_open);
            move || is_open.store(false, Ordering::Relaxed)
        });
        Self {
            draft: RwSignal::new(draft),
            opened: RwSignal::new(opened),
            request_error: RwSignal::new(None),
            secret_spend: RwSignal::new(None),
            log: StoredValue::new(SessionLog::default()),
            log_version: RwSignal::new(0),
            is_streaming: RwSignal::new(false),
            toaster,
            settings,
            open_streams,
            active_run: StoredValue::new_local(None),
            last_run_id: StoredValue::new(0),
            refresh_pending: StoredValue::new(false),
            is_open: StoredValue::new(is_open),
        }
    }

    /// Runs `task` for this tab until it finishes or the tab closes: once closed, the task is
    /// never polled again (and is dropped when next woken), so no late step of a fetch, timer or
    /// read can reach the tab's disposed state.
    pub fn spawn(self, task: impl Future<Output = ()> + 'static) {
        let is_open = self.is_open.get_value();
        let mut task = Box::pin(task);
        leptos::task::spawn_local(std::future::poll_fn(move |context| {
            if is_open.load(Ordering::Relaxed) {
                task.as_mut().poll(context)
            } else {
                Poll::Ready(())
            }
        }));
    }

    /// The active tab's state, provided by `<App/>`.
    ///
    /// # Panics
    /// Outside `<App/>`, which is a programming error, not a user-reachable state.
    #[track_caller]
    pub fn expect() -> Self {
        use_context::<Self>().expect("AppState is provided by <App/>")
    }

    /// A derived reader of the session log: re-runs `f` whenever the log view is refreshed.
    pub fn read_log<T>(
        self,
        f: impl Fn(&SessionLog) -> T + Copy + 'static,
    ) -> impl Fn() -> T + Copy + 'static {
        move || {
            self.log_version.track();
            self.log.with_value(f)
        }
    }

    /// Shows `message` in the toast for two seconds.
    pub fn notify(self, message: impl Into<String>) {
        self.toaster.notify(message);
    }

    /// Copies `text` to the clipboard and confirms with a toast naming `what` ("Copied data"), or
    /// says why it could not.
    pub fn copy(self, what: &'static str, text: String) {
        self.toaster.copy(what, text);
    }

    /// Schedules one `log_version` bump for the next animation frame, however many times it is
    /// called before then, so a fast stream re-renders at most once per frame.
    pub fn refresh_log_view(self) {
        if self.refresh_pending.get_value() {
            return;
        }
        self.refresh_pending.set_value(true);
        // Only writes: after the tab closed, writes to its disposed values are ignored.
        request_animation_frame(move || {
            self.refresh_pending.set_value(false);
            self.log_version.update(|version| *version += 1);
        });
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
