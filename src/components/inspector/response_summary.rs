//! `<ResponseSummary/>`: the current run's request, status, timing and response headers, shown
//! in the inspector while no event is open.

use leptos::prelude::*;

use super::activity_chart::ActivityChart;
use super::timing_figures::TimingFigures;
use crate::state::{AppState, TimelineState};

#[component]
pub fn ResponseSummary() -> impl IntoView {
    let state = AppState::expect();
    let timeline = TimelineState::expect();
    let response = timeline.read_log(state, |log| {
        let (position, head, latency_ms) = log.latest_response()?;
        let total = log.connections().len();
        let latency = if total > 1 {
            format!(
                "{latency_ms:.0} ms (connection {} of {total})",
                position + 1
            )
        } else {
            format!("{latency_ms:.0} ms")
        };
        Some((
            log.target.clone(),
            (head.status_line(), head.status_class()),
            latency,
            head.headers.clone(),
        ))
    });
    move || {
        match response() {
        None => view! {
            <p class="inspector-empty">"Select an event to inspect its data, raw bytes and hex. Arrow keys move, Enter opens."</p>
        }
        .into_any(),
        Some((target, status, latency, headers)) => view! {
            <section class="response-summary" data-testid="response-summary">
                <h3 class="inspector-title">"Response"</h3>
                <p><code>{target}</code></p>
                <p><span class=status.1>{status.0}</span> " · headers after " {latency}</p>
                <TimingFigures/>
                <ActivityChart/>
                <h4 class="inspector-subtitle">"Headers"</h4>
                <dl class="inspector-fields" data-testid="response-headers">
                    {headers.into_iter().map(|(name, value)| view! { <dt>{name}</dt><dd>{value}</dd> }).collect_view()}
                </dl>
            </section>
        }
        .into_any(),
    }
    }
}
