//! `<SidePane/>`: the pane beside the timeline, one view at a time — Inspector (the selected
//! event, or the run's response and timing), Answer (an AI stream's), JSON-RPC (an MCP
//! conversation), Checks, Response (a body
//! that is not an event stream), Diagnostics, and Run (a folder run's report, while one is
//! shown), each tab with what it holds. Selecting an event shows the inspector; a run whose
//! answer assembles (or that carries JSON-RPC) shows it, and a response that is not an event stream shows that, once per
//! run (not while a folder run's report is shown as it runs); a folder run shows its report when
//! it starts or is opened from history. Every view stays mounted (hidden), so each keeps its
//! place and follows the run while another is shown.

use leptos::prelude::*;

use crate::components::RunReportPanel;
use crate::components::inspector::Inspector;
use crate::components::response::{
    AnswerView, CheckResults, DiagnosticsPanel, JsonRpcView, ResponseView,
};
use crate::state::timeline_state::Side;
use crate::state::{AppState, FolderRun, TimelineState};

/// The tabs: (view, id, name).
const TABS: [(Side, &str, &str); 7] = [
    (Side::Inspector, "inspector", "Inspector"),
    (Side::Answer, "answer", "Answer"),
    (Side::JsonRpc, "json-rpc", "JSON-RPC"),
    (Side::Checks, "checks", "Checks"),
    (Side::Response, "response", "Response"),
    (Side::Diagnostics, "diagnostics", "Diagnostics"),
    (Side::Run, "run", "Run"),
];

#[component]
pub fn SidePane() -> impl IntoView {
    let state = AppState::expect();
    let timeline = TimelineState::expect();
    let folder_run = FolderRun::expect();
    let side = timeline.side;
    let answer = timeline.answer;
    // Once per run: an answer that assembles, or a body that is not an event stream, is shown.
    let run_facts = Memo::new(move |_| {
        state.log_version.track();
        let has_answer = answer.with(Option::is_some);
        let has_conversation = timeline.conversation.with(Option::is_some);
        // A body that is not an event stream, in a session without events (not the 204 that
        // ends a reconnecting stream).
        state.log.with_value(|log| {
            let has_body = log.body_text.is_some() && log.event_count() == 0;
            (log.run_id, has_body, has_answer || has_conversation)
        })
    });
    Effect::new(move |previous: Option<(u64, bool, bool)>| {
        let now = run_facts.get();
        // Mounted again (another tab was shown): what the user chose stays.
        let Some(previous) = previous else {
            return now;
        };
        // A folder run's report stays in view while it runs.
        if folder_run.is_running.get_untracked() && side.get_untracked() == Side::Run {
            return now;
        }
        let before = (previous.0 == now.0).then_some(previous);
        let (_, has_body, has_answer) = now;
        if has_body && !before.is_some_and(|before| before.1) {
            side.set(Side::Response);
        } else if has_answer && !before.is_some_and(|before| before.2) {
            // An AI answer, or else a JSON-RPC conversation.
            let answers = answer.with_untracked(Option::is_some);
            side.set(if answers { Side::Answer } else { Side::JsonRpc });
        }
        now
    });
    // A folder run's report is shown when it starts, when one is opened from history, and in the
    // run's tab (mounted while it runs); closing it shows the inspector again.
    Effect::new(move |previous: Option<Option<f64>>| {
        let now = folder_run
            .shown
            .with(|report| report.as_ref().map(|report| report.started_unix_ms));
        let is_new = match previous {
            None => folder_run.is_running.get_untracked(),
            Some(previous) => now.is_some() && previous != now,
        };
        if is_new {
            side.set(Side::Run);
        } else if now.is_none() && side.get_untracked() == Side::Run {
            side.set(Side::Inspector);
        }
        now
    });
    let problems = move || {
        timeline
            .findings
            .with(|findings| findings.iter().filter(|finding| !finding.is_note).count())
    };
    let checks = move || state.draft.with(|draft| draft.checks.len());
    let note = move |which: Side| -> String {
        let n = match which {
            Side::Checks => checks(),
            Side::Diagnostics => problems(),
            _ => 0,
        };
        if n == 0 {
            String::new()
        } else {
            format!(" {n}")
        }
    };
    let panel = move |which: Side| move || side.get() != which;
    view! {
        <div class="side-pane" data-testid="side-pane">
            <div class="side-tabs" role="tablist" aria-label="Beside the timeline">
                {TABS.into_iter().map(|(which, id, name)| view! {
                    <button type="button" role="tab" class="details-tab" id=format!("side-tab-{id}")
                        data-testid=format!("side-tab-{id}") aria-controls=format!("side-{id}")
                        aria-selected=move || (side.get() == which).to_string()
                        hidden=move || which == Side::Run && folder_run.shown.with(Option::is_none)
                        class:has-problems=move || match which {
                            Side::Diagnostics => problems() > 0,
                            Side::Run => !folder_run.is_running.get() && folder_run.shown.with(|report| report.as_ref().is_some_and(|report| !report.passed())),
                            _ => false,
                        }
                        on:click=move |_| side.set(which)>
                        {name}<span class="details-tab-note">{move || note(which)}</span>
                    </button>
                }).collect_view()}
            </div>
            <div class="side-view" id="side-inspector" role="tabpanel" aria-labelledby="side-tab-inspector" hidden=panel(Side::Inspector)>
                <Inspector/>
            </div>
            <div class="side-view" id="side-answer" role="tabpanel" aria-labelledby="side-tab-answer" hidden=panel(Side::Answer)>
                <Show when=move || answer.with(Option::is_some)
                    fallback=|| view! { <p class="side-empty">"No AI answer: the stream is not in a format the app assembles (OpenAI Chat or Responses, Anthropic, Gemini)."</p> }>
                    <AnswerView answer=answer/>
                </Show>
            </div>
            <div class="side-view" id="side-json-rpc" role="tabpanel" aria-labelledby="side-tab-json-rpc" hidden=panel(Side::JsonRpc)>
                <JsonRpcView/>
            </div>
            <div class="side-view" id="side-checks" role="tabpanel" aria-labelledby="side-tab-checks" hidden=panel(Side::Checks)>
                <CheckResults/>
            </div>
            <div class="side-view" id="side-response" role="tabpanel" aria-labelledby="side-tab-response" hidden=panel(Side::Response)>
                <Show when=state.read_log(|log| log.body_text.is_some())
                    fallback=|| view! { <p class="side-empty">"The response is an event stream: its events are in the timeline, its head in the Inspector."</p> }>
                    <ResponseView/>
                </Show>
            </div>
            <div class="side-view" id="side-diagnostics" role="tabpanel" aria-labelledby="side-tab-diagnostics" hidden=panel(Side::Diagnostics)>
                <DiagnosticsPanel/>
            </div>
            <div class="side-view" id="side-run" role="tabpanel" aria-labelledby="side-tab-run" hidden=panel(Side::Run)>
                <RunReportPanel/>
            </div>
        </div>
    }
}
