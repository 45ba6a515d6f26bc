//! `<RunBanner/>`: above the list, why a run waits for its connection when the browser's
//! connections to the server are all taken, and what went wrong with a run that did not end
//! cleanly: the close reason, a hint on what to do, the bytes a truncated stream left pending, and after a network
//! error (which is what a CORS refusal looks like to a page) an offer to send via the relay.

use leptos::prelude::*;

use crate::model::session::close_reason::CloseReason;
use crate::state::{AppState, Library, TimelineState, session};

#[component]
pub fn RunBanner() -> impl IntoView {
    let state = AppState::expect();
    let library = Library::expect();
    let timeline = TimelineState::expect();
    let retry_via_relay = move |_| {
        state.draft.update(|draft| draft.via_relay = true);
        session::send(state, library);
    };
    let reason = timeline.read_log(state, |log| {
        log.closed.as_ref().map(|closed| closed.reason.clone())
    });
    let waiting_note = timeline.read_log(state, |log| log.waiting_note.clone());
    let waiting = move || {
        waiting_note().map(|note| {
            view! {
                <div class="run-banner close-waiting" role="status" data-testid="run-banner-waiting">
                    <strong>"Waiting for a free connection"</strong>
                    <p class="run-banner-hint">{note}</p>
                </div>
            }
        })
    };
    let ended = move || {
        let reason = reason()?;
        let hint = reason.hint();
        let pending = match &reason {
            CloseReason::Truncated { pending, .. } => Some(pending.clone()),
            _ => None,
        };
        let offers_relay = matches!(reason, CloseReason::NetworkError { .. })
            && !state.draft.with_untracked(|draft| draft.via_relay);
        (hint.is_some() || pending.is_some()).then(|| {
            view! {
                <div class=format!("run-banner close-{}", reason.kind()) role="status" data-testid="run-banner">
                    <strong>{reason.title()}</strong>
                    {hint.map(|hint| view! { <p class="run-banner-hint">{hint}</p> })}
                    {pending.map(|pending| view! {
                        <pre class="run-banner-pending" data-testid="run-banner-pending">{pending}</pre>
                    })}
                    {offers_relay.then(|| view! {
                        <button type="button" class="button button-small" data-testid="retry-via-relay"
                            title="sse-studio-server fetches the target and streams its answer back with CORS headers"
                            on:click=retry_via_relay>"Retry via relay"</button>
                    })}
                </div>
            }
        })
    };
    view! { {waiting} {ended} }
}
