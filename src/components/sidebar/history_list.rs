//! `<HistoryList/>`: the reports of folder runs (click to show one), then every run, newest
//! first, saved automatically when it ends, with when, how it ended, events, duration and bytes. Click to browse one as if live; ↻ opens its request in a
//! new tab; the cap (entries and bytes kept) is shown.

use leptos::prelude::*;

use crate::model::checks::report::tally;
use crate::model::library::history::HistoryCap;
use crate::model::present::format::{format_bytes, format_duration_ms, format_time_of_day};
use crate::model::request::origin::host_and_path;
use crate::state::{FolderRun, Library, Workspace, session};

#[component]
pub fn HistoryList() -> impl IntoView {
    let workspace = Workspace::expect();
    let folder_run = FolderRun::expect();
    let library = Library::expect();
    let summary = move || {
        let cap = library.history_cap.get();
        library.history.with(|history| {
            let bytes: usize = history.iter().map(|item| item.size).sum();
            format!(
                "{} of {} runs · {} of {} kept",
                history.len(),
                cap.max_entries,
                format_bytes(bytes as u64),
                format_bytes(cap.max_bytes as u64)
            )
        })
    };
    view! {
        <div class="history-list" data-testid="history-list">
            <div class="sidebar-actions">
                <span class="sidebar-cap" data-testid="history-cap">{summary}</span>
                <button type="button" class="button button-small" data-testid="history-clear"
                    on:click=move |_| library.delete_history(None)>"Clear"</button>
            </div>
            <details class="history-limits">
                <summary>"Limits"</summary>
                <label>
                    "Keep at most "
                    <input type="number" min="1" max="10000" aria-label="Most runs kept" data-testid="history-max-runs"
                        prop:value=move || library.history_cap.get().max_entries.to_string()
                        on:change=move |event| {
                            if let Ok(max_entries) = event_target_value(&event).parse::<usize>() {
                                let cap = library.history_cap.get_untracked();
                                library.set_history_cap(HistoryCap { max_entries: max_entries.max(1), ..cap });
                            }
                        }/>
                    " runs"
                </label>
                <label>
                    "and "
                    <input type="number" min="1" max="2048" aria-label="Most MiB kept" data-testid="history-max-mib"
                        prop:value=move || (library.history_cap.get().max_bytes >> 20).to_string()
                        on:change=move |event| {
                            if let Ok(mib) = event_target_value(&event).parse::<usize>() {
                                let cap = library.history_cap.get_untracked();
                                library.set_history_cap(HistoryCap { max_bytes: mib.max(1) << 20, ..cap });
                            }
                        }/>
                    " MiB"
                </label>
            </details>
            <Show when=move || !library.run_reports.with(Vec::is_empty)>
                <h3 class="sidebar-heading">"Folder runs"</h3>
                <ul data-testid="run-reports">
                    // Drawn afresh when a report changes: a `<For>` costs ~3 KB of wasm.
                    {move || library.run_reports.get().into_iter().map(|report| {
                            let (passed, id) = (report.passed(), report.id.clone());
                            let shown = StoredValue::new(report.clone());
                            view! {
                                <li class="history-item" data-testid="run-report-item" data-passed=passed.to_string()>
                                    <button type="button" class="tree-name" on:click=move |_| folder_run.shown.set(Some(shown.get_value()))>
                                        <span class="history-target">
                                            {if passed { "\u{2713} " } else { "\u{2717} " }} {report.title.clone()}
                                        </span>
                                        <span class="history-meta">
                                            {format_time_of_day(report.started_unix_ms, report.utc_offset_minutes)} " · "
                                            {tally(&report.results)}
                                        </span>
                                    </button>
                                    <button type="button" class="tree-action" aria-label="Delete this report"
                                        on:click=move |_| library.delete_run_reports(vec![id.clone()])>"✕"</button>
                                </li>
                            }
                        }).collect_view()}
                </ul>
                <h3 class="sidebar-heading">"Runs"</h3>
            </Show>
            <Show when=move || library.history.with(Vec::is_empty)>
                <p class="sidebar-empty">"Runs appear here when they end."</p>
            </Show>
            <ul>
                <For each=move || library.history.get() key=|item| item.id.clone() let:item>
                    {
                        let (open_id, delete_id) = (item.id.clone(), item.id.clone());
                        let request = StoredValue::new(item.request.clone());
                        view! {
                            <li class="history-item" data-testid="history-item">
                                <button type="button" class="tree-name" on:click=move |_| session::open_history(workspace.active_tab_untracked().app, library, open_id.clone())>
                                    {
                                        // The path first: a long host must not push it out of sight.
                                        let (method, url) = item.target.split_once(' ').unwrap_or(("", &item.target));
                                        let (host, path) = host_and_path(url);
                                        view! {
                                            <span class="history-target" data-testid="history-target" title=item.target.clone()>
                                                {format!("{method} {path}")}
                                                <span class="history-host">{host.to_owned()}</span>
                                            </span>
                                        }
                                    }
                                    <span class="history-meta">
                                        {format_time_of_day(item.started.0, item.started.1)} " · " {item.outcome.clone()} " · "
                                        {format!(
                                            "{} events · {} · {}",
                                            item.event_count,
                                            format_duration_ms(item.duration_ms),
                                            format_bytes(item.bytes_received)
                                        )}
                                    </span>
                                </button>
                                <button type="button" class="tree-action" aria-label="Open this request in a new tab"
                                    title="Open this request (as sent, secrets masked) in a new tab" data-testid="history-replay"
                                    on:click=move |_| workspace.open(request.get_value(), None)>"↻"</button>
                                <button type="button" class="tree-action" aria-label="Delete this run"
                                    on:click=move |_| library.delete_history(Some(vec![delete_id.clone()]))>"✕"</button>
                            </li>
                        }
                    }
                </For>
            </ul>
        </div>
    }
}
