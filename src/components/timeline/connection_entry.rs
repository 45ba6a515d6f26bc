//! `<ConnectionEntry/>`: the "Connected to URL" entry at the bottom of the timeline, with the
//! response status, time and headers.

use leptos::prelude::*;

use crate::components::response::HeaderList;
use crate::state::AppState;

#[component]
pub fn ConnectionEntry() -> impl IntoView {
    let state = AppState::expect();
    let Some((target, head, time)) = state.log.with_value(|log| {
        let head = log.response.clone()?;
        let time = log.time_of_day(head.at_ms);
        Some((log.target.clone(), head, time))
    }) else {
        return ().into_any();
    };
    let status = format!("{} {}", head.status, head.status_text)
        .trim_end()
        .to_owned();
    let latency = format!("{:.0} ms", head.at_ms);
    view! {
        <li class="timeline-entry connection-entry" data-testid="connection-entry">
            <div class="connection-entry-line">
                <span class="connection-entry-icon" aria-hidden="true">"⇄"</span>
                <span>"Connected to " <code>{target}</code></span>
                <span class="status" data-testid="connection-entry-status">{status}</span>
                <span class="connection-entry-latency" title="Time to response headers">{latency}</span>
                <time class="event-row-time">{time}</time>
            </div>
            <HeaderList headers=head.headers/>
        </li>
    }
    .into_any()
}
