//! `<TypeChips/>`: one chip per event type seen (the 50 most frequent, then "N more types"),
//! with its count. Clicking a chip shows only that type (several can be chosen); its ✕ hides
//! the type instead.

use leptos::prelude::*;

use crate::model::present::badge::BadgeTone;
use crate::state::{AppState, TimelineState};

#[component]
pub fn TypeChips() -> impl IntoView {
    let state = AppState::expect();
    let timeline = TimelineState::expect();
    let read = timeline.read_log(state, move |log| {
        timeline
            .filter
            .with(|filter| filter.chips(log.type_counts()))
    });
    let chips = Memo::new(move |_| read());
    let counts = move || chips.with(|chips| chips.0.clone());
    let left_out = move || chips.with(|chips| chips.1);
    view! {
        <div class="type-chips" role="group" aria-label="Event types" data-testid="type-chips">
            <For each=counts key=|chip| chip.clone() let:chip>
                {
                    let (name, count) = chip;
                    let tone = BadgeTone::of(&name).class();
                    let only = name.clone();
                    let hide = name.clone();
                    let is_only = { let name = name.clone(); Memo::new(move |_| timeline.filter.with(|f| f.only_types.contains(&name))) };
                    let is_hidden = { let name = name.clone(); Memo::new(move |_| timeline.filter.with(|f| f.hidden_types.contains(&name))) };
                    view! {
                        <span class="type-chip" class:is-only=is_only class:is-hidden=is_hidden
                            data-testid="type-chip" data-event-type=name.clone()>
                            <button type="button" class="type-chip-name" data-testid="type-chip-only" aria-pressed=move || is_only.get().to_string()
                                title="Show only this type (click again to show all)"
                                on:click=move |_| timeline.filter.update(|filter| filter.toggle_only(&only))>
                                <span class=tone>{name.clone()}</span>
                                <span class="type-chip-count" data-testid="type-chip-count">{count}</span>
                            </button>
                            <button type="button" class="type-chip-hide" aria-label=format!("Hide {name}")
                                aria-pressed=move || is_hidden.get().to_string()
                                on:click=move |_| timeline.filter.update(|filter| filter.toggle_hidden(&hide))>"✕"</button>
                        </span>
                    }
                }
            </For>
            {move || (left_out() > 0).then(|| view! {
                <span class="type-chips-more" data-testid="type-chips-more"
                    title="Only the most frequent types get a chip; search finds any type">
                    {format!("{} more types", left_out())}
                </span>
            })}
        </div>
    }
}
