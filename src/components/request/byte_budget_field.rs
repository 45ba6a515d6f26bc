//! `<ByteBudgetField/>`: how many MiB a session may receive before it is stopped (a setting of
//! the app, shared by every tab): an endless or hostile stream is cut off there, everything
//! received so far kept, instead of filling the tab's memory until the app dies.

use leptos::prelude::*;

use crate::state::AppState;

#[component]
pub fn ByteBudgetField() -> impl IntoView {
    let budget = AppState::expect().settings.byte_budget_mib;
    view! {
        <label class="byte-budget" title="A session that receives more is stopped there, keeping everything so far (a setting for every tab)">
            "Stop after "
            <input type="number" min="1" step="1" data-testid="byte-budget"
                prop:value=move || budget.get().to_string()
                on:change=move |event| {
                    if let Ok(mib) = event_target_value(&event).trim().parse::<u64>()
                        && mib > 0
                    {
                        budget.set(mib);
                    }
                }/>
            " MiB"
        </label>
    }
}
