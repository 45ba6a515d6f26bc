//! `<CloseEntry/>`: the last entry of a finished run in stream order, naming its close reason (its
//! hint and any pending bytes are in the run banner above the list).

use leptos::prelude::*;

use crate::state::{AppState, TimelineState};

#[component]
pub fn CloseEntry() -> impl IntoView {
    let state = AppState::expect();
    let timeline = TimelineState::expect();
    let closed = timeline.read_log(state, |log| {
        let closed = log.closed.as_ref()?;
        Some((
            closed.reason.clone(),
            log.time_of_day(closed.at_ms),
            log.reconnect_stop.clone(),
        ))
    });
    move || {
        closed().map(|(reason, time, stop)| {
            view! {
                <li class=format!("timeline-entry close-entry close-{}", reason.kind()) role="option" aria-disabled="true"
                    data-testid="close-entry" data-close-reason=reason.kind()>
                    <span class="close-entry-icon" aria-hidden="true">"■"</span>
                    <span class="close-entry-title" data-testid="close-entry-title">
                        {reason.title()}
                        {stop.map(|stop| view! {
                            <span class="close-entry-stop" data-testid="reconnect-stop">
                                {format!(" · not reconnecting: {stop}")}
                            </span>
                        })}
                    </span>
                    <time class="event-row-time">{time}</time>
                </li>
            }
        })
    }
}
