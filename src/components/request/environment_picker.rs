//! `<EnvironmentPicker/>`: chooses the active environment, creates one, and edits its variables
//! (name, value, secret), and exports it for `sse-studio run --env`. Secret values are shown
//! masked.

use leptos::prelude::*;

use crate::model::request::variables::Secrets;
use crate::model::request::variables::Variable;
use crate::state::{AppState, Library, library_files};

#[component]
pub fn EnvironmentPicker() -> impl IntoView {
    let library = Library::expect();
    let is_editing = RwSignal::new(false);
    let on_choose = move |event| {
        let id = event_target_value(&event);
        library
            .active_environment
            .set((!id.is_empty()).then_some(id));
    };
    let add = move |_| {
        let count = library.environments.with_untracked(Vec::len) + 1;
        library.add_environment(format!("Environment {count}"));
        is_editing.set(true);
    };
    view! {
        <div class="environment-picker">
            <label>
                "Environment "
                <select data-testid="environment-select" on:change=on_choose
                    prop:value=move || library.active_environment.get().unwrap_or_default()>
                    <option value="">"None"</option>
                    // Each option says whether it is the active one: the environments are read after
                    // the page draws, and a value set on the select before its option exists is lost
                    // (after a reload the picker showed None).
                    // Drawn afresh when the list changes: a `<For>` costs ~3 KB of wasm.
                    {move || library.environments.get().into_iter().map(|environment| {
                        let id = environment.id.clone();
                        view! {
                            <option value=environment.id.clone()
                                prop:selected=move || library.active_environment.with(|active| active.as_deref() == Some(id.as_str()))>
                                {environment.name.clone()}
                            </option>
                        }
                    }).collect_view()}
                </select>
            </label>
            <button type="button" class="button button-small" data-testid="environment-add" on:click=add>"+ New"</button>
            <Show when=move || library.environment_tracked().is_some()>
                <button type="button" class="button button-small" data-testid="environment-edit"
                    aria-pressed=move || is_editing.get().to_string()
                    on:click=move |_| is_editing.update(|editing| *editing = !*editing)>"Variables"</button>
            </Show>
        </div>
        <Show when=move || is_editing.get() && library.environment_tracked().is_some()>
            <EnvironmentEditor/>
        </Show>
    }
}

#[component]
fn EnvironmentEditor() -> impl IntoView {
    let library = Library::expect();
    let toaster = AppState::expect().toaster;
    // Each change writes the whole environment record.
    let change =
        move |edit: Box<dyn FnOnce(&mut crate::model::request::variables::Environment)>| {
            if let Some(mut environment) = library.environment() {
                edit(&mut environment);
                library.put_environment(environment);
            }
        };
    // A row is keyed by its variable's id, and its fields read that variable: editing a name or
    // value changes no key, so no row is rebuilt under the cursor (keyed by the whole variable,
    // the row was rebuilt on Tab and the value typed next was lost); and an edit reaches the
    // variable it was typed into even after another tab removed a row above it.
    let rows = move || {
        library
            .environment_tracked()
            .map_or_else(Vec::new, |environment| {
                environment
                    .variables
                    .iter()
                    .map(|v| v.id)
                    .collect::<Vec<_>>()
            })
    };
    let read = move |id: u64| {
        move || {
            library
                .environment_tracked()
                .and_then(|environment| environment.variables.into_iter().find(|v| v.id == id))
                .unwrap_or_default()
        }
    };
    // Another tab may have removed the variable meanwhile: change it only if it is still there.
    let change_variable = move |id: u64, edit: Box<dyn FnOnce(&mut Variable)>| {
        change(Box::new(move |environment| {
            if let Some(variable) = environment.variables.iter_mut().find(|v| v.id == id) {
                edit(variable);
            }
        }));
    };
    view! {
        <fieldset class="environment-editor" data-testid="environment-editor">
            <legend>
                <input aria-label="Environment name" data-testid="environment-name"
                    prop:value=move || library.environment_tracked().map(|e| e.name).unwrap_or_default()
                    on:change=move |event| {
                        let name = event_target_value(&event);
                        change(Box::new(move |environment| environment.name = name));
                    }/>
            </legend>
            <For each=rows key=|id| *id let:id>
                {
                    // Each field changes only when its own value does: a change elsewhere (another
                    // tab removing a row, or renaming this variable) must not reset text being
                    // typed into it.
                    let name = Memo::new(move |_| read(id)().name);
                    let value = Memo::new(move |_| read(id)().value);
                    let is_secret = Memo::new(move |_| read(id)().is_secret);
                    view! {
                    <div class="variable-row" data-testid="variable-row">
                        <input aria-label="Variable name" placeholder="name" data-testid="variable-name"
                            prop:value=name
                            on:change=move |event| {
                                let name = event_target_value(&event);
                                change_variable(id, Box::new(move |variable| variable.name = name));
                            }/>
                        <input aria-label="Variable value" placeholder="value" data-testid="variable-value"
                            prop:value=value
                            type=move || if is_secret.get() { "password" } else { "text" }
                            on:change=move |event| {
                                let value = event_target_value(&event);
                                change_variable(id, Box::new(move |variable| variable.value = value));
                            }/>
                        <label class="variable-secret">
                            <input type="checkbox" prop:checked=is_secret data-testid="variable-secret"
                                on:change=move |event| {
                                    let checked = event_target_checked(&event);
                                    change_variable(id, Box::new(move |variable| variable.is_secret = checked));
                                }/>
                            "secret"
                        </label>
                        <button type="button" class="button button-small" aria-label="Remove variable"
                            on:click=move |_| change(Box::new(move |environment| environment.variables.retain(|v| v.id != id)))>"×"</button>
                    </div>
                    }
                }
            </For>
            <button type="button" class="button button-small" data-testid="variable-add"
                on:click=move |_| change(Box::new(|environment| { environment.add_variable(); }))>
                "+ Add variable"
            </button>
            <button type="button" class="button button-small" data-testid="environment-export"
                title="For sse-studio run --env: secret values are masked (set them in CI as SSE_STUDIO_VAR_<name>)"
                on:click=move |_| library_files::export_environment(toaster, library, Secrets::Mask)>"Export"</button>
            <button type="button" class="button button-small" data-testid="environment-export-secrets"
                title="Export with every secret value as written"
                on:click=move |_| library_files::export_environment(toaster, library, Secrets::Reveal)>"Export with secrets"</button>
        </fieldset>
    }
}
