//! `<TimingFigures/>`: the run's timing — to headers, first byte and first event; events and
//! bytes per second; the longest silence between two events (and which); the duration.

use leptos::prelude::*;

use crate::model::analysis::timing::Timing;
use crate::model::present::format::{format_bytes, format_duration_ms};
use crate::state::{AppState, TimelineState};

#[component]
pub fn TimingFigures() -> impl IntoView {
    let state = AppState::expect();
    let timeline = TimelineState::expect();
    let timing = timeline.read_log(state, Timing::of);
    let figures = move || {
        let timing = timing();
        let ms = |value: Option<f64>| value.map(format_duration_ms);
        [
            ("Headers after", ms(timing.to_headers_ms)),
            ("First byte after", ms(timing.to_first_byte_ms)),
            ("First event after", ms(timing.to_first_event_ms)),
            (
                "Events per second",
                timing.events_per_s.map(|rate| format!("{rate:.1}")),
            ),
            (
                "Bytes per second",
                timing
                    .bytes_per_s
                    .map(|rate| format!("{}/s", format_bytes(rate.round() as u64))),
            ),
            (
                "Largest gap",
                // Events that all came at once have no gap worth naming.
                timing.largest_gap.filter(|(gap, _)| *gap >= 1.0).map(|(gap, after)| {
                    format!("{} before event #{}", format_duration_ms(gap), after + 1)
                }),
            ),
            ("Duration", ms(timing.duration_ms)),
        ]
        .into_iter()
        .filter_map(|(label, value)| {
            value.map(|value| view! { <dt>{label}</dt><dd data-testid="timing-value" data-label=label>{value}</dd> })
        })
        .collect_view()
    };
    view! {
        <h4 class="inspector-subtitle">"Timing"</h4>
        <dl class="inspector-fields" data-testid="timing">{figures}</dl>
    }
}
