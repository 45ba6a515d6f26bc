//! `<ResponseView/>`: status, headers and body of a response that is not a 2xx event stream,
//! the body pretty-printed when it is JSON. Shown as text, never HTML.

use leptos::prelude::*;

use super::HeaderList;
use crate::model::present::excerpt;
use crate::model::present::format::format_bytes;
use crate::model::present::json_text::pretty_json;
use crate::model::session::media_type;
use crate::state::AppState;

#[component]
pub fn ResponseView() -> impl IntoView {
    let state = AppState::expect();
    let shown = state.read_log(|log| {
        Some((
            log.response()?.clone(),
            log.body_text.clone()?,
            log.body().len() as u64,
        ))
    });
    move || {
        shown().map(|(head, body, total_bytes)| {
            // Only what is shown is laid out: a 100 MB body drawn whole froze the page.
            let is_cut = excerpt::is_cut(total_bytes);
            let pretty = (!is_cut).then(|| pretty_json(&body)).flatten();
            let shown_as = match (&pretty, media_type::is_json(head.content_type())) {
                (Some(_), _) => "pretty-printed JSON",
                (None, true) => "text (the body is not valid JSON)",
                (None, false) => "text",
            };
            let description = format!("{} · shown as {shown_as}", head.content_type());
            let shown_body = pretty.unwrap_or(body);
            let status_class = head.status_class();
            view! {
                <section class="response-view" data-testid="response-view">
                    <h2 class="response-view-title">
                        "Response " <span class=status_class data-testid="response-view-status">{head.status_line()}</span>
                        <span class="response-view-type">{description}</span>
                    </h2>
                    <HeaderList headers=head.headers/>
                    {is_cut.then(|| view! {
                        <p class="response-view-cut" data-testid="response-view-cut">
                            {format!("The body is {}: the first {} are shown.", format_bytes(total_bytes), format_bytes(excerpt::EXCERPT_BYTES as u64))}
                        </p>
                    })}
                    <pre class="response-view-body" data-testid="response-view-body">{shown_body}</pre>
                </section>
            }
        })
    }
}
