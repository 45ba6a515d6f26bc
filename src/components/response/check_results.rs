//! `<CheckResults/>`: the request's checks on the run the tab shows — passed, failed (with why,
//! and the event that broke it: a click opens it in the inspector), not reached or pending —
//! updated as events arrive; and "Save as test", which turns the run into checks.

use leptos::prelude::*;

use crate::model::ai::builder::AnswerBuilder;
use crate::model::checks::check_run::Verdict;
use crate::model::checks::infer::infer;
use crate::model::checks::live::LiveChecks;
use crate::state::{AppState, TimelineState};

#[component]
pub fn CheckResults() -> impl IntoView {
    let state = AppState::expect();
    let timeline = TimelineState::expect();
    let live = StoredValue::new_local(LiveChecks::default());
    let checks = Memo::new(move |_| state.draft.with(|draft| draft.checks.clone()));
    // JSON Schema checks need the validator the CLI has; here they are not reached.
    let verdicts = Memo::new(move |_| {
        let checks = checks.get();
        timeline.shown.track();
        state
            .log
            .with_value(|log| live.write_value().update(&checks, log, || None))
    });
    let has_run = state.read_log(|log| log.first_response().is_some());
    let is_closed = state.read_log(|log| log.is_closed());
    let save_as_test = move |_| {
        let inferred = state.log.with_value(|log| {
            let mut answers = AnswerBuilder::default();
            infer(log, answers.sync(log))
        });
        let count = inferred.len();
        state.draft.update(|draft| draft.checks = inferred);
        state.notify(format!(
            "{count} checks from this run replace the request's checks: Save (Ctrl+S) keeps them"
        ));
    };
    let tally = move || {
        verdicts.with(|verdicts| {
            let count = |kind: &str| verdicts.iter().filter(|(_, v)| v.kind() == kind).count();
            let mut parts = vec![format!("{} passed", count("passed"))];
            for (kind, name) in [
                ("failed", "failed"),
                ("not-reached", "not reached"),
                ("pending", "pending"),
            ] {
                let n = count(kind);
                if n > 0 {
                    parts.push(format!("{n} {name}"));
                }
            }
            parts.join(" \u{b7} ")
        })
    };
    let status = move || {
        verdicts.with(|verdicts| {
            if verdicts
                .iter()
                .any(|(_, v)| matches!(v, Verdict::Failed { .. }))
            {
                "failed"
            } else if verdicts
                .iter()
                .any(|(_, v)| matches!(v, Verdict::NotReached { .. }))
            {
                "not-reached"
            } else if verdicts.iter().all(|(_, v)| *v == Verdict::Passed) {
                "passed"
            } else {
                "pending"
            }
        })
    };
    view! {
        <Show when=move || has_run() || !checks.with(Vec::is_empty)>
            <section class="check-results" data-testid="check-results" data-status=status aria-label="Checks">
                <div class="check-results-header">
                    <h2 class="check-results-title">"Checks"</h2>
                    <Show when=move || !checks.with(Vec::is_empty)>
                        <span class="check-results-tally" data-testid="check-tally">{tally}</span>
                    </Show>
                    <button type="button" class="button button-small" data-testid="save-as-test"
                        disabled=move || !(has_run() && is_closed())
                        title="Turn this run into checks: status, clean end, event types in order, a JSON Schema per type, the AI terminator, timing with headroom"
                        on:click=save_as_test>"Save as test"</button>
                </div>
                <ul class="check-results-list">
                    {move || verdicts.get().into_iter().map(|(label, verdict)| {
                        let kind = verdict.kind();
                        let (reason, event) = match verdict {
                            Verdict::Failed { reason, event } => (Some(reason), event),
                            Verdict::NotReached { reason } => (Some(format!("not reached: {reason}")), None),
                            _ => (None, None),
                        };
                        let mark = match kind {
                            "passed" => "\u{2713}",
                            "failed" => "\u{2717}",
                            "not-reached" => "\u{25cb}",
                            _ => "\u{2026}",
                        };
                        view! {
                            <li class="check-result" data-testid="check-result" data-verdict=kind>
                                <span class="check-mark" aria-hidden="true">{mark}</span>
                                <span class="check-label">{label}</span>
                                {reason.map(|reason| view! { <span class="check-reason">{reason}</span> })}
                                {event.map(|index| view! {
                                    <button type="button" class="button button-small" data-testid="check-event"
                                        title="Open this event in the inspector"
                                        on:click=move |_| timeline.select(index)>{format!("#{}", index + 1)}</button>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}
