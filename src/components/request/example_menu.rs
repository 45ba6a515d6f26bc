//! `<ExampleMenu/>`: "New from template": opens an AI provider's streaming request (key and model
//! as `{{variables}}`), a step of an MCP session, or one of the demo streams in a new tab, ready
//! to send.

use leptos::prelude::*;

use crate::model::request::template::{Group, TEMPLATES, Template};
use crate::state::Workspace;

#[component]
pub fn ExampleMenu() -> impl IntoView {
    let workspace = Workspace::expect();
    let origin = window().location().origin().unwrap_or_default();
    let on_change = move |event| {
        if let Some(template) = Template::find(&event_target_value(&event)) {
            workspace.open(template.draft(&origin), None);
        }
    };
    let options = |group: Group| {
        TEMPLATES
            .iter()
            .filter(|template| template.group == group)
            .map(|template| view! { <option value=template.label>{template.label}</option> })
            .collect_view()
    };
    view! {
        <label class="example-menu">
            "New from template "
            <select data-testid="example-menu" on:change=on_change prop:value="">
                <option value="" disabled=true>"Choose…"</option>
                <optgroup label="AI providers (define the key and model variables)">{options(Group::Provider)}</optgroup>
                <optgroup label="MCP session on this server (send in order: initialize captures the session id)">{options(Group::Mcp)}</optgroup>
                <optgroup label="Demo streams of this server">{options(Group::Demo)}</optgroup>
            </select>
        </label>
    }
}
