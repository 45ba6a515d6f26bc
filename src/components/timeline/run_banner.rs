//! `<RunBanner/>`: above the list, what went wrong with a run that did not end cleanly: the close
//! reason, a hint on what to do, and the bytes a truncated stream left pending.

use leptos::prelude::*;

use crate::model::close_reason::CloseReason;
use crate::state::{AppState, TimelineState};

#[component]
pub fn RunBanner() -> impl IntoView {
    let state = AppState::expect();
    let timeline = TimelineState::expect();
    let reason = timeline.read_log(state, |log| {
        log.closed.as_ref().map(|closed| closed.reason.clone())
    });
    move || {
        let reason = reason()?;
        let hint = reason.hint();
        let pending = match &reason {
            CloseReason::Truncated { pending, .. } => Some(pending.clone()),
            _ => None,
        };
        (hint.is_some() || pending.is_some()).then(|| {
            view! {
                <div class=format!("run-banner close-{}", reason.kind()) role="status" data-testid="run-banner">
                    <strong>{reason.title()}</strong>
                    {hint.map(|hint| view! { <p class="run-banner-hint">{hint}</p> })}
                    {pending.map(|pending| view! {
                        <pre class="run-banner-pending" data-testid="run-banner-pending">{pending}</pre>
                    })}
                </div>
            }
        })
    }
}
