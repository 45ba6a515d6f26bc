//! `AppState`: the app's signals in one `Copy` struct, provided once by `<App/>`.

use leptos::prelude::*;
use web_sys::AbortController;

use crate::io::preferences;
use crate::model::request::{EXAMPLES, PreparedRequest, RequestDraft};
use crate::model::session_log::SessionLog;
use crate::model::theme::Theme;
use crate::state::library::Library;

/// The connection run in flight, if any.
#[derive(Debug, Clone)]
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
}

/// Everything the views share.
#[derive(Debug, Clone, Copy)]
pub struct AppState {
    /// The request being edited.
    pub draft: RwSignal<RequestDraft>,
    /// Why the last Send was refused before anything was sent.
    pub request_error: RwSignal<Option<String>>,
    /// The current run's log, outside the reactive graph (see `log_version`).
    pub log: StoredValue<SessionLog>,
    /// Bumped at most once per animation frame after the log changed; views that read `log`
    /// track this.
    pub log_version: RwSignal<u64>,
    /// Whether a run is in flight (Send shows as Close).
    pub is_streaming: RwSignal<bool>,
    /// A short confirmation or error shown for a moment ("Copied data").
    pub toast: RwSignal<Option<String>>,
    /// The colour theme, stored across visits.
    pub theme: RwSignal<Theme>,
    /// The run in flight.
    pub(crate) active_run: StoredValue<Option<ActiveRun>, LocalStorage>,
    pub(crate) last_run_id: StoredValue<u64>,
    refresh_pending: StoredValue<bool>,
}

impl AppState {
    /// Creates the state, with the first example (the ticks demo on `origin`) as the request,
    /// and provides it as context.
    pub fn provide(origin: &str) -> Self {
        let state = Self {
            draft: RwSignal::new(EXAMPLES[0].draft(origin)),
            request_error: RwSignal::new(None),
            log: StoredValue::new(SessionLog::default()),
            log_version: RwSignal::new(0),
            is_streaming: RwSignal::new(false),
            toast: RwSignal::new(None),
            theme: RwSignal::new(Theme::from_name(&preferences::theme_name())),
            active_run: StoredValue::new_local(None),
            last_run_id: StoredValue::new(0),
            refresh_pending: StoredValue::new(false),
        };
        Effect::new(move |_| preferences::apply_theme(state.theme.get().name()));
        provide_context(state);
        state
    }

    /// The state provided by `<App/>`.
    ///
    /// # Panics
    /// Outside `<App/>`, which is a programming error, not a user-reachable state.
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
        let message = message.into();
        self.toast.set(Some(message.clone()));
        set_timeout(
            move || {
                if self.toast.get_untracked().as_deref() == Some(message.as_str()) {
                    self.toast.set(None);
                }
            },
            std::time::Duration::from_secs(2),
        );
    }

    /// Copies `text` to the clipboard and confirms with a toast naming `what` ("Copied data"), or
    /// says why it could not.
    pub fn copy(self, what: &'static str, text: String) {
        leptos::task::spawn_local(async move {
            match crate::io::clipboard::write_text(&text).await {
                Ok(()) => self.notify(format!("Copied {what}")),
                Err(message) => self.notify(message),
            }
        });
    }

    /// Schedules one `log_version` bump for the next animation frame, however many times it is
    /// called before then, so a fast stream re-renders at most once per frame.
    pub fn refresh_log_view(self) {
        if self.refresh_pending.get_value() {
            return;
        }
        self.refresh_pending.set_value(true);
        request_animation_frame(move || {
            self.refresh_pending.set_value(false);
            self.log_version.update(|version| *version += 1);
        });
    }
}
