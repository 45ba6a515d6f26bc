//! `<ChunkList/>`: the run's network chunks (each `ReadableStream` read) instead of its events:
//! when each arrived, its size, and the events it carried — an event split across chunks shows
//! in both, marked. Clicking an event number opens it. The newest chunks are listed first (or
//! last, with the timeline's order); older ones a page at a time.

use leptos::prelude::*;

use crate::model::present::format::{format_bytes, format_duration_ms};
use crate::model::present::timeline_window::Order;
use crate::model::session::log::ChunkView;
use crate::state::{AppState, TimelineState};

/// Chunks listed at first, and added by "Show more".
const PAGE: usize = 200;

#[component]
pub fn ChunkList() -> impl IntoView {
    let state = AppState::expect();
    let timeline = TimelineState::expect();
    let shown = RwSignal::new(PAGE);
    let total = timeline.read_log(state, |log| log.chunk_count());
    let chunks = move || {
        let (total, shown) = (total(), shown.get());
        let newest: Vec<ChunkView> = state.log.with_value(|log| {
            (total.saturating_sub(shown)..total)
                .rev()
                .filter_map(|index| log.chunk(index))
                .collect()
        });
        match timeline.order.get() {
            Order::NewestFirst => newest,
            Order::OldestFirst => newest.into_iter().rev().collect(),
        }
    };
    let open = move |index: usize| {
        timeline.shows_chunks.set(false);
        timeline.select(index);
    };
    view! {
        <div class="chunk-list" data-testid="chunk-list">
            <Show when=move || total() == 0>
                <p class="timeline-empty">"No network chunks of an event stream yet."</p>
            </Show>
            <ol>
                {move || chunks().into_iter().map(|chunk| {
                    let events = chunk.events.clone();
                    let carried = match events.len() {
                        0 => "no event (comments or blank lines)".to_owned(),
                        1 | 2 => String::new(),
                        n => format!("{n} events:"),
                    };
                    // The first and the last (a big read can carry thousands).
                    let buttons: Vec<usize> = if events.len() <= 2 {
                        events.clone().collect()
                    } else {
                        vec![events.start, events.end - 1]
                    };
                    let between = (events.len() > 2).then_some("–");
                    view! {
                        <li class="chunk-row" data-testid="chunk-row">
                            <span class="chunk-number">{format!("chunk {}", chunk.index + 1)}</span>
                            <span class="chunk-time">{format!("+{}", format_duration_ms(chunk.at_ms))}</span>
                            <span class="chunk-size">{format_bytes(chunk.span.end - chunk.span.start)}</span>
                            <span class="chunk-events" data-testid="chunk-events">
                                {carried}
                                {chunk.continues_earlier.then(|| view! { <span class="chunk-split" title="This event began in an earlier chunk">"…"</span> })}
                                {buttons.iter().enumerate().map(|(position, &index)| view! {
                                    {(position == 1).then_some(between).flatten()}
                                    <button type="button" class="chunk-event" on:click=move |_| open(index)>{format!("#{}", index + 1)}</button>
                                }).collect_view()}
                                {chunk.continues_later.then(|| view! { <span class="chunk-split" title="This event goes on in a later chunk">"…"</span> })}
                            </span>
                        </li>
                    }
                }).collect_view()}
            </ol>
            <Show when=move || shown.get() < total()>
                <button type="button" class="button button-small" data-testid="chunks-more"
                    on:click=move |_| shown.update(|shown| *shown += PAGE)>
                    {move || format!("Show {} older chunks", PAGE.min(total() - shown.get()))}
                </button>
            </Show>
        </div>
    }
}
