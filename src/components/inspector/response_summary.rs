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
        let head = log.response()?;
        // The latest connection's response; its time is from the connection's request.
        let connections = log.connections();
        let (number, sent_ms) = connections
            .last()
            .map_or((1, 0.0), |last| (connections.len(), last.sent_ms));
        let latency = if number > 1 {
            format!(
                "{:.0} ms (connection {number} of {number})",
                head.at_ms - sent_ms
            )
        } else {
            format!("{:.0} ms", head.at_ms)
        };
        Some((
            log.target.clone(),
            head.status_line(),
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
                <p><span class="status">{status}</span> " · headers after " {latency}</p>
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
