//! `<JsonRpcView/>`: the run's JSON-RPC (MCP) conversation beside the timeline, one line per
//! message — requests with the time to their answer, responses with their request (errors
//! marked), progress and log notifications read, the priming event and resumptions for what
//! they are (see `model::jsonrpc::line`). A line carried by an event opens it in the inspector.
//! On MCP's HTTP+SSE transport (a stream that named an `endpoint`), a message can be posted there
//! from here; its answer on the stream pairs with it.

use leptos::prelude::*;

use crate::model::request::draft::Method;
use crate::model::request::template::{Group, TEMPLATES};
use crate::state::endpoint::post_to_endpoint;
use crate::state::{AppState, TimelineState};

#[component]
pub fn JsonRpcView() -> impl IntoView {
    let timeline = TimelineState::expect();
    // Apart from the lines, which change with every message: the composer is made once per
    // endpoint, so that a message being chosen or written survives the answers coming in.
    let endpoint = Memo::new(move |_| {
        timeline
            .conversation
            .with(|exchange| exchange.as_ref()?.endpoint_url().map(str::to_owned))
    });
    let lines = move || {
        let Some((lines, unanswered)) = timeline.conversation.with(|exchange| {
            let exchange = exchange.as_ref()?;
            Some((exchange.lines(), exchange.unanswered().count()))
        }) else {
            return view! { <p class="side-empty">"No JSON-RPC: neither the request body nor the stream carries JSON-RPC 2.0 messages."</p> }.into_any();
        };
        let summary = match unanswered {
            0 => "Every request is answered.".to_owned(),
            1 => "1 request has no answer yet.".to_owned(),
            n => format!("{n} requests have no answer yet."),
        };
        view! {
            <p class="rpc-summary" data-testid="rpc-summary">{summary}</p>
            <ol class="rpc-list" data-testid="rpc-list">
                {lines.into_iter().map(|line| view! {
                    <li class="rpc-line" class:rpc-fault=line.is_fault data-testid="rpc-line" data-kind=line.kind>
                        <span class="rpc-arrow" aria-hidden="true">{line.arrow}</span>
                        // A line an event carried opens that event in the inspector.
                        <button type="button" class="rpc-what" disabled=line.event.is_none()
                            on:click=move |_| if let Some(index) = line.event { timeline.select(index) }>{line.what}</button>
                        <span class="rpc-note">{line.note}</span>
                    </li>
                }).collect_view()}
            </ol>
        }.into_any()
    };
    view! {
        {lines}
        {move || endpoint.get().map(|endpoint| view! { <PostToEndpoint endpoint=endpoint/> })}
    }
}

/// The HTTP+SSE transport's composer: a message (from the MCP steps, or written) posted to the
/// stream's endpoint while the stream runs.
#[component]
fn PostToEndpoint(endpoint: String) -> impl IntoView {
    let state = AppState::expect();
    let presets = || {
        TEMPLATES
            .iter()
            .filter(|template| template.group == Group::Mcp && template.method == Method::Post)
    };
    let message = RwSignal::new(presets().next().map_or("", |t| t.body).to_owned());
    let shown = endpoint.clone();
    view! {
        <form class="rpc-post" data-testid="rpc-post" on:submit=move |event| {
            event.prevent_default();
            post_to_endpoint(state, &endpoint, message.get_untracked());
        }>
            <p class="rpc-summary">"Post a message to " <code>{shown}</code> "; its answer comes on this stream."</p>
            <select aria-label="Message to post" data-testid="rpc-post-preset"
                on:change=move |event| {
                    let label = event_target_value(&event);
                    if let Some(template) = presets().find(|t| t.label == label) {
                        message.set(template.body.to_owned());
                    }
                }>
                {presets().map(|t| view! { <option value=t.label>{t.label}</option> }).collect_view()}
            </select>
            <textarea aria-label="Message" data-testid="rpc-post-body" rows="6" spellcheck="false"
                prop:value=message on:input=move |event| message.set(event_target_value(&event))></textarea>
            <button type="submit" class="button button-small" data-testid="rpc-post-send"
                disabled=move || !state.is_streaming.get()>"Post"</button>
        </form>
    }
}
