//! `<CloseEntry/>`: the top entry of a finished run, naming its close reason.

use leptos::prelude::*;

use crate::model::close_reason::CloseReason;
use crate::state::AppState;

#[component]
pub fn CloseEntry() -> impl IntoView {
    let state = AppState::expect();
    let closed = state.read_log(|log| {
        let closed = log.closed.clone()?;
        Some((closed.reason, log.time_of_day(closed.at_ms)))
    });
    move || {
        closed().map(|(reason, time)| {
            let pending = match &reason {
                CloseReason::Truncated { pending, .. } => Some(pending.clone()),
                _ => None,
            };
            view! {
                <li class=format!("timeline-entry close-entry close-{}", reason.kind())
                    data-testid="close-entry" data-close-reason=reason.kind()>
                    <div class="close-entry-line">
                        <span class="close-entry-icon" aria-hidden="true">"■"</span>
                        <span class="close-entry-title" data-testid="close-entry-title">{reason.title()}</span>
                        <time class="event-row-time">{time}</time>
                    </div>
                    {reason.hint().map(|hint| view! { <p class="close-entry-hint">{hint}</p> })}
                    {pending.map(|pending| view! {
                        <pre class="close-entry-pending" data-testid="close-entry-pending">{pending}</pre>
                    })}
                </li>
            }
        })
    }
}
