//! `<RequestDetails/>`: the request's parts as tabs of one panel — Params, Headers, Checks and
//! Captures with their counts, Body, Auth, Settings (relay, Last-Event-ID, reconnection, byte budget) and Import &
//! share (curl, share link, a stream file) — that folds away to its tab strip, so that the stream
//! keeps the screen (folded on a first visit). The tab shown and whether the panel is folded are
//! remembered.

use leptos::prelude::*;

use super::{
    AuthEditor, BodyEditor, ByteBudgetField, CapturesEditor, ChecksEditor, CurlTools, HeadersTable,
    LastEventIdField, OpenStream, ParamsTable, ReadingFields, ReconnectSwitch, RelaySwitch,
    SharePanel,
};
use crate::io::preferences;
use crate::model::request::auth::Auth;
use crate::model::request::query_params::params_of;
use crate::state::AppState;

/// The tabs: (id, name).
const PARTS: [(&str, &str); 8] = [
    ("params", "Params"),
    ("headers", "Headers"),
    ("body", "Body"),
    ("auth", "Auth"),
    ("checks", "Checks"),
    ("captures", "Captures"),
    ("settings", "Settings"),
    ("share", "Import & share"),
];

/// Layout keys (see `preferences::layout`).
const PART_KEY: &str = "details-part";
const FOLDED_KEY: &str = "details-folded";

#[component]
pub fn RequestDetails() -> impl IntoView {
    let draft = AppState::expect().draft;
    let shown = RwSignal::new(
        preferences::layout(PART_KEY)
            .filter(|id| PARTS.iter().any(|(part, _)| part == id))
            .unwrap_or_else(|| "headers".to_owned()),
    );
    // Folded until the user opens a part, so that a first visit shows the stream.
    let is_folded = RwSignal::new(preferences::layout(FOLDED_KEY).as_deref() != Some("false"));
    // Set only when it changes: the panel's part is drawn afresh each time (losing what the user
    // opened in it).
    let show = move |id: &str| {
        if shown.with_untracked(|shown| shown != id) {
            shown.set(id.to_owned());
        }
        if is_folded.get_untracked() {
            is_folded.set(false);
        }
        preferences::set_layout(PART_KEY, id);
        preferences::set_layout(FOLDED_KEY, "false");
    };
    let toggle_fold = move |_| {
        let folded = !is_folded.get_untracked();
        is_folded.set(folded);
        preferences::set_layout(FOLDED_KEY, &folded.to_string());
    };
    // Checks added (by "Save as test" too) are shown, so that the user sees what came.
    let check_count =
        Memo::new(move |_| draft.with(|draft| draft.checks.len() + draft.stop_rules.len()));
    Effect::new(move |previous: Option<usize>| {
        let now = check_count.get();
        if previous.is_some_and(|before| now > before) {
            show("checks");
        }
        now
    });
    // What each tab's name adds: how many headers are on, checks and stop rules there are, the
    // kind of auth.
    let note = move |id: &str| -> String {
        draft.with(|draft| match id {
            "headers" => count(
                draft
                    .headers
                    .iter()
                    .filter(|row| row.enabled && !row.name.trim().is_empty())
                    .count(),
            ),
            "checks" => count(draft.checks.len() + draft.stop_rules.len()),
            "captures" => count(draft.captures.len()),
            "params" => count(
                params_of(&draft.url)
                    .iter()
                    .filter(|(name, _)| !name.is_empty())
                    .count(),
            ),
            "auth" if !matches!(draft.auth, Auth::None) => " \u{2022}".to_owned(),
            "body" if draft.method.has_body() && !draft.body.is_empty() => " \u{2022}".to_owned(),
            _ => String::new(),
        })
    };
    view! {
        <div class="request-details" data-testid="request-details">
            <div class="details-bar">
                <div class="details-tabs" role="tablist" aria-label="Request details">
                    {PARTS.into_iter().map(|(id, name)| view! {
                    <button type="button" role="tab" class="details-tab" id=format!("details-tab-{id}")
                        data-testid=format!("details-tab-{id}")
                        aria-controls="details-panel"
                        aria-selected=move || (shown.with(|shown| shown == id) && !is_folded.get()).to_string()
                        on:click=move |_| show(id)>
                        {name}<span class="details-tab-note">{move || note(id)}</span>
                    </button>
                }).collect_view()}
                </div>
                <button type="button" class="details-fold" data-testid="details-fold"
                    aria-expanded=move || (!is_folded.get()).to_string() aria-controls="details-panel"
                    title=move || if is_folded.get() { "Show the request details" } else { "Fold the request details away" }
                    on:click=toggle_fold>
                    {move || if is_folded.get() { "\u{25be} Show" } else { "\u{25b4} Hide" }}
                </button>
            </div>
            <Show when=move || !is_folded.get()>
                <div class="details-panel" id="details-panel" role="tabpanel"
                    aria-labelledby=move || format!("details-tab-{}", shown.get())>
                    {move || match shown.get().as_str() {
                        "body" => view! { <BodyEditor/> }.into_any(),
                        "auth" => view! { <AuthEditor/> }.into_any(),
                        "params" => view! { <ParamsTable/> }.into_any(),
                        "checks" => view! { <ChecksEditor/> }.into_any(),
                        "captures" => view! { <CapturesEditor/> }.into_any(),
                        "settings" => view! {
                            <div class="details-settings">
                                <RelaySwitch/>
                                <LastEventIdField/>
                                <ReconnectSwitch/>
                                <ByteBudgetField/>
                                <ReadingFields/>
                            </div>
                        }.into_any(),
                        "share" => view! {
                            <div class="details-share">
                                <CurlTools/>
                                <SharePanel/>
                                <OpenStream/>
                            </div>
                        }.into_any(),
                        _ => view! { <HeadersTable/> }.into_any(),
                    }}
                </div>
            </Show>
        </div>
    }
}

/// " 3" for a count of 3, nothing for none.
fn count(n: usize) -> String {
    if n == 0 {
        String::new()
    } else {
        format!(" {n}")
    }
}
