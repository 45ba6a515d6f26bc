//! Checks on streams: what a saved request expects of its run ([`check`]), when a long-lived
//! stream's run may end ([`stop_rule`]), the verdicts of a run, reached as its events arrive
//! ([`check_run`]), and the checks a run suggests ("Save as test", [`infer`]). The browser app
//! and the `sse-studio` CLI evaluate checks with this module alone, so the same bytes get the
//! same verdicts in both; runs of many requests add up to a [`report`].

pub mod check;
pub mod check_run;
pub mod event_ids;
pub mod form;
pub mod infer;
pub mod json;
pub mod live;
pub mod report;
pub mod stop_rule;

#[cfg(test)]
mod tests;
