//! `TimelineState`: what the timeline shows (filter, order, follow, pause, clear, selection) and
//! what the pane beside it shows, the run's AI answer, JSON-RPC conversation and diagnostics, and the
//! filtered event list kept in step
//! with the session log outside the reactive graph.

use leptos::html::Input;
use leptos::prelude::*;

use super::app_state::AppState;
use crate::model::ai::answer::Answer;
use crate::model::ai::builder::AnswerBuilder;
use crate::model::analysis::conversation::{self, Conversation};
use crate::model::analysis::diagnostics::{Finding, diagnose, order_findings};
use crate::model::analysis::event_filter::{EventFilter, FilteredEvents};
use crate::model::jsonrpc::exchange::Exchange;
use crate::model::present::timeline_window::{Order, Reconnection, Rows};

/// What the timeline's rows are, as of its last refresh.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Shown {
    /// The run whose log it is.
    pub run_id: u64,
    /// Events in the log.
    pub total_events: usize,
    /// Events shown: those after the clear mark that pass the filter.
    pub events: usize,
    /// Whether the run has closed.
    pub is_closed: bool,
    /// Where the entries of the session's reconnections go among the shown events (those that
    /// began before a clear are left out).
    pub reconnections: std::sync::Arc<[Reconnection]>,
}

/// What the pane beside the timeline shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Side {
    /// The selected event, or the run's response and timing.
    #[default]
    Inspector,
    /// The AI answer.
    Answer,
    /// The request's checks on the run.
    Checks,
    /// A response that is not an event stream.
    Response,
    /// The JSON-RPC (MCP) conversation.
    JsonRpc,
    /// What looks wrong with the transport.
    Diagnostics,
    /// The folder run's report.
    Run,
}

/// A tab's timeline view state, provided by `<App/>` for the active tab.
#[derive(Debug, Clone, Copy)]
pub struct TimelineState {
    /// The filter in force (the search box commits to it after a pause in typing).
    pub filter: RwSignal<EventFilter>,
    /// Newest at top (default) or oldest at top.
    pub order: RwSignal<Order>,
    /// Keep the newest entry in view; off when the user scrolls away.
    pub is_following: RwSignal<bool>,
    /// Keep receiving but stop updating the view.
    pub is_paused: RwSignal<bool>,
    /// The event the keyboard is on and the inspector shows (log index).
    pub selected: RwSignal<Option<usize>>,
    /// Whether the inspector is open on the selected event.
    pub is_inspecting: RwSignal<bool>,
    /// What the rows are; changes at most once per animation frame, and not while paused.
    pub shown: RwSignal<Shown>,
    /// The search box, for Ctrl+F.
    pub search_input: NodeRef<Input>,
    /// Whether the list shows network chunks instead of events.
    pub shows_chunks: RwSignal<bool>,
    /// What the pane beside the timeline shows.
    pub side: RwSignal<Side>,
    /// The run's JSON-RPC conversation, when it carries one, as of the last log refresh.
    pub conversation: Memo<Option<Exchange>>,
    /// The run's AI answer, when it is in a known dialect, and whether the run has closed, as of
    /// the last refresh of the rows (each event read once; the builder starts over for a new
    /// session).
    pub answer: Memo<Option<(Answer, bool)>>,
    /// What looks wrong with the run's transport and, in a JSON-RPC or AI run, its protocol, as
    /// of the last log refresh (read by the toolbar's badge and the list).
    pub findings: Memo<Vec<Finding>>,
    filtered: StoredValue<FilteredEvents>,
}

impl TimelineState {
    /// Creates the state of `app`'s timeline and keeps it in step with `app`'s log.
    pub fn new(app: AppState) -> Self {
        let builder = StoredValue::new(Conversation::default());
        let conversation = Memo::new(move |_| {
            app.log_version.track();
            app.log
                .with_value(|log| builder.write_value().sync(log).cloned())
        });
        let shown = RwSignal::new(Shown::default());
        let answers = StoredValue::new(AnswerBuilder::default());
        let answer = Memo::new(move |_| {
            shown.track();
            app.log.with_value(|log| {
                let answer = answers.write_value().sync(log).cloned()?;
                Some((answer, log.is_closed()))
            })
        });
        let state = Self {
            filter: RwSignal::new(EventFilter::default()),
            order: RwSignal::new(Order::default()),
            is_following: RwSignal::new(true),
            is_paused: RwSignal::new(false),
            selected: RwSignal::new(None),
            is_inspecting: RwSignal::new(false),
            shown,
            search_input: NodeRef::new(),
            shows_chunks: RwSignal::new(false),
            side: RwSignal::new(Side::default()),
            conversation,
            answer,
            findings: Memo::new(move |_| {
                app.log_version.track();
                let mut findings = app.log.with_value(diagnose);
                conversation.with(|exchange| {
                    findings.extend(exchange.iter().flat_map(conversation::findings));
                });
                answer.with(|answer| {
                    findings.extend(answer.iter().flat_map(|(answer, _)| order_findings(answer)));
                });
                findings
            }),
            filtered: StoredValue::new(FilteredEvents::default()),
        };
        Effect::new(move |_| {
            let filter = state.filter.get();
            state
                .filtered
                .update_value(|filtered| filtered.set_filter(filter));
            state.refresh(app);
        });
        Effect::new(move |_| {
            app.log_version.track();
            if !state.is_paused.get() {
                state.refresh(app);
            }
        });
        state
    }

    /// The state provided by `<App/>`.
    ///
    /// # Panics
    /// Outside `<App/>`, which is a programming error, not a user-reachable state.
    #[track_caller]
    pub fn expect() -> Self {
        use_context::<Self>().expect("TimelineState is provided by <App/>")
    }

    /// A derived reader of the session log that re-runs `f` when the timeline refreshes (at most
    /// once per frame, and not while paused).
    pub fn read_log<T>(
        self,
        app: AppState,
        f: impl Fn(&crate::model::session::log::SessionLog) -> T + Copy + 'static,
    ) -> impl Fn() -> T + Copy + 'static {
        move || {
            self.shown.track();
            app.log.with_value(f)
        }
    }

    /// The rows to lay out, as of the last refresh (tracks `shown` and `order`).
    pub fn rows(self) -> Rows {
        let shown = self.shown.get();
        Rows {
            events: shown.events,
            reconnections: shown.reconnections,
            is_closed: shown.is_closed,
            order: self.order.get(),
        }
    }

    /// The log index of the `position`-th shown event.
    pub fn event_index(self, position: usize) -> Option<usize> {
        let total = self.shown.get_untracked().total_events;
        self.filtered
            .with_value(|filtered| filtered.event_index(position, total))
    }

    /// The position among shown events of log event `index`, if it is shown.
    pub fn position_of(self, index: usize) -> Option<usize> {
        self.filtered
            .with_value(|filtered| filtered.position_of(index))
    }

    /// Selects log event `index` and opens it in the inspector.
    pub fn select(self, index: usize) {
        self.selected.set(Some(index));
        self.is_inspecting.set(true);
        self.side.set(Side::Inspector);
    }

    /// Opens the inspector on the selected event (showing it beside the timeline), or closes it.
    pub fn toggle_inspector(self) {
        self.is_inspecting.update(|open| *open = !*open);
        if self.is_inspecting.get_untracked() {
            self.side.set(Side::Inspector);
        }
    }

    /// Hides the events received so far; later ones still show.
    pub fn clear(self, app: AppState) {
        let total = app.log.with_value(|log| log.event_count());
        self.filtered
            .update_value(|filtered| filtered.clear_before(total));
        self.selected.set(None);
        self.refresh(app);
    }

    /// Re-reads the log into `shown`.
    fn refresh(self, app: AppState) {
        let shown = app.log.with_value(|log| {
            self.filtered.update_value(|filtered| filtered.sync(log));
            let total_events = log.event_count();
            self.filtered.with_value(|filtered| Shown {
                run_id: log.run_id,
                total_events,
                events: filtered.len(total_events),
                is_closed: log.is_closed(),
                reconnections: (log.connections().iter().enumerate().skip(1))
                    .filter_map(|(connection, begun)| {
                        Some(Reconnection {
                            events_before: filtered.passing_before(begun.first_event)?,
                            connection,
                        })
                    })
                    .collect(),
            })
        });
        if shown.run_id != self.shown.get_untracked().run_id {
            self.selected.set(None);
        }
        self.shown.set(shown);
    }
}
