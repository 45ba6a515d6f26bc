//! `Workspace`: the open request tabs. Each tab has its own editor, runs, log and timeline (its
//! own `AppState` and `TimelineState`, owned by the tab, so a run goes on streaming into its tab
//! while another is shown); one tab is active and is what the page shows. A saved request opens
//! in its own tab, or brings forward the tab that already has it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;
use leptos::tachys::reactive_graph::OwnedView;

use crate::io::preferences;
use crate::model::library::open_tabs::OpenTabs;
use crate::model::request::draft::{Method, RequestDraft};
use crate::model::request::template::STARTER;
use crate::state::app_state::OpenedRequest;
use crate::state::library::Library;
use crate::state::{AppState, OpenStreams, Settings, TimelineState, Toaster, session};

/// One open tab.
#[derive(Debug, Clone)]
pub struct Tab {
    /// Identity within this page (1, 2, …).
    pub id: u64,
    /// Its editor, runs and log.
    pub app: AppState,
    /// Its timeline's view state.
    pub timeline: TimelineState,
    /// Owns the tab's signals and effects; cleaned up when the tab closes.
    owner: Owner,
    /// Set when the tab is closed while its views are on screen: its owner is then cleaned up
    /// as they are removed (see [`Tab::view`]).
    is_closed: Arc<AtomicBool>,
}

impl Tab {
    /// `part` drawn for this tab: built under a new child of the tab's owner, with its
    /// `AppState` and `TimelineState` in context. What it creates is disposed when the caller
    /// removes it (another tab is shown, or this one closed); a closed tab's own owner goes with
    /// its last views, so nothing on screen ever reads a disposed signal.
    pub fn view(&self, part: impl FnOnce() -> AnyView) -> AnyView {
        let owner = self.owner.with(Owner::new);
        on_cleanup({
            let (owner, tab_owner) = (owner.clone(), self.owner.clone());
            let is_closed = Arc::clone(&self.is_closed);
            move || {
                owner.cleanup();
                if is_closed.load(Ordering::Relaxed) {
                    tab_owner.cleanup();
                }
            }
        });
        let (app, timeline) = (self.app, self.timeline);
        let view = owner.with(|| {
            provide_context(app);
            provide_context(timeline);
            part()
        });
        // Built under that owner too: effects made as it mounts belong to it.
        OwnedView::new_with_owner(view, owner).into_any()
    }
}

/// The tabs, provided once by `<App/>`.
#[derive(Debug, Clone, Copy)]
pub struct Workspace {
    /// Open tabs, in order.
    pub tabs: RwSignal<Vec<Tab>>,
    /// The active tab's id.
    pub active: RwSignal<u64>,
    /// The app's toast, shared by every tab.
    pub toaster: Toaster,
    /// The app's settings, shared by every tab.
    pub settings: Settings,
    /// The streams open per origin, across tabs.
    pub open_streams: OpenStreams,
    last_id: StoredValue<u64>,
    /// `<App/>`'s owner: each tab's owner is its child, so the tab sees the app's contexts.
    root: StoredValue<Owner>,
}

impl Workspace {
    /// The workspace with one tab holding the starter template (the ticks demo on `origin`), sharing
    /// `toaster` and `settings`; provided as context.
    pub fn provide(origin: &str, toaster: Toaster, settings: Settings) -> Self {
        let workspace = Self {
            tabs: RwSignal::new(Vec::new()),
            active: RwSignal::new(0),
            toaster,
            settings,
            open_streams: OpenStreams::new(),
            last_id: StoredValue::new(0),
            root: StoredValue::new(Owner::current().unwrap_or_default()),
        };
        // The tabs open before the page was reloaded, else the starter request.
        match preferences::open_tabs().and_then(|text| OpenTabs::from_json(&text)) {
            Some(stored) => {
                for tab in &stored.tabs {
                    let opened =
                        tab.saved_as
                            .clone()
                            .map(|(collection_id, request_id)| OpenedRequest {
                                collection_id,
                                request_id,
                            });
                    workspace.open(tab.request.to_draft(), opened);
                }
                let active = workspace.tabs.with_untracked(|tabs| {
                    tabs.get(stored.active).or(tabs.last()).map(|tab| tab.id)
                });
                if let Some(active) = active {
                    workspace.active.set(active);
                }
            }
            None => workspace.open(STARTER.draft(origin), None),
        }
        // Kept as they change, so that a reload opens them again.
        Effect::new(move |_| {
            let active = workspace.active.get();
            let stored = workspace.tabs.with(|tabs| {
                let drafts: Vec<(RequestDraft, Option<(String, String)>)> = tabs
                    .iter()
                    .map(|tab| {
                        let opened = tab
                            .app
                            .opened
                            .get()
                            .map(|opened| (opened.collection_id, opened.request_id));
                        (tab.app.draft.get(), opened)
                    })
                    .collect();
                let position = tabs.iter().position(|tab| tab.id == active).unwrap_or(0);
                OpenTabs::of(
                    drafts.iter().map(|(draft, opened)| (draft, opened.clone())),
                    position,
                )
            });
            preferences::set_open_tabs(&stored.to_json());
        });
        provide_context(workspace);
        workspace
    }

    /// The workspace provided by `<App/>`.
    ///
    /// # Panics
    /// Outside `<App/>`, which is a programming error, not a user-reachable state.
    #[track_caller]
    pub fn expect() -> Self {
        use_context::<Self>().expect("Workspace is provided by <App/>")
    }

    /// Opens a tab editing `draft` (opened from the saved request `opened`) and makes it active.
    pub fn open(self, draft: RequestDraft, opened: Option<OpenedRequest>) {
        let id = self.last_id.get_value() + 1;
        self.last_id.set_value(id);
        // Not a child of whatever runs this (a view that a tab switch replaces, say): the tab
        // lives until it is closed.
        let owner = self.root.with_value(|root| root.with(Owner::new));
        let (app, timeline) = owner.with(|| {
            let app = AppState::new(
                draft,
                opened,
                self.toaster,
                self.settings,
                self.open_streams,
            );
            (app, TimelineState::new(app))
        });
        self.tabs.update(|tabs| {
            tabs.push(Tab {
                id,
                app,
                timeline,
                owner,
                is_closed: Arc::new(AtomicBool::new(false)),
            });
        });
        self.active.set(id);
    }

    /// Opens an empty GET request in a new tab.
    pub fn open_new(self) {
        self.open(
            RequestDraft::new(Method::Get, String::new(), &[], String::new()),
            None,
        );
    }

    /// Shows the tab holding saved request `request_id` of collection `collection_id`, opening
    /// it in a new tab if none does.
    pub fn open_saved(self, library: Library, collection_id: &str, request_id: &str) {
        let holding = self.tabs.with_untracked(|tabs| {
            tabs.iter()
                .find(|tab| {
                    tab.app.opened.with_untracked(|opened| {
                        opened.as_ref().is_some_and(|opened| {
                            opened.collection_id == collection_id && opened.request_id == request_id
                        })
                    })
                })
                .map(|tab| tab.id)
        });
        let opened = OpenedRequest {
            collection_id: collection_id.to_owned(),
            request_id: request_id.to_owned(),
        };
        if let Some(id) = holding {
            self.active.set(id);
        } else if let Some(request) = untrack(|| library.saved(collection_id, request_id)) {
            self.open(request.to_draft(), Some(opened));
        }
    }

    /// The active tab (tracking which one it is, not the list).
    pub fn active_tab(self) -> Tab {
        let id = self.active.get();
        self.tab(id).unwrap_or_else(|| self.first_tab())
    }

    /// The active tab, untracked (for event handlers).
    pub fn active_tab_untracked(self) -> Tab {
        self.tab(self.active.get_untracked())
            .unwrap_or_else(|| self.first_tab())
    }

    /// Tab `id`, while it is open (untracked).
    pub fn tab(self, id: u64) -> Option<Tab> {
        self.tabs
            .with_untracked(|tabs| tabs.iter().find(|tab| tab.id == id).cloned())
    }

    fn first_tab(self) -> Tab {
        if self.tabs.with_untracked(Vec::is_empty) {
            self.open_new();
        }
        self.tabs
            .with_untracked(|tabs| tabs.first().cloned())
            .expect("a tab was just opened")
    }

    /// Closes tab `id`: its run is closed (and kept in history), its state dropped. The tab
    /// beside it becomes active; closing the last tab leaves one new empty tab.
    pub fn close(self, id: u64) {
        let Some(index) = self
            .tabs
            .with_untracked(|tabs| tabs.iter().position(|tab| tab.id == id))
        else {
            return;
        };
        let was_active = self.active.get_untracked() == id;
        let mut closing = None;
        self.tabs.update(|tabs| closing = Some(tabs.remove(index)));
        if let Some(tab) = closing {
            session::close(tab.app);
            // Its tasks end with its owner (see `AppState::spawn`). Only the active tab has
            // views: then the owner goes as they are removed, once the next tab is drawn.
            if was_active {
                tab.is_closed.store(true, Ordering::Relaxed);
            } else {
                tab.owner.cleanup();
            }
        }
        if self.tabs.with_untracked(Vec::is_empty) {
            self.open_new();
        } else if was_active {
            let next = self
                .tabs
                .with_untracked(|tabs| tabs.get(index.min(tabs.len() - 1)).map(|tab| tab.id));
            if let Some(next) = next {
                self.active.set(next);
            }
        }
    }
}
