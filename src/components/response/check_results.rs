//! `<CheckResults/>`: the request's checks on the run the tab shows — passed, failed (with why,
//! and the event that broke it: a click opens it in the inspector), not reached or pending —
//! updated as events arrive; and "Save as test", which turns the run into checks.

use leptos::prelude::*;

use crate::model::ai::builder::AnswerBuilder;
use crate::model::checks::check::Check;
use crate::model::checks::check_run::Verdict;
use crate::model::checks::infer::{infer, merge};
use crate::model::checks::live::LiveChecks;
use crate::state::lazy_matchers::MatchersStatus;
use crate::state::{AppState, LazyMatchers, TimelineState};

#[component]
pub fn CheckResults() -> impl IntoView {
    let state = AppState::expect();
    let timeline = TimelineState::expect();
    let live = StoredValue::new_local(LiveChecks::default());
    let lazy = LazyMatchers::expect();
    let checks = Memo::new(move |_| state.draft.with(|draft| draft.checks.clone()));
    // The first check that needs JSON Schema, paths or regexes loads their module; until it is
    // loaded, those checks are not reached.
    Effect::new(move |_| {
        if checks.with(|checks| checks.iter().any(Check::needs_matchers)) {
            lazy.request();
        }
    });
    // Read in place: once per frame while a run streams, so the checks are not copied.
    let verdicts = Memo::new(move |_| {
        checks.with(|checks| {
            // Without checks nothing is read, not even the log's new events.
            if checks.is_empty() {
                return Vec::new();
            }
            timeline.shown.track();
            let is_ready = lazy.status.with(|status| *status == MatchersStatus::Ready);
            let matchers = is_ready.then_some(move || lazy.matchers());
            state
                .log
                .with_value(|log| live.write_value().update(checks, log, matchers))
        })
    });
    let module_note = move || {
        let needed = checks.with(|checks| checks.iter().any(Check::needs_matchers));
        match lazy.status.get() {
            MatchersStatus::Loading if needed => {
                Some("Loading JSON Schema, JSON path and regex support\u{2026}".to_owned())
            }
            MatchersStatus::Failed(why) if needed => Some(format!(
                "JSON Schema, JSON path and regex support could not be loaded ({why}); \
                 those checks are not reached. Reload the page to try again."
            )),
            _ => None,
        }
    };
    let has_run = state.read_log(|log| log.first_response().is_some());
    let is_closed = state.read_log(|log| log.is_closed());
    // Adds the run's checks to the request's, updating those about the same things (a second
    // Save as test refreshes its budgets); the user's own checks stay.
    let save_as_test = move |_| {
        let inferred = state.log.with_value(|log| {
            let mut answers = AnswerBuilder::default();
            infer(log, answers.sync(log))
        });
        let count = inferred.len();
        let mut replaced = 0;
        state.draft.update(|draft| {
            let merged;
            (merged, replaced) = merge(&draft.checks, inferred);
            draft.checks = merged;
        });
        let updated = match replaced {
            0 => String::new(),
            n => format!(" ({n} updated)"),
        };
        state.notify(format!(
            "{count} checks from this run{updated}: Save (Ctrl+S) keeps them with the request"
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
        <Show when=move || has_run() || !checks.with(Vec::is_empty)
            fallback=|| view! {
                <p class="side-empty">"No checks yet: add them in the request's Checks tab, or run the request and press Save as test."</p>
            }>
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
                {move || module_note().map(|note| view! {
                    <p class="check-results-note" data-testid="check-module-note" role="status">{note}</p>
                })}
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
