//! The report of saved requests run one after another with their checks — "Run" on a folder in
//! the app, `sse-studio run` in the terminal: a result per request, the tally, and the report as
//! JSON or as JUnit XML for CI. One implementation, so the app's exported report and the CLI's
//! file say the same of the same runs.

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::check_run::{CheckRun, Verdict};
use crate::session::log::SessionLog;

/// Version of stored reports ([`RunReport::version`]).
pub const RUN_REPORT_VERSION: u32 = 1;

/// ms after which a request's run ends when its own stop rules have not ended it (the app's
/// folder runs; `sse-studio run --timeout`'s default), so a long-lived stream never hangs a run.
pub const RUN_TIME_LIMIT_MS: u64 = 300_000;

/// Reports the app keeps; the oldest go first.
pub const RUN_REPORTS_KEPT: usize = 50;

/// One run of a folder (or collection): its requests' results, in the order they ran.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunReport {
    /// Identity: a UUID v7, so ids sort by time.
    pub id: String,
    /// [`RUN_REPORT_VERSION`] when written.
    pub version: u32,
    /// What was run: "Collection" or "Collection / Folder".
    pub title: String,
    /// Wall-clock start, Unix ms.
    pub started_unix_ms: f64,
    /// The zone at the start, minutes east of UTC.
    pub utc_offset_minutes: i32,
    /// ms from the first request's start to the last one's end.
    pub duration_ms: f64,
    /// Requests selected to run (more than [`RunReport::results`] while running, or when stopped).
    pub total: usize,
    /// Whether the user stopped the run before its last request.
    pub is_stopped: bool,
    /// Each request's result, in order.
    pub results: Vec<RequestResult>,
}

impl RunReport {
    /// Whether every request ran and passed.
    pub fn passed(&self) -> bool {
        self.results.len() == self.total && self.results.iter().all(RequestResult::passed)
    }
}

/// What one request's run came to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestResult {
    /// "Collection" or "Collection / Folder".
    pub suite: String,
    /// The request's name.
    pub name: String,
    /// Method and URL as sent, secret values masked.
    pub target: String,
    /// ms from the request start to the end.
    pub duration_ms: f64,
    /// Events received.
    pub events: usize,
    /// How the session ended: the close reason's kind and title (see
    /// [`crate::session::close_reason::CloseReason::kind`]); kind `not-sent` and why, when the
    /// request could not be sent.
    pub close: (String, String),
    /// Each check's label and verdict.
    pub checks: Vec<CheckResult>,
    /// The history entry of the run, when the app kept one.
    #[serde(default)]
    pub history_id: Option<String>,
    /// Where the request is saved in the app, (collection id, request id), so that its run
    /// opens beside its checks.
    #[serde(default)]
    pub saved_as: Option<(String, String)>,
}

/// One check's label and verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckResult {
    /// The check's plain-language label.
    pub label: String,
    /// Its verdict on the run.
    pub verdict: Verdict,
}

/// [`RequestResult::close`]'s kind for a request that was not sent.
pub const NOT_SENT: &str = "not-sent";

impl RequestResult {
    /// The result of request `name` (in `suite`, sent as `target`) whose closed session is `log`
    /// and whose checks were settled on it in `checks`.
    pub fn of(
        suite: String,
        name: String,
        target: String,
        log: &SessionLog,
        checks: &CheckRun,
    ) -> Self {
        let closed = log.closed.as_ref();
        Self {
            suite,
            name,
            target,
            duration_ms: closed.map_or(0.0, |closed| closed.at_ms),
            events: log.event_count(),
            close: closed.map_or_else(Default::default, |closed| {
                (closed.reason.kind().to_owned(), closed.reason.title())
            }),
            checks: checks
                .verdicts()
                .map(|(check, verdict)| CheckResult {
                    label: check.label(),
                    verdict: verdict.clone(),
                })
                .collect(),
            history_id: None,
            saved_as: None,
        }
    }

    /// The result of a request that was not sent, and `why` (a sentence).
    pub fn not_sent(suite: String, name: String, target: String, why: String) -> Self {
        Self {
            suite,
            name,
            target,
            duration_ms: 0.0,
            events: 0,
            close: (NOT_SENT.to_owned(), why),
            checks: Vec::new(),
            history_id: None,
            saved_as: None,
        }
    }

    /// Whether it was sent and every check passed (a request without checks passes).
    pub fn passed(&self) -> bool {
        self.close.0 != NOT_SENT
            && self
                .checks
                .iter()
                .all(|check| check.verdict == Verdict::Passed)
    }
}

/// "3 request(s): 2 passed, 1 failed; 12 check(s): 11 passed, 1 did not".
pub fn tally(results: &[RequestResult]) -> String {
    let failed = results.iter().filter(|r| !r.passed()).count();
    let checks: usize = results.iter().map(|r| r.checks.len()).sum();
    let checks_passed = results
        .iter()
        .flat_map(|r| &r.checks)
        .filter(|check| check.verdict == Verdict::Passed)
        .count();
    format!(
        "{} request(s): {} passed, {failed} failed; {checks} check(s): {checks_passed} passed, {} did not",
        results.len(),
        results.len() - failed,
        checks - checks_passed
    )
}

/// The report as one JSON document: `{"passed", "requests": [{"suite", "name", "target",
/// "passed", "duration_ms", "events", "close": {"reason", "title"}, "checks": [{"label",
/// "verdict", "reason", "event"}]}]}`, events numbered from 1 as the app shows them.
pub fn json_report(results: &[RequestResult]) -> String {
    let requests: Vec<_> = results
        .iter()
        .map(|result| {
            json!({
                "suite": result.suite,
                "name": result.name,
                "target": result.target,
                "passed": result.passed(),
                "duration_ms": result.duration_ms,
                "events": result.events,
                "close": { "reason": result.close.0, "title": result.close.1 },
                "checks": result.checks.iter().map(|check| {
                    let (reason, event) = match &check.verdict {
                        Verdict::Failed { reason, event } => (Some(reason), *event),
                        Verdict::NotReached { reason } => (Some(reason), None),
                        _ => (None, None),
                    };
                    json!({
                        "label": check.label,
                        "verdict": check.verdict.kind(),
                        "reason": reason,
                        "event": event.map(|index| index + 1),
                    })
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    let report = json!({
        "passed": results.iter().all(RequestResult::passed),
        "requests": requests,
    });
    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
}

/// The report as JUnit XML: one `testsuite` per collection or folder, one `testcase` per
/// request (times in seconds), one `failure` per check that did not pass with its reason, and
/// one for a request that was not sent.
pub fn junit_report(results: &[RequestResult]) -> String {
    let seconds = |ms: f64| format!("{:.3}", ms / 1000.0);
    let mut suites: Vec<(&str, Vec<&RequestResult>)> = Vec::new();
    for result in results {
        match suites.iter_mut().find(|(name, _)| *name == result.suite) {
            Some((_, members)) => members.push(result),
            None => suites.push((&result.suite, vec![result])),
        }
    }
    let failures = |members: &[&RequestResult]| members.iter().filter(|r| !r.passed()).count();
    let all: Vec<&RequestResult> = results.iter().collect();
    let total_ms: f64 = results.iter().map(|r| r.duration_ms).sum();
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"sse-studio\" tests=\"{}\" \
         failures=\"{}\" errors=\"0\" time=\"{}\">\n",
        results.len(),
        failures(&all),
        seconds(total_ms)
    );
    for (name, members) in &suites {
        let suite_ms: f64 = members.iter().map(|r| r.duration_ms).sum();
        xml.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" time=\"{}\">\n",
            escape(name),
            members.len(),
            failures(members),
            seconds(suite_ms)
        ));
        for result in members {
            xml.push_str(&format!(
                "    <testcase name=\"{}\" classname=\"{}\" time=\"{}\">\n",
                escape(&result.name),
                escape(name),
                seconds(result.duration_ms)
            ));
            if result.close.0 == NOT_SENT {
                xml.push_str(&format!(
                    "      <failure message=\"{}\" type=\"{NOT_SENT}\">{}</failure>\n",
                    escape(&format!("Not sent: {}", result.close.1)),
                    escape(&result.target)
                ));
            }
            for check in &result.checks {
                let (kind, reason) = match &check.verdict {
                    Verdict::Passed => continue,
                    Verdict::Failed { reason, .. } => ("failed", reason.as_str()),
                    Verdict::NotReached { reason } => ("not-reached", reason.as_str()),
                    Verdict::Pending => ("pending", ""),
                };
                xml.push_str(&format!(
                    "      <failure message=\"{}\" type=\"{kind}\">{}</failure>\n",
                    escape(&format!("{}: {reason}", check.label)),
                    escape(&format!("{}\n{reason}\n{}", check.label, result.target))
                ));
            }
            xml.push_str(&format!(
                "      <system-out>{}</system-out>\n    </testcase>\n",
                escape(&format!(
                    "{} \u{2014} {} event(s), {}",
                    result.target, result.events, result.close.1
                ))
            ));
        }
        xml.push_str("  </testsuite>\n");
    }
    xml.push_str("</testsuites>\n");
    xml
}

/// `text` safe in XML text and attributes; characters XML 1.0 forbids (most C0 controls, which
/// a server's data may hold) are written as `\u{…}`.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(checks: Vec<(&str, Verdict)>) -> RequestResult {
        RequestResult {
            suite: "AI <demos>".into(),
            name: "Chat \"tools\"".into(),
            target: "POST http://h/x".into(),
            duration_ms: 1234.0,
            events: 3,
            close: ("clean".into(), "Closed cleanly by the server".into()),
            checks: checks
                .into_iter()
                .map(|(label, verdict)| CheckResult {
                    label: label.into(),
                    verdict,
                })
                .collect(),
            history_id: None,
            saved_as: None,
        }
    }

    #[test]
    fn junit_has_a_testcase_per_request_and_a_failure_per_check_that_did_not_pass() {
        let results = [
            result(vec![("Status is 200", Verdict::Passed)]),
            result(vec![
                (
                    "The AI answer is complete",
                    Verdict::Failed {
                        reason: "ended without data: [DONE] \x1b".into(),
                        event: None,
                    },
                ),
                (
                    "Status is 200",
                    Verdict::NotReached {
                        reason: "No response".into(),
                    },
                ),
            ]),
        ];
        let xml = junit_report(&results);
        assert!(xml.contains("<testsuites name=\"sse-studio\" tests=\"2\" failures=\"1\""));
        assert!(xml.contains("<testsuite name=\"AI &lt;demos&gt;\" tests=\"2\" failures=\"1\""));
        assert_eq!(
            xml.matches("<testcase name=\"Chat &quot;tools&quot;\"")
                .count(),
            2
        );
        assert_eq!(xml.matches("<failure ").count(), 2);
        assert!(xml.contains(
            "message=\"The AI answer is complete: ended without data: [DONE] \\u{1b}\" type=\"failed\""
        ));
        assert!(xml.contains("type=\"not-reached\""));
        assert!(xml.contains("time=\"1.234\""));
    }

    #[test]
    fn a_request_not_sent_fails_with_why() {
        let unsent = RequestResult::not_sent(
            "Demos".into(),
            "Chat".into(),
            "POST http://h/x".into(),
            "{{token}} is not defined".into(),
        );
        assert!(!unsent.passed());
        let xml = junit_report(std::slice::from_ref(&unsent));
        assert!(xml.contains("failures=\"1\""));
        assert!(xml.contains("message=\"Not sent: {{token}} is not defined\" type=\"not-sent\""));
        assert!(tally(&[unsent]).starts_with("1 request(s): 0 passed, 1 failed"));
    }

    #[test]
    fn the_json_report_numbers_events_as_the_app_does() {
        let results = [result(vec![(
            "Event ids never repeat",
            Verdict::Failed {
                reason: "Event #3 repeats id".into(),
                event: Some(2),
            },
        )])];
        let report: serde_json::Value = serde_json::from_str(&json_report(&results)).expect("JSON");
        assert_eq!(report["passed"], false);
        assert_eq!(report["requests"][0]["checks"][0]["event"], 3);
        assert_eq!(report["requests"][0]["checks"][0]["verdict"], "failed");
    }

    #[test]
    fn a_stopped_report_has_not_passed_even_when_what_ran_did() {
        let mut report = RunReport {
            id: "r".into(),
            version: RUN_REPORT_VERSION,
            title: "Demos".into(),
            started_unix_ms: 0.0,
            utc_offset_minutes: 0,
            duration_ms: 1.0,
            total: 2,
            is_stopped: true,
            results: vec![result(vec![("Status is 200", Verdict::Passed)])],
        };
        assert!(!report.passed());
        report.results.push(result(Vec::new()));
        assert!(report.passed());
        let text = serde_json::to_string(&report).expect("serialises");
        assert_eq!(
            serde_json::from_str::<RunReport>(&text).expect("reads back"),
            report
        );
    }
}
