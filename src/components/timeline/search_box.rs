//! `<SearchBox/>`: filters the timeline by event type or data as you type (case-insensitive),
//! committing the filter after a short pause so a fast typist does not re-scan on every key, or
//! at once on Enter.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;

use crate::state::TimelineState;

/// Pause in typing after which the search runs.
const DEBOUNCE: Duration = Duration::from_millis(120);

#[component]
pub fn SearchBox() -> impl IntoView {
    let timeline = TimelineState::expect();
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    let cancel_pending = move || {
        // Also run by the cleanup, which Leptos runs before it disposes `pending`.
        if let Some(handle) = pending.write_value().take() {
            handle.clear();
        }
    };
    let commit = move |text: String| {
        if timeline.filter.with_untracked(|filter| filter.text != text) {
            timeline.filter.update(|filter| filter.text = text);
        }
    };
    let on_input = move |event| {
        let text = event_target_value(&event);
        cancel_pending();
        pending.set_value(set_timeout_with_handle(move || commit(text), DEBOUNCE).ok());
    };
    let on_keydown = move |event: ev::KeyboardEvent| {
        if event.key() == "Enter" {
            cancel_pending();
            commit(event_target_value(&event));
        }
    };
    on_cleanup(cancel_pending);
    view! {
        <input type="search" class="timeline-search" node_ref=timeline.search_input
            placeholder="Search type or data (Ctrl+F)" aria-label="Search events"
            data-testid="timeline-search" on:input=on_input on:keydown=on_keydown/>
    }
}
