//! `<DiagnosticsBadge/>`: in the timeline's toolbar, what looks wrong with the run's transport,
//! counted (problems, else notes); a click shows the list, with causes and fixes, beside the
//! timeline. Nothing when all looks right.

use leptos::prelude::*;

use crate::state::TimelineState;
use crate::state::timeline_state::Side;

#[component]
pub fn DiagnosticsBadge() -> impl IntoView {
    let timeline = TimelineState::expect();
    let counts = Memo::new(move |_| {
        timeline.findings.with(|findings| {
            let problems = findings.iter().filter(|finding| !finding.is_note).count();
            (problems, findings.len() - problems)
        })
    });
    move || {
        let (problems, notes) = counts.get();
        let (label, title, class) = match (problems, notes) {
            (0, 0) => return None,
            (0, n) => (
                format!("\u{24d8} {n}"),
                format!("{n} note(s) on this run's transport"),
                "diagnostics-badge",
            ),
            (n, _) => (
                format!("\u{26a0} {n}"),
                format!("{n} problem(s) with this run's transport: show why and the fix"),
                "diagnostics-badge has-problems",
            ),
        };
        Some(view! {
            <button type="button" class=class data-testid="diagnostics-badge" title=title.clone()
                aria-label=title on:click=move |_| timeline.side.set(Side::Diagnostics)>{label}</button>
        })
    }
}
