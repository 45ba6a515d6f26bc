//! `<EventRow/>`: one dispatched event on one fixed-height line: arrow, type badge, data preview
//! with search matches highlighted, last event ID, time of day, offset from the request start,
//! gap since the previous event, and size. Event data is set as text, never as HTML.

use leptos::prelude::*;

use crate::components::Highlighted;
use crate::model::present::badge::BadgeTone;
use crate::model::present::format::{format_bytes, format_duration_ms};
use crate::model::present::json_text::{first_line_preview, preview_at_match};
use crate::model::session::search::Query;
use crate::state::{AppState, TimelineState};

/// Characters of data put in the one-line preview (CSS cuts it to the row width): a wide row's
/// worth, since the browser lays out all of it for every row drawn, each frame while a stream
/// floods in. With a search, the preview starts near the match instead.
const PREVIEW_CHARS: usize = 120;

#[component]
pub fn EventRow(index: usize) -> impl IntoView {
    let state = AppState::expect();
    let timeline = TimelineState::expect();
    // Events never change once logged, so the row reads its event once.
    let Some(row) = state.log.with_value(|log| {
        let event = log.event(index)?;
        Some(RowText {
            event_type: event.event_type.to_owned(),
            preview: first_line_preview(event.data, PREVIEW_CHARS),
            last_event_id: event.last_event_id.to_owned(),
            time: log.time_of_day(event.at_ms),
            offset: format!("+{}", format_duration_ms(event.at_ms)),
            gap: format!("Δ{}", format_duration_ms(event.gap_ms)),
            size: format_bytes(event.data.len() as u64),
            size_title: format!(
                "{} bytes of data, {} bytes on the wire",
                event.data.len(),
                event.wire_bytes()
            ),
        })
    }) else {
        return ().into_any();
    };
    let preview = row.preview;
    // With a search, the preview starts near the first match so that it is in sight.
    let pieces = move || {
        let query = timeline.filter.with(|filter| Query::new(&filter.text));
        let text = query
            .as_ref()
            .and_then(|query| {
                state.log.with_value(|log| {
                    let data = log.event(index)?.data;
                    let at = query.find_from(data.as_bytes(), 0)?;
                    Some(preview_at_match(data, at, PREVIEW_CHARS))
                })
            })
            .unwrap_or_else(|| preview.clone());
        view! { <Highlighted text=text query=query/> }
    };
    let is_selected = move || timeline.selected.get() == Some(index);
    view! {
        <li class="timeline-entry event-row" class:is-selected=is_selected role="option"
            id=format!("event-{index}") aria-selected=move || is_selected().to_string()
            aria-setsize=untrack(move || timeline.shown.with(|shown| shown.events))
            aria-posinset=timeline.position_of(index).map(|position| position + 1)
            data-testid="event-row" data-event-type=row.event_type.clone() data-index=index
            on:click=move |_| timeline.select(index)>
            <span class="event-row-arrow" aria-label="received">"↓"</span>
            <span class=BadgeTone::of(&row.event_type).class() data-testid="event-row-type">{row.event_type.clone()}</span>
            <span class="event-row-preview" data-testid="event-row-preview">{pieces}</span>
            {(!row.last_event_id.is_empty()).then(|| view! {
                <span class="event-row-id" title="Last event ID">"#" {row.last_event_id}</span>
            })}
            <time class="event-row-time" data-testid="event-row-time">{row.time}</time>
            <span class="event-row-figure" title="Time since the request started">{row.offset}</span>
            <span class="event-row-figure" title="Time since the previous event">{row.gap}</span>
            <span class="event-row-figure" title=row.size_title data-testid="event-row-size">{row.size}</span>
        </li>
    }
    .into_any()
}

/// What a row shows, read from the log once.
struct RowText {
    event_type: String,
    preview: String,
    last_event_id: String,
    time: String,
    offset: String,
    gap: String,
    size: String,
    size_title: String,
}
