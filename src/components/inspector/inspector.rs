//! `<Inspector/>`: the selected event (when one is open), else the current run's response.

use leptos::prelude::*;

use super::event_inspector::EventInspector;
use super::response_summary::ResponseSummary;
use crate::state::TimelineState;

#[component]
pub fn Inspector() -> impl IntoView {
    let timeline = TimelineState::expect();
    let open = Memo::new(move |_| {
        timeline
            .selected
            .get()
            .filter(|_| timeline.is_inspecting.get())
    });
    view! {
        <aside class="inspector" aria-label="Inspector" data-testid="inspector">
            {move || match open.get() {
                Some(index) => view! { <EventInspector index=index/> }.into_any(),
                None => view! { <ResponseSummary/> }.into_any(),
            }}
        </aside>
    }
}
