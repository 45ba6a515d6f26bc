//! `<VariableHints/>`: the `{{variables}}` the request uses, each marked defined or unknown in the
//! active environment, so a missing one shows before Send refuses it.

use leptos::prelude::*;

use crate::model::variables::references;
use crate::state::{AppState, Library};

#[component]
pub fn VariableHints() -> impl IntoView {
    let state = AppState::expect();
    let library = Library::expect();
    let hints = move || {
        let environment = library.environment_tracked();
        let mut names: Vec<String> = state.draft.with(|draft| {
            let mut texts = vec![draft.url.as_str()];
            for row in draft.headers.iter().filter(|row| row.enabled) {
                texts.push(&row.name);
                texts.push(&row.value);
            }
            if draft.method.has_body() {
                texts.push(&draft.body);
            }
            texts.extend(
                draft
                    .auth
                    .fields()
                    .iter()
                    .map(|field| draft.auth.get(*field)),
            );
            texts
                .into_iter()
                .flat_map(references)
                .map(|reference| reference.name)
                .collect()
        });
        names.dedup();
        let mut seen = std::collections::HashSet::new();
        names.retain(|name| seen.insert(name.clone()));
        names
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
