//! `<VariableHints/>`: the `{{variables}}` the request uses, each marked defined or unknown in the
//! active environment, so a missing one shows before Send refuses it.

use leptos::prelude::*;

use crate::model::request::draft::RequestDraft;
use crate::state::{AppState, Library};

#[component]
pub fn VariableHints() -> impl IntoView {
    let state = AppState::expect();
    let library = Library::expect();
    let hints = move || {
        let environment = library.environment_tracked();
        state
            .draft
            .with(RequestDraft::variable_names)
            .into_iter()
            .map(|name| {
                let is_known = environment
                    .as_ref()
                    .is_some_and(|environment| environment.get(&name).is_some());
                (name, is_known)
            })
            .collect::<Vec<_>>()
    };
    view! {
        <Show when=move || !hints().is_empty()>
            <p class="variable-hints" data-testid="variable-hints">
                "Variables: "
                {move || hints().into_iter().map(|(name, is_known)| view! {
                    <span class="variable-hint" class:is-unknown=!is_known data-testid="variable-hint"
                        data-known=is_known.to_string()
                        title=if is_known { "Defined in the active environment" } else { "Not defined in the active environment" }>
                        {format!("{{{{{name}}}}}")} {if is_known { " ✓" } else { " unknown" }}
                    </span>
                }).collect_view()}
            </p>
        </Show>
    }
}
