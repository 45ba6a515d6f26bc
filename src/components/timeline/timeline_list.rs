//! `<TimelineList/>`: the current run's rows in a scroll box that only puts the rows in view (and
//! a few more) in the DOM, however many events the run has. Follows the newest entry until the
//! user scrolls away; arrow keys move the selection and Enter opens it in the inspector.

use leptos::ev;
use leptos::html::Div;
use leptos::prelude::*;

use crate::io::resize;

use super::close_entry::CloseEntry;
use super::connection_entry::ConnectionEntry;
use super::event_row::EventRow;
use super::reconnection_entry::ReconnectionEntry;
use crate::components::Mounted;
use crate::model::present::timeline_window::{Entry, Order, Rows, Viewport};
use crate::state::TimelineState;

/// Height of every row, in CSS px (the stylesheet's `.timeline-entry` height).
const ROW_PX: f64 = 28.0;

/// A drawn row, keyed so that a row is created once and reused while it stays in view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Item {
    Connection(usize),
    Event(usize),
    Close,
}

#[component]
pub fn TimelineList() -> impl IntoView {
    let timeline = TimelineState::expect();
    let scroller = NodeRef::<Div>::new();
    let scroll_top = RwSignal::new(0.0);
    let viewport_px = RwSignal::new(0.0);
    // The scroll top we set ourselves, so that its scroll event is not taken for the user's.
    let set_by_us = StoredValue::new(None::<f64>);
    let viewport = move || Viewport {
        scroll_top: scroll_top.get(),
        height: viewport_px.get(),
        row_px: ROW_PX,
    };
    let window = Memo::new(move |_| viewport().window(timeline.rows().len()));
    let items = move || {
        let rows = timeline.rows();
        let window = window.get();
        (window.first..window.end)
            .filter_map(|row| match rows.entry(row)? {
                Entry::Connection(connection) => Some(Item::Connection(connection)),
                Entry::Close => Some(Item::Close),
                Entry::Event(position) => timeline.event_index(position).map(Item::Event),
            })
            .collect::<Vec<_>>()
    };
    // These run in animation frames, only while the list is mounted (see `Mounted`).
    let mounted = Mounted::new();
    let scroll_to = move |top: f64| {
        if let Some(element) = scroller.get_untracked() {
            set_by_us.set_value(Some(top));
            element.set_scroll_top(top as i32);
            scroll_top.set(f64::from(element.scroll_top()));
        }
    };
    let measure = move || {
        if let Some(element) = scroller.get_untracked() {
            viewport_px.set(f64::from(element.client_height()));
            scroll_top.set(f64::from(element.scroll_top()));
        }
    };
    // Follow: after each refresh, keep the newest row in view; when not following and the newest
    // rows arrive at the top, keep the rows the user is looking at where they are.
    let previous_rows = StoredValue::new(None::<Rows>);
    let frames = mounted.clone();
    Effect::new(move |_| {
        let rows = timeline.rows();
        let window = window.get_untracked();
        let before = previous_rows.get_value();
        previous_rows.set_value(Some(rows.clone()));
        if timeline.is_following.get_untracked() {
            let newest = match rows.order {
                Order::NewestFirst => 0.0,
                Order::OldestFirst => window.content_px,
            };
            // After layout, and only if the user has not scrolled away meanwhile.
            frames.next_frame(move || {
                if timeline.is_following.get_untracked() {
                    scroll_to(newest);
                }
            });
        } else if let Some(before) = before
            && rows.order == Order::NewestFirst
            && before.order == rows.order
            && rows.len() > before.len()
        {
            let added = (rows.len() - before.len()) as f64 * ROW_PX;
            frames.next_frame(move || {
                if !timeline.is_following.get_untracked() {
                    scroll_to(scroll_top.get_untracked() + added);
                }
            });
        }
    });
    let on_scroll = move |_| {
        let Some(element) = scroller.get_untracked() else {
            return;
        };
        let top = f64::from(element.scroll_top());
        let height = f64::from(element.client_height());
        scroll_top.set(top);
        viewport_px.set(height);
        if set_by_us
            .write_value()
            .take()
            .is_some_and(|ours| (ours - top).abs() < 2.0)
        {
            return;
        }
        let at_newest_end = match timeline.order.get_untracked() {
            Order::NewestFirst => top < ROW_PX / 2.0,
            Order::OldestFirst => top + height >= window.get_untracked().content_px - ROW_PX / 2.0,
        };
        timeline.is_following.set(at_newest_end);
    };
    // Its height changes with the window, a splitter, a folded panel: measured again each time.
    let watching = StoredValue::new_local(None::<resize::ResizeWatch>);
    mounted.next_frame(move || {
        measure();
        if let Some(element) = scroller.get_untracked() {
            watching.set_value(resize::watch(element.as_ref(), measure));
        }
    });

    // Arrow keys move the selection one shown event up or down; Enter opens or closes the
    // inspector; the view scrolls as little as needed to keep the selection in sight.
    let on_keydown = move |event: ev::KeyboardEvent| {
        let rows = untrack(move || timeline.rows());
        let step: isize = match event.key().as_str() {
            "ArrowDown" => 1,
            "ArrowUp" => -1,
            "Enter" => {
                timeline.toggle_inspector();
                return;
            }
            "Escape" => {
                timeline.is_inspecting.set(false);
                return;
            }
            _ => return,
        };
        event.prevent_default();
        if rows.events == 0 {
            return;
        }
        let current_row = timeline
            .selected
            .get_untracked()
            .and_then(|index| timeline.position_of(index))
            .map(|position| rows.row_of_event(position));
        let mut row = match current_row {
            Some(row) => row.saturating_add_signed(step),
            None => rows.newest_row(),
        };
        // Skip the connection and close entries.
        while let Some(entry) = rows.entry(row) {
            if let Entry::Event(position) = entry {
                if let Some(index) = timeline.event_index(position) {
                    timeline.selected.set(Some(index));
                    timeline.is_following.set(false);
                    scroll_to(viewport().reveal(row, rows.len()));
                }
                return;
            }
            let Some(next) = row.checked_add_signed(step) else {
                return;
            };
            row = next;
        }
    };

    view! {
        // A listbox for assistive technology: its count in its name, the selected event as its
        // active descendant (the rows are options; the entries that are not events, disabled ones).
        <div class="timeline-scroll" node_ref=scroller tabindex="0" role="listbox"
            aria-label=move || format!("Timeline, {} events", timeline.shown.with(|shown| shown.events))
            aria-activedescendant=move || timeline.selected.get().map(|index| format!("event-{index}"))
            on:scroll=on_scroll on:keydown=on_keydown data-testid="timeline-scroll">
            <div class="timeline-content" style:height=move || format!("{}px", window.get().content_px)>
                <ol class="timeline-list" role="presentation" data-testid="timeline-list"
                    style:transform=move || format!("translateY({}px)", window.get().top_px)>
                    <For each=items key=|item| *item let:item>
                        {match item {
                            Item::Connection(0) => view! { <ConnectionEntry/> }.into_any(),
                            Item::Connection(connection) => {
                                view! { <ReconnectionEntry connection=connection/> }.into_any()
                            }
                            Item::Close => view! { <CloseEntry/> }.into_any(),
                            Item::Event(index) => view! { <EventRow index=index/> }.into_any(),
                        }}
                    </For>
                </ol>
            </div>
        </div>
    }
}
