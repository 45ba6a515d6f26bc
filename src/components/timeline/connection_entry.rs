//! `<ConnectionEntry/>`: the first entry of a run in stream order: "Connecting…" (marked when the
//! browser's connections to the server are all taken; the run banner says more), then
//! "Connected to URL" with the response status and time to headers, or "No response from URL"
//! when the run ended without one. Clicking it shows the response in the
//! inspector.

use leptos::prelude::*;

use crate::state::{AppState, TimelineState};

#[component]
pub fn ConnectionEntry() -> impl IntoView {
    let state = AppState::expect();
    let timeline = TimelineState::expect();
    let waiting_note = timeline.read_log(state, |log| log.waiting_note.clone());
    // Closed before any response: not "Connecting…" any more (it stayed after Close).
    let never_connected = timeline.read_log(state, |log| {
        (log.is_closed() && log.first_response().is_none()).then(|| log.target.clone())
    });
    let connection = timeline.read_log(state, |log| {
        let head = log.first_response()?;
        Some((
            if log.is_offline {
                format!("Opened {} (offline)", log.target)
            } else {
                format!("Connected to {}", log.target)
            },
            (head.status_line(), head.status_class()),
            format!("{:.0} ms", head.at_ms),
            log.time_of_day(head.at_ms),
        ))
    });
    move || {
        match connection() {
        None if never_connected().is_some() => view! {
            <li class="timeline-entry timeline-failed" role="option" aria-disabled="true" data-testid="connection-entry" data-state="no-response">
                {format!("No response from {}", never_connected().unwrap_or_default())}
            </li>
        }
        .into_any(),
        None => view! {
            <li class="timeline-entry timeline-pending" role="option" aria-disabled="true" data-testid="connection-entry">
                "Connecting…"
                {waiting_note().map(|_| view! {
                    " "<span class="connection-entry-waiting" data-testid="connection-entry-waiting">"waiting for a free connection (see above)"</span>
                })}
            </li>
        }
        .into_any(),
        Some((target, status, latency, time)) => view! {
            <li class="timeline-entry connection-entry" role="option" aria-disabled="true" data-testid="connection-entry"
                on:click=move |_| timeline.selected.set(None)>
                <span class="connection-entry-icon" aria-hidden="true">"⇄"</span>
                <span class="connection-entry-target">{target}</span>
                <span class=status.1 data-testid="connection-entry-status">{status.0}</span>
                <span class="connection-entry-latency" title="Time to response headers">{latency}</span>
                <time class="event-row-time">{time}</time>
            </li>
        }
        .into_any(),
    }
    }
}
