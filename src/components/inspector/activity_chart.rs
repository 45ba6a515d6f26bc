//! `<ActivityChart/>`: events over time as bars, with a tick under the axis for each network
//! chunk (a few hundred at most), and a histogram of the gaps between events — where bursts and
//! stalls show at a glance. Plain SVG, drawn from the log's running counts.

use leptos::prelude::*;

use crate::model::present::format::format_duration_ms;
use crate::model::session::activity::GAP_BUCKETS;
use crate::state::{AppState, TimelineState};

/// Bars in the events-over-time chart.
const BARS: usize = 60;
/// Chunk ticks drawn at most.
const CHUNK_TICKS: usize = 300;
/// The chart's drawing size (SVG user units; it scales to the panel's width).
const WIDTH: f64 = 300.0;
const BARS_HEIGHT: f64 = 60.0;

/// What the charts draw.
#[derive(Debug, Clone, PartialEq)]
struct Drawn {
    bars: Vec<u32>,
    bar_ms: f64,
    chunks: Vec<f64>,
    gaps: [u64; 6],
    until_ms: f64,
}

#[component]
pub fn ActivityChart() -> impl IntoView {
    let state = AppState::expect();
    let timeline = TimelineState::expect();
    let drawn = timeline.read_log(state, |log| {
        let until_ms = log
            .closed
            .as_ref()
            .map(|closed| closed.at_ms)
            .or(log.last_chunk_ms())?;
        let activity = log.activity();
        let (bars, bar_ms) = activity.bars(until_ms, BARS);
        Some(Drawn {
            bars,
            bar_ms,
            chunks: log.chunk_times(CHUNK_TICKS),
            gaps: activity.gaps(),
            until_ms,
        })
    });
    move || {
        let drawn = drawn()?;
        let span_ms = drawn.bars.len() as f64 * drawn.bar_ms;
        let most = drawn.bars.iter().copied().max().unwrap_or(0).max(1);
        let bar_width = WIDTH / drawn.bars.len().max(1) as f64;
        let bars = drawn
            .bars
            .iter()
            .enumerate()
            .filter(|(_, count)| **count > 0)
            .map(|(index, count)| {
                let height = f64::from(*count) / f64::from(most) * BARS_HEIGHT;
                view! {
                    <rect class="chart-bar" x=index as f64 * bar_width y=BARS_HEIGHT - height
                        width=(bar_width - 0.5).max(0.5) height=height>
                        <title>{format!("{count} events at +{}", format_duration_ms(index as f64 * drawn.bar_ms))}</title>
                    </rect>
                }
            })
            .collect_view();
        let ticks = drawn
            .chunks
            .iter()
            .map(|at_ms| {
                let x = at_ms / span_ms.max(1.0) * WIDTH;
                view! { <line class="chart-chunk" x1=x x2=x y1=BARS_HEIGHT + 2.0 y2=BARS_HEIGHT + 8.0/> }
            })
            .collect_view();
        let most_gaps = drawn.gaps.iter().copied().max().unwrap_or(0).max(1);
        let gap_width = WIDTH / GAP_BUCKETS.len() as f64;
        let gaps = GAP_BUCKETS
            .iter()
            .zip(drawn.gaps)
            .enumerate()
            .map(|(index, ((label, _), count))| {
                let height = count as f64 / most_gaps as f64 * 40.0;
                let x = index as f64 * gap_width;
                view! {
                    <rect class="chart-bar" x=x + 4.0 y=40.0 - height width=gap_width - 8.0 height=height>
                        <title>{format!("{count} gaps of {label}")}</title>
                    </rect>
                    <text class="chart-label" x=x + gap_width / 2.0 y=52.0 text-anchor="middle">{*label}</text>
                }
            })
            .collect_view();
        Some(view! {
            <h4 class="inspector-subtitle">"Events over time"</h4>
            <svg class="chart" data-testid="activity-chart" viewBox=format!("0 0 {WIDTH} {}", BARS_HEIGHT + 18.0)
                role="img" aria-label="Events over time; ticks below mark network chunks">
                {bars}
                <line class="chart-axis" x1=0 x2=WIDTH y1=BARS_HEIGHT y2=BARS_HEIGHT/>
                {ticks}
                <text class="chart-label" x=0 y=BARS_HEIGHT + 17.0>"0"</text>
                <text class="chart-label" x=WIDTH y=BARS_HEIGHT + 17.0 text-anchor="end">
                    {format_duration_ms(drawn.until_ms)}
                </text>
            </svg>
            <h4 class="inspector-subtitle">"Gaps between events"</h4>
            <svg class="chart" data-testid="gap-histogram" viewBox=format!("0 0 {WIDTH} 56")
                role="img" aria-label="How many gaps between events fell in each range">
                {gaps}
            </svg>
        })
    }
}
