//! `FolderRun`: "Run" on a collection or folder — its saved requests sent one after another in a
//! new tab (so each stream shows as it comes), each until its stop rules or the time limit end
//! it, its checks settled on the finished run as `sse-studio run` settles them, and a report
//! built as they go and kept with the library. One run at a time; Stop ends it after the request
//! in flight is closed.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::io::clock;
use crate::model::checks::check::Check;
use crate::model::checks::check_run::CheckRun;
use crate::model::checks::report::{
    RUN_REPORT_VERSION, RUN_TIME_LIMIT_MS, RequestResult, RunReport,
};
use crate::model::checks::stop_rule::StopRule;
use crate::model::library::collection::SavedRequest;
use crate::state::app_state::OpenedRequest;
use crate::state::library::{Library, new_id};
use crate::state::{LazyMatchers, Workspace, session};

/// The folder run in progress and the report shown, provided once by `<App/>`.
#[derive(Debug, Clone, Copy)]
pub struct FolderRun {
    /// The report shown: the run in progress, or one opened from history.
    pub shown: RwSignal<Option<RunReport>>,
    /// Whether a run is in progress.
    pub is_running: RwSignal<bool>,
    /// Asked by Stop: no further request is sent.
    is_stop_asked: StoredValue<bool>,
    /// The tab the run in progress sends its requests in.
    tab_id: StoredValue<Option<u64>>,
    workspace: Workspace,
    library: Library,
    lazy: LazyMatchers,
}

/// One request to run: its suite ("Collection / Folder"), where it is saved, and itself.
struct Queued {
    suite: String,
    opened: OpenedRequest,
    request: SavedRequest,
}

impl FolderRun {
    /// Nothing running or shown, running requests in `workspace`'s tabs with `library`'s
    /// environment (and keeping the reports there); provided as context.
    pub fn provide(workspace: Workspace, library: Library, lazy: LazyMatchers) -> Self {
        let run = Self {
            shown: RwSignal::new(None),
            is_running: RwSignal::new(false),
            is_stop_asked: StoredValue::new(false),
            tab_id: StoredValue::new(None),
            workspace,
            library,
            lazy,
        };
        provide_context(run);
        run
    }

    /// The state provided by `<App/>`.
    ///
    /// # Panics
    /// Outside `<App/>`, which is a programming error, not a user-reachable state.
    #[track_caller]
    pub fn expect() -> Self {
        use_context::<Self>().expect("FolderRun is provided by <App/>")
    }

    /// Runs the requests of collection `collection_id` (all of them, or folder `folder_id`'s)
    /// one after another in a new tab, showing the report as it grows; says in the toast why
    /// not when a run is already going or there is nothing to run.
    pub fn start(self, collection_id: &str, folder_id: Option<&str>) {
        let (workspace, library, lazy) = (self.workspace, self.library, self.lazy);
        if self.is_running.get_untracked() {
            workspace
                .toaster
                .notify("A run is in progress: stop it before starting another");
            return;
        }
        let picked = library.collections.with_untracked(|collections| {
            let collection = collections.iter().find(|c| c.id == collection_id)?;
            let title = match folder_id {
                None => collection.name.clone(),
                Some(id) => {
                    let folder = collection.folders.iter().find(|f| f.id == id)?;
                    format!("{} / {}", collection.name, folder.name)
                }
            };
            let queue: Vec<Queued> = collection
                .to_run(folder_id)
                .into_iter()
                .map(|(suite, request)| Queued {
                    suite,
                    opened: OpenedRequest {
                        collection_id: collection.id.clone(),
                        request_id: request.id.clone(),
                    },
                    request: request.clone(),
                })
                .collect();
            Some((title, queue))
        });
        let Some((title, queue)) = picked.filter(|(_, queue)| !queue.is_empty()) else {
            workspace
                .toaster
                .notify("Nothing to run: there are no saved requests here");
            return;
        };
        let Some(first) = queue.first() else {
            return;
        };
        workspace.open(first.request.to_draft(), Some(first.opened.clone()));
        let tab_id = workspace.active.get_untracked();
        self.tab_id.set_value(Some(tab_id));
        self.is_stop_asked.set_value(false);
        self.is_running.set(true);
        let report = RunReport {
            id: new_id(),
            version: RUN_REPORT_VERSION,
            title,
            started_unix_ms: clock::unix_ms(),
            utc_offset_minutes: clock::utc_offset_minutes(),
            duration_ms: 0.0,
            total: queue.len(),
            is_stopped: false,
            results: Vec::new(),
        };
        self.shown.set(Some(report.clone()));
        spawn_local(async move {
            let started_ms = clock::monotonic_ms();
            let mut report = report;
            for queued in queue {
                if self.is_stop_asked.get_value() {
                    break;
                }
                match run_one(workspace, library, lazy, tab_id, queued).await {
                    Some(result) => report.results.push(result),
                    // Its tab was closed: the run stops there.
                    None => break,
                }
                report.duration_ms = clock::monotonic_ms() - started_ms;
                self.show_if_current(&report);
            }
            report.is_stopped = report.results.len() < report.total;
            report.duration_ms = clock::monotonic_ms() - started_ms;
            self.show_if_current(&report);
            library.put_run_report(report);
            self.tab_id.set_value(None);
            self.is_running.set(false);
        });
    }

    /// Stops the run in progress: the request in flight is closed (its result kept) and no
    /// other is sent.
    pub fn stop(self) {
        self.is_stop_asked.set_value(true);
        let tab = self
            .tab_id
            .get_value()
            .and_then(|id| self.workspace.tab(id));
        if let Some(tab) = tab {
            session::close(tab.app);
        }
    }

    /// Shows `report` unless the user opened another one meanwhile.
    fn show_if_current(self, report: &RunReport) {
        let is_current = self
            .shown
            .with_untracked(|shown| shown.as_ref().is_some_and(|shown| shown.id == report.id));
        if is_current {
            self.shown.set(Some(report.clone()));
        }
    }
}

/// Sends `queued` in tab `tab_id` and waits for its run to end; its result with its checks'
/// verdicts, or `None` when the tab was closed.
async fn run_one(
    workspace: Workspace,
    library: Library,
    lazy: LazyMatchers,
    tab_id: u64,
    queued: Queued,
) -> Option<RequestResult> {
    let Queued {
        suite,
        opened,
        request,
    } = queued;
    // Loaded before the run, so that the tab's own check results have them too.
    let needs_matchers = request.checks.iter().any(Check::needs_matchers);
    if needs_matchers {
        lazy.loaded().await;
    }
    let state = workspace.tab(tab_id)?.app;
    state.draft.set(request.to_draft());
    state.opened.set(Some(opened.clone()));
    let time_limit = [StopRule::AfterMs {
        ms: RUN_TIME_LIMIT_MS,
    }];
    let target = format!("{} {}", request.method, request.url);
    let Some(ended) = session::send_with(state, library, &time_limit) else {
        let why = state.request_error.get_untracked().or_else(|| {
            state.secret_spend.get_untracked().map(|spend| {
                format!(
                    "it would send secrets to {} and asks first: press Send in its tab to confirm",
                    spend.origin
                )
            })
        });
        return Some(RequestResult::not_sent(
            suite,
            request.name,
            target,
            why.unwrap_or_else(|| "it could not be sent".into()),
        ));
    };
    // Dropped unsent when the user sent again in that tab: the result is then of that run.
    let history_id = ended.await.ok().flatten();
    let state = workspace.tab(tab_id)?.app;
    let matchers = if needs_matchers {
        lazy.matchers()
    } else {
        None
    };
    let mut checks = CheckRun::new(request.checks, matchers);
    let mut result = state.log.with_value(|log| {
        checks.finish(log);
        RequestResult::of(suite, request.name, log.target.clone(), log, &checks)
    });
    result.history_id = history_id;
    result.saved_as = Some((opened.collection_id, opened.request_id));
    Some(result)
}
