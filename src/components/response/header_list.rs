//! `<HeaderList/>`: response headers, folded under a summary that counts them.

use leptos::prelude::*;

#[component]
pub fn HeaderList(headers: Vec<(String, String)>) -> impl IntoView {
    view! {
        <details class="header-list">
            <summary>{format!("Response headers ({})", headers.len())}</summary>
            <dl>
                {headers.into_iter().map(|(name, value)| view! { <dt>{name}</dt><dd>{value}</dd> }).collect_view()}
            </dl>
        </details>
    }
}
