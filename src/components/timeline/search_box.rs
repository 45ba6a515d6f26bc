//! `<SearchBox/>`: filters the timeline by event type or data as you type (case-insensitive),
//! committing the filter after a short pause so a fast typist does not re-scan on every key.

use std::time::Duration;

use leptos::prelude::*;

use crate::state::TimelineState;

/// Pause in typing after which the search runs.
const DEBOUNCE: Duration = Duration::from_millis(120);

#[component]
pub fn SearchBox() -> impl IntoView {
    let timeline = TimelineState::expect();
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    let on_input = move |event| {
        let text = event_target_value(&event);
        if let Some(handle) = pending.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || timeline.filter.update(|filter| filter.text = text),
            DEBOUNCE,
        );
        pending.set_value(handle.ok());
    };
    on_cleanup(move || {
        if let Some(handle) = pending.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    });
    view! {
        <input type="search" class="timeline-search" node_ref=timeline.search_input
            placeholder="Search type or data (Ctrl+F)" aria-label="Search events"
            data-testid="timeline-search" on:input=on_input/>
    }
}
