//! `<JsonRpcView/>`: the run's JSON-RPC (MCP) conversation beside the timeline, one line per
//! message — requests with the time to their answer, responses with their request (errors
//! marked), progress and log notifications read, the priming event and resumptions for what
//! they are (see `model::jsonrpc::line`). A line carried by an event opens it in the inspector.

use leptos::prelude::*;

use crate::state::TimelineState;

#[component]
pub fn JsonRpcView() -> impl IntoView {
    let timeline = TimelineState::expect();
    move || {
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
    }
}
