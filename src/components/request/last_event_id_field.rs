//! `<LastEventIdField/>`: the `Last-Event-ID` the next Send carries, to resume a stream after an
//! event (set by hand, or by "Resume from here" on an event).

use leptos::prelude::*;

use crate::state::AppState;

#[component]
pub fn LastEventIdField() -> impl IntoView {
    let draft = AppState::expect().draft;
    view! {
        <label class="last-event-id" title="Sent as the Last-Event-ID header when not empty: a server that honours it resumes after that event">
            "Last-Event-ID "
            <input type="text" data-testid="last-event-id" spellcheck="false" placeholder="none"
                prop:value=move || draft.with(|draft| draft.last_event_id.clone())
                on:input=move |event| draft.update(|draft| draft.last_event_id = event_target_value(&event))/>
        </label>
    }
}
