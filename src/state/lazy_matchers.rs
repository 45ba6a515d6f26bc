//! `LazyMatchers`: the checks' matchers module (JSON Schema, JSON paths, regexes: see
//! `io::matchers`), loaded once for the whole app when a check first needs it, so the shell
//! stays small. Provided by `<App/>`.

use futures_channel::oneshot;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::io::matchers::MatchersModule;
use crate::model::checks::check_run::Matchers;

/// Where the module stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MatchersStatus {
    /// No check has needed it yet.
    NotLoaded,
    /// Being imported.
    Loading,
    /// Ready: [`LazyMatchers::matchers`] gives matchers.
    Ready,
    /// It could not be loaded, and why.
    Failed(String),
}

/// The module and its status (a `Copy` handle).
#[derive(Debug, Clone, Copy)]
pub struct LazyMatchers {
    module: StoredValue<Option<MatchersModule>, LocalStorage>,
    /// Told once loading ends, either way.
    waiting: StoredValue<Vec<oneshot::Sender<()>>, LocalStorage>,
    /// Where loading stands.
    pub status: RwSignal<MatchersStatus>,
}

impl LazyMatchers {
    /// Not loaded yet; provided as context.
    pub fn provide() -> Self {
        let lazy = Self {
            module: StoredValue::new_local(None),
            waiting: StoredValue::new_local(Vec::new()),
            status: RwSignal::new(MatchersStatus::NotLoaded),
        };
        provide_context(lazy);
        lazy
    }

    /// The state provided by `<App/>`.
    ///
    /// # Panics
    /// Outside `<App/>`, which is a programming error, not a user-reachable state.
    #[track_caller]
    pub fn expect() -> Self {
        use_context::<Self>().expect("LazyMatchers is provided by <App/>")
    }

    /// Starts loading the module, unless it is loaded or loading (after a failure: again).
    pub fn request(self) {
        if matches!(
            self.status.get_untracked(),
            MatchersStatus::Loading | MatchersStatus::Ready
        ) {
            return;
        }
        self.status.set(MatchersStatus::Loading);
        spawn_local(async move {
            match MatchersModule::load().await {
                Ok(module) => {
                    self.module.set_value(Some(module));
                    self.status.set(MatchersStatus::Ready);
                }
                Err(why) => self.status.set(MatchersStatus::Failed(why)),
            }
            for waiting in self.waiting.write_value().drain(..) {
                let _ = waiting.send(());
            }
        });
    }

    /// Fresh matchers once the module has loaded (loading it first if need be); `None` when it
    /// could not be loaded (the status says why).
    pub async fn loaded(self) -> Option<Box<dyn Matchers>> {
        self.request();
        if self.status.get_untracked() == MatchersStatus::Loading {
            let (done, loaded) = oneshot::channel();
            self.waiting.write_value().push(done);
            let _ = loaded.await;
        }
        self.matchers()
    }

    /// Fresh matchers, once the module is loaded.
    pub fn matchers(self) -> Option<Box<dyn Matchers>> {
        self.module
            .with_value(|module| module.as_ref().and_then(MatchersModule::matchers))
    }
}
