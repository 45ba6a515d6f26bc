//! `<ThemeToggle/>`: switches the colour theme: system (default) → light → dark.

use leptos::prelude::*;

use crate::state::AppState;

#[component]
pub fn ThemeToggle() -> impl IntoView {
    let state = AppState::expect();
    view! {
        <button type="button" class="button button-small" data-testid="theme-toggle"
            title="Colour theme: follows the system until you choose"
            on:click=move |_| state.settings.theme.update(|theme| *theme = theme.next())>
            {move || state.settings.theme.get().label()}
        </button>
    }
}
