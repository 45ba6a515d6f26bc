//! The report of `sse-studio run`: for people (a line per request and per check), as JSON, or as
//! JUnit XML for CI (one `testsuite` per collection or folder, one `testcase` per request, one
//! `failure` per check that did not pass, with its reason).

use serde_json::json;
use sse_studio_core::checks::check_run::Verdict;

use crate::run::RequestResult;

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
    for (label, verdict) in &result.checks {
        let line = match verdict {
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
    let failed = results.iter().filter(|r| !r.passed()).count();
    let checks: usize = results.iter().map(|r| r.checks.len()).sum();
    let checks_passed: usize = results
        .iter()
        .flat_map(|r| &r.checks)
        .filter(|(_, verdict)| *verdict == Verdict::Passed)
        .count();
    format!(
        "{} request(s): {} passed, {failed} failed; {checks} check(s): {checks_passed} passed, {} did not\n",
        results.len(),
        results.len() - failed,
        checks - checks_passed
    )
}

/// The whole report as one JSON document.
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
                "checks": result.checks.iter().map(|(label, verdict)| {
                    let (reason, event) = match verdict {
                        Verdict::Failed { reason, event } => (Some(reason), *event),
                        Verdict::NotReached { reason } => (Some(reason), None),
                        _ => (None, None),
                    };
                    json!({
                        "label": label,
                        "verdict": verdict.kind(),
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

/// The whole report as JUnit XML.
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
            for (label, verdict) in &result.checks {
                let (kind, reason) = match verdict {
                    Verdict::Passed => continue,
                    Verdict::Failed { reason, .. } => ("failed", reason.as_str()),
                    Verdict::NotReached { reason } => ("not-reached", reason.as_str()),
                    Verdict::Pending => ("pending", ""),
                };
                xml.push_str(&format!(
                    "      <failure message=\"{}\" type=\"{kind}\">{}</failure>\n",
                    escape(&format!("{label}: {reason}")),
                    escape(&format!("{label}\n{reason}\n{}", result.target))
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

    fn result(checks: Vec<(String, Verdict)>) -> RequestResult {
        RequestResult {
            suite: "AI <demos>".into(),
            name: "Chat \"tools\"".into(),
            target: "POST http://h/x".into(),
            duration_ms: 1234.0,
            events: 3,
            close: ("clean".into(), "Closed cleanly by the server".into()),
            checks,
        }
    }

    #[test]
    fn junit_has_a_testcase_per_request_and_a_failure_per_check_that_did_not_pass() {
        let results = [
            result(vec![("Status is 200".into(), Verdict::Passed)]),
            result(vec![
                (
                    "The AI answer is complete".into(),
                    Verdict::Failed {
                        reason: "ended without data: [DONE] \x1b".into(),
                        event: None,
                    },
                ),
                (
                    "Status is 200".into(),
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
    fn the_json_report_numbers_events_as_the_app_does() {
        let results = [result(vec![(
            "Event ids never repeat".into(),
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
}
