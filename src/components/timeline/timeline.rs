//! `<Timeline/>`: the run's entries, newest at the top: the close entry, the events, and the
//! "Connected" entry at the bottom, with a counter of events (connection entries not counted).

use leptos::prelude::*;

use super::close_entry::CloseEntry;
use super::connection_entry::ConnectionEntry;
use super::event_row::EventRow;
use crate::model::clock::format_bytes;
use crate::state::AppState;

#[component]
pub fn Timeline() -> impl IntoView {
    let state = AppState::expect();
    // Everything here re-reads the log when it is refreshed (at most once per frame).
    let event_count = state.read_log(|log| log.event_count());
    let bytes = state.read_log(|log| log.bytes_received());
    let has_run = state.read_log(|log| !log.target.is_empty());
    let is_event_stream = state.read_log(|log| {
        log.response
            .as_ref()
            .is_some_and(|head| head.is_event_stream)
    });
    let is_closed = state.read_log(|log| log.is_closed());
    let has_response = state.read_log(|log| log.response.is_some());
    // Event indices, newest first. Rows are keyed by index: existing rows are never re-rendered.
    let newest_first = move || (0..event_count()).rev().collect::<Vec<_>>();
    let count_label = move || match event_count() {
        1 => "1 event".to_owned(),
        count => format!("{count} events"),
    };

    view! {
        <div class="timeline" data-testid="timeline">
            <div class="timeline-toolbar">
                <h2 class="timeline-title">"Events"</h2>
                <span class="timeline-count" data-testid="timeline-count">{count_label}</span>
                <span class="timeline-bytes" title="Body bytes received">{move || format_bytes(bytes())}</span>
                <Show when=move || state.is_streaming.get()>
                    <span class="timeline-live" data-testid="timeline-live">"● live"</span>
                </Show>
            </div>
            <Show
                when=has_run
                fallback=|| view! {
                    <p class="timeline-empty">"Press " <kbd>"Send"</kbd> " (or " <kbd>"Ctrl+Enter"</kbd> ") to connect and watch events arrive."</p>
                }
            >
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
            </Show>
        </div>
    }
}
