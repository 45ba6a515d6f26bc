//! `<RunReportPanel/>` (in the side pane's Run tab): the report of a folder run — growing while it runs (Stop ends it), or one
//! opened from history: a line per request (passed or failed, its end, events, time) with the
//! checks that did not pass and why, "Open run" (the run kept in history, in its request's tab,
//! beside its checks), and the report
//! exported as JUnit XML or JSON (the files `sse-studio run` writes).

use leptos::prelude::*;

use crate::io::download::download;
use crate::model::checks::check_run::Verdict;
use crate::model::checks::report::{NOT_SENT, RequestResult, json_report, junit_report, tally};
use crate::model::present::format::{format_duration_ms, format_file_stamp, format_time_of_day};
use crate::state::{FolderRun, Library, Workspace, session};

#[component]
pub fn RunReportPanel() -> impl IntoView {
    let folder_run = FolderRun::expect();
    let workspace = Workspace::expect();
    let library = Library::expect();
    let status = move || {
        folder_run.shown.with(|report| match report {
            _ if folder_run.is_running.get() => "running",
            Some(report) if report.passed() => "passed",
            _ => "failed",
        })
    };
    let summary = move || {
        folder_run.shown.with(|report| {
            let Some(report) = report else {
                return String::new();
            };
            let when = format_time_of_day(report.started_unix_ms, report.utc_offset_minutes);
            if folder_run.is_running.get() {
                return format!(
                    "Started {when} \u{b7} running {} of {}\u{2026}",
                    (report.results.len() + 1).min(report.total),
                    report.total
                );
            }
            let stopped = if report.is_stopped {
                format!(
                    " \u{b7} stopped after {} of {}",
                    report.results.len(),
                    report.total
                )
            } else {
                String::new()
            };
            format!(
                "{when} \u{b7} {} \u{b7} {}{stopped}",
                tally(&report.results),
                format_duration_ms(report.duration_ms)
            )
        })
    };
    let export = move |junit: bool| {
        let Some(report) = folder_run.shown.get_untracked() else {
            return;
        };
        let stamp = format_file_stamp(report.started_unix_ms, report.utc_offset_minutes);
        let (name, kind, text) = if junit {
            (
                format!("sse-studio-run-{stamp}.xml"),
                "application/xml",
                junit_report(&report.results),
            )
        } else {
            (
                format!("sse-studio-run-{stamp}.json"),
                "application/json",
                json_report(&report.results),
            )
        };
        match download(&name, kind, [text.as_bytes()]) {
            Ok(()) => workspace
                .toaster
                .notify(format!("Exported the report to {name}")),
            Err(message) => workspace.toaster.notify(message),
        }
    };
    // In the tab of its saved request (brought forward, or opened), so that its checks show
    // beside it with their event links; else in the active tab.
    let open_run = move |history_id: String, saved_as: Option<(String, String)>| {
        if let Some((collection_id, request_id)) = saved_as {
            workspace.open_saved(library, &collection_id, &request_id);
        }
        session::open_history(workspace.active_tab_untracked().app, library, history_id);
    };
    view! {
        <Show when=move || folder_run.shown.with(Option::is_some)>
            <section class="run-report" data-testid="run-report" data-status=status aria-label="Folder run">
                <div class="run-report-header">
                    <h2 class="check-results-title">
                        "Run: " {move || folder_run.shown.with(|r| r.as_ref().map(|r| r.title.clone()))}
                    </h2>
                    <span class="check-results-tally" data-testid="run-report-summary" role="status">{summary}</span>
                    <div class="run-report-actions">
                        <Show when=move || folder_run.is_running.get()>
                            <button type="button" class="button button-small button-close" data-testid="run-report-stop"
                                title="Close the request in flight and send no other"
                                on:click=move |_| folder_run.stop()>"Stop"</button>
                        </Show>
                        <Show when=move || !folder_run.is_running.get()>
                            <button type="button" class="button button-small" data-testid="run-report-junit"
                                title="The report as JUnit XML, as sse-studio run --reporter junit writes it"
                                on:click=move |_| export(true)>"Export JUnit"</button>
                            <button type="button" class="button button-small" data-testid="run-report-json"
                                on:click=move |_| export(false)>"Export JSON"</button>
                            <button type="button" class="tree-action" aria-label="Close the report" data-testid="run-report-close"
                                on:click=move |_| folder_run.shown.set(None)>"✕"</button>
                        </Show>
                    </div>
                </div>
                <ol class="run-report-list">
                    {move || folder_run.shown.with(|report| {
                        report.iter().flat_map(|report| report.results.clone()).map(|result| {
                            result_row(result, open_run)
                        }).collect_view()
                    })}
                </ol>
            </section>
        </Show>
    }
}

/// One request's line: ✓ or ✗, its name and end, "Open run", then each check that did not pass.
fn result_row(
    result: RequestResult,
    open_run: impl Fn(String, Option<(String, String)>) + Copy + 'static,
) -> impl IntoView {
    let passed = result.passed();
    let meta = if result.close.0 == NOT_SENT {
        format!("not sent: {}", result.close.1)
    } else {
        format!(
            "{} \u{b7} {} events \u{b7} {} \u{b7} {}",
            result.target,
            result.events,
            format_duration_ms(result.duration_ms),
            result.close.1
        )
    };
    let checks_passed = result
        .checks
        .iter()
        .filter(|check| check.verdict == Verdict::Passed)
        .count();
    let count = format!("{checks_passed}/{} checks", result.checks.len());
    let not_passed: Vec<_> = result
        .checks
        .into_iter()
        .filter(|check| check.verdict != Verdict::Passed)
        .collect();
    view! {
        <li class="run-report-row" data-testid="run-report-row" data-passed=passed.to_string()>
            <div class="run-report-request">
                <span class="check-mark" aria-hidden="true">{if passed { "\u{2713}" } else { "\u{2717}" }}</span>
                <span class="run-report-name" data-testid="run-report-name">{format!("{} / {}", result.suite, result.name)}</span>
                <span class="check-results-tally">{count}</span>
                {result.history_id.map(|id| {
                    let saved_as = result.saved_as.clone();
                    view! {
                        <button type="button" class="button button-small" data-testid="run-report-open"
                            title="Open this run from history, with its request and checks"
                            on:click=move |_| open_run(id.clone(), saved_as.clone())>"Open run"</button>
                    }
                })}
            </div>
            <p class="run-report-meta">{meta}</p>
            <ul class="check-results-list">
                {not_passed.into_iter().map(|check| {
                    let kind = check.verdict.kind();
                    let reason = match check.verdict {
                        Verdict::Failed { reason, .. } => reason,
                        Verdict::NotReached { reason } => format!("not reached: {reason}"),
                        Verdict::Pending | Verdict::Passed => String::new(),
                    };
                    view! {
                        <li class="check-result" data-testid="run-report-check" data-verdict=kind>
                            <span class="check-mark" aria-hidden="true">{if kind == "failed" { "\u{2717}" } else { "\u{25cb}" }}</span>
                            <span class="check-label">{check.label}</span>
                            <span class="check-reason">{reason}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </li>
    }
}
