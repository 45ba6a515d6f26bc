//! `<RunEntries/>`: one run's entries, newest at the top: the close entry, the events, and the
//! "Connected" entry at the bottom ("Connecting…" until the response head arrives).

use leptos::prelude::*;

use super::close_entry::CloseEntry;
use super::connection_entry::ConnectionEntry;
use super::event_row::EventRow;
use crate::state::AppState;

#[component]
pub fn RunEntries() -> impl IntoView {
    let state = AppState::expect();
    let event_count = state.read_log(|log| log.event_count());
    let is_event_stream = state.read_log(|log| {
        log.response
            .as_ref()
            .is_some_and(|head| head.is_event_stream)
    });
    let is_closed = state.read_log(|log| log.is_closed());
    let has_response = state.read_log(|log| log.response.is_some());
    // Event indices, newest first. Rows are keyed by index (this component is rebuilt per run), so
    // existing rows are never re-rendered.
    let newest_first = move || (0..event_count()).rev().collect::<Vec<_>>();
    view! {
        <ol class="timeline-list" data-testid="timeline-list" aria-live="polite">
            <Show when=is_closed><CloseEntry/></Show>
            <Show when=is_event_stream>
                <For each=newest_first key=|index| *index let:index>
                    <EventRow index=index/>
                </For>
            </Show>
            <Show when=has_response
                fallback=move || view! {
                    <Show when=move || !is_closed()>
                        <li class="timeline-entry timeline-pending">"Connecting…"</li>
                    </Show>
                }
            >
                <ConnectionEntry/>
            </Show>
        </ol>
    }
}
