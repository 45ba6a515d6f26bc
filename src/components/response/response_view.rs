//! `<ResponseView/>`: status, headers and body of a response that is not a 2xx event stream,
//! the body pretty-printed when it is JSON. Shown as text, never HTML.

use leptos::prelude::*;

use crate::model::json_text::pretty_json;
use crate::model::media_type;
use crate::state::AppState;

#[component]
pub fn ResponseView() -> impl IntoView {
    let state = AppState::expect();
    let shown = state.read_log(|log| Some((log.response.clone()?, log.body_text.clone()?)));
    move || {
        shown().map(|(head, body)| {
            let is_json = media_type::is_json(head.content_type());
            let pretty = pretty_json(&body);
            let kind = if pretty.is_some() { "JSON" } else { "text" };
            let shown_body = pretty.unwrap_or(body);
            let status = format!("{} {}", head.status, head.status_text).trim_end().to_owned();
            let status_class = if (200..300).contains(&head.status) { "status" } else { "status status-error" };
            view! {
                <section class="response-view" data-testid="response-view">
                    <h2 class="response-view-title">
                        "Response " <span class=status_class data-testid="response-view-status">{status}</span>
                        <span class="response-view-type">
                            {format!("{} · shown as {kind}{}", head.content_type(), if is_json || kind == "text" { "" } else { " (detected)" })}
                        </span>
                    </h2>
                    <details class="response-view-headers">
                        <summary>{format!("Headers ({})", head.headers.len())}</summary>
                        <dl>
                            {head.headers.into_iter().map(|(name, value)| view! { <dt>{name}</dt><dd>{value}</dd> }).collect_view()}
                        </dl>
                    </details>
                    <pre class="response-view-body" data-testid="response-view-body">{shown_body}</pre>
                </section>
            }
        })
    }
}
