//! `<EnvironmentPicker/>`: chooses the active environment, creates one, and edits its variables
//! (name, value, secret). Secret values are shown masked.

use leptos::prelude::*;

use crate::model::variables::Variable;
use crate::state::Library;

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
                    <For each=move || library.environments.get() key=|environment| (environment.id.clone(), environment.name.clone()) let:environment>
                        <option value=environment.id.clone()>{environment.name.clone()}</option>
                    </For>
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
    // Each change writes the whole environment record.
    let change = move |edit: Box<dyn FnOnce(&mut crate::model::variables::Environment)>| {
        if let Some(mut environment) = library.environment() {
            edit(&mut environment);
            library.put_environment(environment);
        }
    };
    let rows = move || {
        library
            .environment_tracked()
            .map(|environment| {
                environment
                    .variables
                    .into_iter()
                    .enumerate()
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
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
            <For each=rows key=|(index, variable)| (*index, variable.clone()) let:row>
                {
                    let (index, variable) = row;
                    let Variable { name, value, is_secret } = variable;
                    view! {
                        <div class="variable-row" data-testid="variable-row">
                            <input aria-label="Variable name" placeholder="name" value=name data-testid="variable-name"
                                on:change=move |event| {
                                    let name = event_target_value(&event);
                                    change(Box::new(move |environment| environment.variables[index].name = name));
                                }/>
                            <input aria-label="Variable value" placeholder="value" value=value data-testid="variable-value"
                                type=if is_secret { "password" } else { "text" }
                                on:change=move |event| {
                                    let value = event_target_value(&event);
                                    change(Box::new(move |environment| environment.variables[index].value = value));
                                }/>
                            <label class="variable-secret">
                                <input type="checkbox" checked=is_secret data-testid="variable-secret"
                                    on:change=move |event| {
                                        let checked = event_target_checked(&event);
                                        change(Box::new(move |environment| environment.variables[index].is_secret = checked));
                                    }/>
                                "secret"
                            </label>
                            <button type="button" class="button button-small" aria-label="Remove variable"
                                on:click=move |_| change(Box::new(move |environment| { environment.variables.remove(index); }))>"×"</button>
                        </div>
                    }
                }
            </For>
            <button type="button" class="button button-small" data-testid="variable-add"
                on:click=move |_| change(Box::new(|environment| environment.variables.push(Variable::default())))>
                "+ Add variable"
            </button>
        </fieldset>
    }
}
