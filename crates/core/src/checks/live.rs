//! `LiveChecks`: a request's checks on the run a tab shows — live or reopened — kept in step as
//! the log grows: evaluated afresh when the checks or the run change, synced while the run goes
//! on, settled once it has ended.

use super::check::Check;
use super::check_run::{CheckRun, Matchers, Verdict};
use crate::session::log::SessionLog;

/// The evaluation of one list of checks on one run.
#[derive(Default)]
pub struct LiveChecks {
    /// The checks, the run id and whether matchers were given, and their evaluation.
    evaluated: Option<(Vec<Check>, u64, bool, CheckRun)>,
}

impl std::fmt::Debug for LiveChecks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveChecks")
            .field("run", &self.evaluated.as_ref().map(|(_, _, _, run)| run))
            .finish_non_exhaustive()
    }
}

impl LiveChecks {
    /// Each of `checks` with its label and its verdict on `log` so far (all settled once the run
    /// has ended); `matchers`, when the front end has them, makes its [`Matchers`] — called only
    /// when the checks are evaluated afresh (they may arrive later: the checks are then). Reads only the events added since
    /// the last call, unless the checks, the run or the matchers changed.
    pub fn update(
        &mut self,
        checks: &[Check],
        log: &SessionLog,
        matchers: Option<impl FnOnce() -> Option<Box<dyn Matchers>>>,
    ) -> Vec<(String, Verdict)> {
        let has_matchers = matchers.is_some();
        let is_current = self
            .evaluated
            .as_ref()
            .is_some_and(|(evaluated, run_id, had, _)| {
                evaluated == checks && *run_id == log.run_id && *had == has_matchers
            });
        if !is_current {
            self.evaluated = Some((
                checks.to_vec(),
                log.run_id,
                has_matchers,
                CheckRun::new(checks.to_vec(), matchers.and_then(|make| make())),
            ));
        }
        let Some((_, _, _, run)) = &mut self.evaluated else {
            return Vec::new();
        };
        if log.is_closed() {
            run.finish(log);
        } else {
            run.sync(log);
        }
        run.verdicts()
            .map(|(check, verdict)| (check.label(), verdict.clone()))
            .collect()
    }
}
