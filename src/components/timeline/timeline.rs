//! `<Timeline/>`: the toolbar (counter, search, order, pause, events or chunks, clear), the type
//! chips, notices, and the current run's rows (or its network chunks).

use leptos::prelude::*;

use super::chunk_list::ChunkList;
use super::diagnostics_badge::DiagnosticsBadge;
use super::export_menu::ExportMenu;
use super::run_banner::RunBanner;
use super::search_box::SearchBox;
use super::timeline_list::TimelineList;
use super::type_chips::TypeChips;
use crate::model::analysis::diagnostics::limit_notice;
use crate::model::present::format::format_bytes;
use crate::model::present::timeline_window::Order;
use crate::state::{AppState, TimelineState};

#[component]
pub fn Timeline() -> impl IntoView {
    let state = AppState::expect();
    let timeline = TimelineState::expect();
    let bytes = state.read_log(|log| log.bytes_received());
    let limit_notice = state.read_log(|log| limit_notice(log.discarded()));
    let run_id = Memo::new(move |_| timeline.shown.get().run_id);
    let count_label = move || {
        let shown = timeline.shown.get();
        let noun = if shown.total_events == 1 {
            "event"
        } else {
            "events"
        };
        if timeline.filter.with(|filter| filter.is_active()) {
            format!("{} of {} {noun}", shown.events, shown.total_events)
        } else {
            format!("{} {noun}", shown.events)
        }
    };
    let order_label = move || match timeline.order.get() {
        Order::NewestFirst => "Newest first",
        Order::OldestFirst => "Oldest first",
    };
    let toggle_order = move |_| {
        timeline.order.update(|order| {
            *order = match order {
                Order::NewestFirst => Order::OldestFirst,
                Order::OldestFirst => Order::NewestFirst,
            }
        });
        timeline.is_following.set(true);
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
                <DiagnosticsBadge/>
                <SearchBox/>
                <button type="button" class="button button-small" data-testid="timeline-order"
                    title="Which end the newest events are at" on:click=toggle_order>{order_label}</button>
                <button type="button" class="button button-small" data-testid="timeline-pause"
                    aria-pressed=move || timeline.is_paused.get().to_string()
                    title="Keep receiving, stop updating the view"
                    on:click=move |_| timeline.is_paused.update(|paused| *paused = !*paused)>
                    {move || if timeline.is_paused.get() { "Resume view" } else { "Pause view" }}
                </button>
                <button type="button" class="button button-small" data-testid="timeline-view"
                    aria-pressed=move || timeline.shows_chunks.get().to_string()
                    title="List the network chunks (each read of the response body) and the events each carried"
                    on:click=move |_| timeline.shows_chunks.update(|shows| *shows = !*shows)>
                    {move || if timeline.shows_chunks.get() { "Show events" } else { "Show chunks" }}
                </button>
                <button type="button" class="button button-small" data-testid="timeline-clear"
                    title="Hide the events received so far" on:click=move |_| timeline.clear(state)>"Clear"</button>
                <ExportMenu/>
            </div>
            <TypeChips/>
            {move || limit_notice().map(|notice| view! {
                <p class="timeline-notice" role="status" data-testid="timeline-notice">{notice}</p>
            })}
            <Show
                when=move || run_id.get() != 0
                fallback=|| view! {
                    <p class="timeline-empty">"Press " <kbd>"Send"</kbd> " (or " <kbd>"Ctrl+Enter"</kbd> ") to connect and watch events arrive."</p>
                }
            >
                <RunBanner/>
                // Rebuilt for each run, so no row of the previous run is ever reused.
                {move || {
                    run_id.track();
                    if timeline.shows_chunks.get() {
                        view! { <ChunkList/> }.into_any()
                    } else {
                        view! { <TimelineList/> }.into_any()
                    }
                }}
                <Show when=move || !timeline.is_following.get()>
                    <button type="button" class="button button-small timeline-jump" data-testid="timeline-jump"
                        on:click=move |_| timeline.is_following.set(true)>
                        {move || match timeline.order.get() {
                            Order::NewestFirst => "↑ Jump to newest",
                            Order::OldestFirst => "↓ Jump to newest",
                        }}
                    </button>
                </Show>
            </Show>
        </div>
    }
}
