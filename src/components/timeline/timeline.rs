//! `<Timeline/>`: the toolbar with the event counter (connection entries not counted) and the
//! current run's entries.

use leptos::prelude::*;

use super::run_entries::RunEntries;
use crate::model::clock::format_bytes;
use crate::model::diagnostics::limit_notice;
use crate::state::AppState;

#[component]
pub fn Timeline() -> impl IntoView {
    let state = AppState::expect();
    // Everything here re-reads the log when it is refreshed (at most once per frame).
    let event_count = state.read_log(|log| log.event_count());
    let bytes = state.read_log(|log| log.bytes_received());
    // Memoised: changes once per Send, when the list below is rebuilt for the new run.
    let limit_notice = state.read_log(|log| limit_notice(log.discarded()));
    let run_id = Memo::new(move |_| state.read_log(|log| log.run_id)());
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
            {move || limit_notice().map(|notice| view! {
                <p class="timeline-notice" role="status" data-testid="timeline-notice">{notice}</p>
            })}
            <Show
                when=move || run_id.get() != 0
                fallback=|| view! {
                    <p class="timeline-empty">"Press " <kbd>"Send"</kbd> " (or " <kbd>"Ctrl+Enter"</kbd> ") to connect and watch events arrive."</p>
                }
            >
                // Rebuilt for each run, so no row of the previous run is ever reused.
                {move || {
                    run_id.track();
                    view! { <RunEntries/> }
                }}
            </Show>
        </div>
    }
}
