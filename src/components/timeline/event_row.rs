//! `<EventRow/>`: one dispatched event: arrow, type badge, first line of data, time; click to
//! expand the full data, pretty-printed when it is JSON. Event data is shown as text, never HTML.

use leptos::prelude::*;

use crate::model::badge::BadgeTone;
use crate::model::json_text::{first_line_preview, pretty_json};
use crate::state::AppState;

/// Characters of data put in the one-line preview (CSS cuts it to the row width); enough to reach
/// the part that changes in OpenAI chunks, which comes after ~200 characters of boilerplate.
const PREVIEW_CHARS: usize = 500;

#[component]
pub fn EventRow(index: usize) -> impl IntoView {
    let state = AppState::expect();
    // Events never change once logged, so the row reads its event once.
    let event = state.log.with_value(|log| {
        log.event(index).map(|event| {
            let time = log.time_of_day(event.at_ms);
            let size = format!(
                "{} bytes of data, {} bytes on the wire",
                event.data.len(),
                event.wire_bytes()
            );
            (
                event.event_type.to_owned(),
                event.data.to_owned(),
                event.last_event_id.to_owned(),
                time,
                size,
            )
        })
    });
    let Some((event_type, data, last_event_id, time, size)) = event else {
        return ().into_any();
    };
    let is_expanded = RwSignal::new(false);
    let preview = first_line_preview(&data, PREVIEW_CHARS);
    let full = move || pretty_json(&data).unwrap_or_else(|| data.clone());
    view! {
        <li class="timeline-entry event-row" data-testid="event-row" data-event-type=event_type.clone()>
            <button
                type="button"
                class="event-row-summary"
                aria-expanded=move || is_expanded.get().to_string()
                title=size
                on:click=move |_| is_expanded.update(|open| *open = !*open)
            >
                <span class="event-row-arrow" aria-label="received">"↓"</span>
                <span class=BadgeTone::of(&event_type).class() data-testid="event-row-type">{event_type.clone()}</span>
                <span class="event-row-preview" data-testid="event-row-preview">{preview}</span>
                <Show when={let id = last_event_id.clone(); move || !id.is_empty()}>
                    <span class="event-row-id" title="Last event ID">"#" {last_event_id.clone()}</span>
                </Show>
                <time class="event-row-time" data-testid="event-row-time">{time}</time>
            </button>
            <Show when=move || is_expanded.get()>
                <pre class="event-row-data" data-testid="event-row-data">{full.clone()}</pre>
            </Show>
        </li>
    }
    .into_any()
}
