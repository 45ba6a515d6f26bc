//! `<JsonTree/>`: a JSON value as a tree whose objects and arrays fold (native `<details>`), with
//! keys, strings, numbers and literals coloured. Every value is set as text, never HTML.

use leptos::prelude::*;
use serde_json::Value;

#[component]
pub fn JsonTree(value: Value) -> impl IntoView {
    node(value)
}

fn node(value: Value) -> AnyView {
    match value {
        Value::Object(map) => fold(
            format!("{{ {} }}", count(map.len(), "key")),
            map.into_iter()
                .map(|(key, value)| {
                    view! { <li><span class="json-key">{format!("\"{key}\"")}</span>": "{node(value)}</li> }
                })
                .collect_view(),
        ),
        Value::Array(items) => fold(
            format!("[ {} ]", count(items.len(), "item")),
            items
                .into_iter()
                .map(|value| view! { <li>{node(value)}</li> })
                .collect_view(),
        ),
        Value::String(text) => {
            view! { <span class="json-string">{Value::String(text).to_string()}</span> }.into_any()
        }
        Value::Number(number) => {
            view! { <span class="json-number">{number.to_string()}</span> }.into_any()
        }
        Value::Bool(flag) => {
            view! { <span class="json-literal">{flag.to_string()}</span> }.into_any()
        }
        Value::Null => view! { <span class="json-literal">"null"</span> }.into_any(),
    }
}

/// An object or array: open, folded by clicking its summary.
fn fold(summary: String, children: impl IntoView + 'static) -> AnyView {
    view! {
        <details open class="json-fold">
            <summary>{summary}</summary>
            <ul>{children}</ul>
        </details>
    }
    .into_any()
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
