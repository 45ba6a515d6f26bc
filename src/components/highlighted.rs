//! `<Highlighted/>`: text with the matches of a search wrapped in `<mark>`; every piece is set as
//! text, never HTML.

use leptos::prelude::*;

use crate::model::session::search::{Query, highlight};

#[component]
pub fn Highlighted(text: String, query: Option<Query>) -> impl IntoView {
    highlight(&text, query.as_ref())
        .into_iter()
        .map(|(piece, is_match)| {
            let piece = piece.to_owned();
            if is_match {
                view! { <mark>{piece}</mark> }.into_any()
            } else {
                piece.into_any()
            }
        })
        .collect_view()
}
