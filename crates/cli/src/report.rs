//! The report of `sse-studio run` for people: a line per request and per check, then the tally.
//! The JSON and JUnit reports are core's (`checks::report`), the same the app exports.

use sse_studio_core::checks::check_run::Verdict;
use sse_studio_core::checks::report::{RequestResult, tally};

/// The report's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Reporter {
    /// Lines for people.
    Pretty,
    /// One JSON document.
    Json,
    /// JUnit XML.
    Junit,
}

/// `✓ name` / `✗ name` with the run's end, then one line per check.
pub fn pretty_request(result: &RequestResult) -> String {
    let mut text = format!(
        "{} {} / {} \u{2014} {} \u{2014} {} event(s), {:.0} ms, {}\n",
        if result.passed() {
            "\u{2713}"
        } else {
            "\u{2717}"
        },
        result.suite,
        result.name,
        result.target,
        result.events,
        result.duration_ms,
        result.close.1
    );
    if result.checks.is_empty() {
        text.push_str("    (no checks)\n");
    }
    for check in &result.checks {
        let label = &check.label;
        let line = match &check.verdict {
            Verdict::Passed => format!("    \u{2713} {label}\n"),
            Verdict::Failed { reason, .. } => format!("    \u{2717} {label}: {reason}\n"),
            Verdict::NotReached { reason } => {
                format!("    \u{25cb} {label}: not reached: {reason}\n")
            }
            Verdict::Pending => format!("    \u{2026} {label}\n"),
        };
        text.push_str(&line);
    }
    text
}

/// The closing summary line.
pub fn pretty_summary(results: &[RequestResult]) -> String {
    tally(results) + "\n"
}
