//! `<ChecksEditor/>`: the request's stop rules and checks, each listed by its plain-language label
//! with a remove button, and a form to add one of each kind (see `model::checks::form`). Saved
//! with the request; a form's error says which field is wrong.

use leptos::prelude::*;

use crate::model::checks::form::{CHECK_KINDS, CheckForm, Field, STOP_RULE_KINDS, stop_rule};
use crate::state::AppState;

#[component]
pub fn ChecksEditor() -> impl IntoView {
    let draft = AppState::expect().draft;
    let rule_labels =
        move || draft.with(|draft| draft.stop_rules.iter().map(|r| r.label()).collect());
    let check_labels = move || draft.with(|draft| draft.checks.iter().map(|c| c.label()).collect());
    let remove_rule = Callback::new(move |index: usize| {
        draft.update(|draft| {
            if index < draft.stop_rules.len() {
                draft.stop_rules.remove(index);
            }
        });
    });
    // The add form, also used to edit a check in place (`editing`: its position).
    let form = RwSignal::new(CheckForm {
        kind: CHECK_KINDS[0].0.to_owned(),
        ..CheckForm::default()
    });
    let editing = RwSignal::new(None::<usize>);
    let remove_check = Callback::new(move |index: usize| {
        editing.set(None);
        draft.update(|draft| {
            if index < draft.checks.len() {
                draft.checks.remove(index);
            }
        });
    });
    let edit_check = Callback::new(move |index: usize| {
        if let Some(check) = draft.with_untracked(|draft| draft.checks.get(index).cloned()) {
            form.set(CheckForm::of(&check));
            editing.set(Some(index));
        }
    });
    view! {
        <div class="checks-editor" data-testid="checks-editor">
            <h3 class="checks-heading">"Stop rules"</h3>
            <p class="checks-help">"End the run by itself, so a long-lived stream can be tested. A run stopped by a rule ends cleanly."</p>
            <LabelList labels=rule_labels remove=remove_rule what="stop rule" testid="stop-rule"/>
            <AddStopRule/>
            <h3 class="checks-heading">"Checks"</h3>
            <p class="checks-help">"What a run must do, checked as events arrive and once more at the end. " <code>"sse-studio run"</code> " runs the same checks in CI."</p>
            <LabelList labels=check_labels remove=remove_check edit=edit_check what="check" testid="check"/>
            <AddCheck form=form editing=editing/>
        </div>
    }
}

/// Labels with a remove button each. Rows are keyed by position and label: removing one redraws
/// the rows after it, which hold no text being typed.
#[component]
pub(super) fn LabelList(
    labels: impl Fn() -> Vec<String> + Send + Sync + 'static,
    remove: Callback<usize>,
    /// Opens the row in the add form, when rows can be edited.
    #[prop(optional)]
    edit: Option<Callback<usize>>,
    what: &'static str,
    testid: &'static str,
) -> impl IntoView {
    let rows = move || labels().into_iter().enumerate().collect::<Vec<_>>();
    view! {
        <ul class="checks-list">
            // Drawn afresh when a label changes (a `<For>` keyed by the labels did the same).
            {move || rows().into_iter().map(|row| view! {
                <li data-testid=testid>
                    <span>{row.1.clone()}</span>
                    {edit.map(|edit| view! {
                        <button type="button" class="button button-small" aria-label=format!("Edit {what}")
                            data-testid="check-edit" on:click=move |_| edit.run(row.0)>"Edit"</button>
                    })}
                    <button type="button" class="button button-small" aria-label=format!("Remove {what}")
                        on:click=move |_| remove.run(row.0)>"×"</button>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// The add-stop-rule form: a kind and its value.
#[component]
fn AddStopRule() -> impl IntoView {
    let draft = AppState::expect().draft;
    let kind = RwSignal::new(STOP_RULE_KINDS[0].0.to_owned());
    let value = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let placeholder = move || {
        kind.with(|kind| {
            STOP_RULE_KINDS
                .iter()
                .find(|(id, _, _)| id == kind)
                .map_or("", |(_, _, what)| what)
        })
    };
    let add = move |_| match stop_rule(&kind.get_untracked(), &value.get_untracked()) {
        Ok(rule) => {
            draft.update(|draft| draft.stop_rules.push(rule));
            value.set(String::new());
            error.set(None);
        }
        Err(message) => error.set(Some(message)),
    };
    view! {
        <div class="checks-add">
            <select aria-label="Stop rule" data-testid="stop-rule-kind"
                on:change=move |event| kind.set(event_target_value(&event))>
                {STOP_RULE_KINDS.iter().map(|(id, label, _)| view! { <option value=*id>{*label}</option> }).collect_view()}
            </select>
            <input type="text" aria-label="Stop rule value" data-testid="stop-rule-value"
                placeholder=placeholder prop:value=value
                on:input=move |event| value.set(event_target_value(&event))/>
            <button type="button" class="button button-small" data-testid="stop-rule-add" on:click=add>"Add stop rule"</button>
            {move || error.get().map(|message| view! { <p class="checks-error" role="alert">{message}</p> })}
        </div>
    }
}

/// The add-check form: a kind, then the fields that kind needs; with `editing` set, it updates
/// that check instead.
#[component]
fn AddCheck(form: RwSignal<CheckForm>, editing: RwSignal<Option<usize>>) -> impl IntoView {
    let draft = AppState::expect().draft;
    let error = RwSignal::new(None::<String>);
    let kind = Memo::new(move |_| form.with(|form| form.kind.clone()));
    let fields = move || {
        let kind = kind.get();
        CHECK_KINDS
            .iter()
            .find(|(id, _, _)| *id == kind)
            .map_or(&[][..], |(_, _, fields)| *fields)
            .iter()
            .map(|field| view! { <CheckField field=*field form=form/> })
            .collect_view()
    };
    let reset = move || {
        editing.set(None);
        error.set(None);
        form.update(|form| {
            *form = CheckForm {
                kind: form.kind.clone(),
                ..CheckForm::default()
            };
        });
    };
    let add = move |_| match form.with_untracked(CheckForm::build) {
        Ok(check) => {
            draft.update(|draft| match editing.get_untracked() {
                Some(index) if index < draft.checks.len() => draft.checks[index] = check,
                _ => draft.checks.push(check),
            });
            reset();
        }
        Err(message) => error.set(Some(message)),
    };
    view! {
        <div class="checks-add">
            <select aria-label="Check" data-testid="check-kind" prop:value=kind
                on:change=move |event| {
                    let kind = event_target_value(&event);
                    form.update(|form| form.kind = kind);
                }>
                {CHECK_KINDS.iter().map(|(id, label, _)| view! { <option value=*id>{*label}</option> }).collect_view()}
            </select>
            {fields}
            <button type="button" class="button button-small" data-testid="check-add" on:click=add>
                {move || if editing.get().is_some() { "Update check" } else { "Add check" }}
            </button>
            <Show when=move || editing.get().is_some()>
                <button type="button" class="button button-small" on:click=move |_| reset()>"Cancel"</button>
            </Show>
            {move || error.get().map(|message| view! { <p class="checks-error" role="alert">{message}</p> })}
        </div>
    }
}

/// One field of the add-check form.
#[component]
fn CheckField(field: Field, form: RwSignal<CheckForm>) -> impl IntoView {
    let text = move |label: &'static str,
                     placeholder: &'static str,
                     read: fn(&CheckForm) -> String,
                     write: fn(&mut CheckForm, String)| {
        view! {
            <input type="text" aria-label=label placeholder=placeholder
                prop:value=move || form.with(read)
                on:input=move |event| {
                    let value = event_target_value(&event);
                    form.update(|form| write(form, value));
                }/>
        }
        .into_any()
    };
    // Shows the form's value (an empty one is the first option, which is what it builds as).
    let choice = move |label: &'static str,
                       options: &'static [(&'static str, &'static str)],
                       read: fn(&CheckForm) -> String,
                       write: fn(&mut CheckForm, String)| {
        let shown = move || {
            let value = form.with(read);
            if value.is_empty() {
                options
                    .first()
                    .map(|(id, _)| (*id).to_owned())
                    .unwrap_or_default()
            } else {
                value
            }
        };
        view! {
            <select aria-label=label prop:value=shown on:change=move |event| {
                let value = event_target_value(&event);
                form.update(|form| write(form, value));
            }>
                {options.iter().map(|(id, name)| view! { <option value=*id>{*name}</option> }).collect_view()}
            </select>
        }
        .into_any()
    };
    match field {
        Field::EventType => text(
            "Event type",
            "event type (all if empty)",
            |f| f.event_type.clone(),
            |f, v| f.event_type = v,
        ),
        Field::Number => text("Number", "200", |f| f.number.clone(), |f, v| f.number = v),
        Field::Range => view! {
            {text("At least", "at least", |f| f.number.clone(), |f, v| f.number = v)}
            {text("At most", "at most", |f| f.most.clone(), |f, v| f.most = v)}
        }
        .into_any(),
        Field::Types => text(
            "Event types",
            "start, delta, done",
            |f| f.types.clone(),
            |f, v| f.types = v,
        ),
        Field::Path => text(
            "JSON path",
            "$.choices[0].delta.content",
            |f| f.path.clone(),
            |f, v| f.path = v,
        ),
        Field::Op => choice(
            "Test",
            &[
                ("equals", "equals"),
                ("contains", "contains"),
                ("matches", "matches regex"),
            ],
            |f| f.op.clone(),
            |f, v| f.op = v,
        ),
        Field::TextOp => choice(
            "Test",
            &[("contains", "contains"), ("matches", "matches regex")],
            |f| f.op.clone(),
            |f, v| f.op = v,
        ),
        Field::Text => text(
            "Value",
            "value, text or regex",
            |f| f.text.clone(),
            |f, v| f.text = v,
        ),
        Field::Which => choice(
            "Which events",
            &[("every", "every event"), ("some", "some event")],
            |f| f.which.clone(),
            |f, v| f.which = v,
        ),
        Field::Measure => choice(
            "Time",
            &[
                ("first-event", "time to first event"),
                ("headers", "time to headers"),
                ("largest-gap", "largest gap"),
                ("duration", "total duration"),
            ],
            |f| f.measure.clone(),
            |f, v| f.measure = v,
        ),
        Field::Ms => text("Milliseconds", "ms", |f| f.ms.clone(), |f, v| f.ms = v),
        Field::Schema => view! {
            <textarea aria-label="JSON Schema" rows="3" placeholder="{\"type\": \"object\"}"
                prop:value=move || form.with(|f| f.schema.clone())
                on:input=move |event| {
                    let value = event_target_value(&event);
                    form.update(|form| form.schema = value);
                }></textarea>
        }
        .into_any(),
        Field::Name => text("Name", "name", |f| f.name.clone(), |f, v| f.name = v),
    }
}
