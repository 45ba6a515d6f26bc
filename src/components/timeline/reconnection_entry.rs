//! `<ReconnectionEntry/>`: the entry before the events of each connection after the first: how
//! the one before ended, the wait ("reconnecting in N ms"), the `Last-Event-ID` sent, the new
//! response's status, and whether the server resumed where the stream left off.

use leptos::prelude::*;

use crate::model::session::close_reason::CloseReason;
use crate::model::session::reconnect;
use crate::model::session::resume_check::Resumption;
use crate::state::{AppState, TimelineState};

/// What the entry shows, read from the log.
#[derive(Debug, Clone, PartialEq)]
struct Shown {
    previous_end: String,
    state: &'static str,
    text: String,
    /// Why the wait is what it is, when a bound set it.
    wait_note: Option<String>,
    sent_id: String,
    /// The new response's status line and its CSS classes.
    status: Option<(String, &'static str)>,
    time: String,
    resume_warning: Option<String>,
}

#[component]
pub fn ReconnectionEntry(
    /// The connection's position in the session (1 or more).
    connection: usize,
) -> impl IntoView {
    let state = AppState::expect();
    let timeline = TimelineState::expect();
    let shown = timeline.read_log(state, move |log| {
        let connections = log.connections();
        let this = connections.get(connection)?;
        let previous_end = connections
            .get(connection - 1)
            .and_then(|previous| previous.ended.as_ref())
            .map_or_else(String::new, |ended| ended.reason.title());
        let delay = this.delay_ms.unwrap_or_default();
        let (state, text) = match (&this.head, this.ended.as_ref().map(|e| &e.reason)) {
            (Some(_), _) => ("connected", format!("reconnected after {delay:.0} ms")),
            (None, None) => ("waiting", format!("reconnecting in {delay:.0} ms")),
            (None, Some(CloseReason::Aborted)) => ("cancelled", "reconnection cancelled".into()),
            (None, Some(reason)) => ("failed", format!("reconnection failed: {}", reason.title())),
        };
        let wait_note = matches!(state, "waiting" | "connected")
            .then(|| reconnect::wait_note(delay))
            .flatten();
        Some(Shown {
            previous_end,
            state,
            text,
            wait_note,
            sent_id: this.last_event_id.clone(),
            status: this
                .head
                .as_ref()
                .map(|head| (head.status_line(), head.status_class())),
            time: log.time_of_day(this.sent_ms),
            resume_warning: log
                .resumptions()
                .iter()
                .find(|found| found.connection == connection)
                .and_then(resume_warning),
        })
    });
    move || {
        shown().map(|shown| {
            let sent = if shown.sent_id.is_empty() {
                "no Last-Event-ID".to_owned()
            } else {
                format!("Last-Event-ID: {}", shown.sent_id)
            };
            let title = format!(
                "Connection {} ended: {}. Connection {}: {}, sent with {sent}.",
                connection,
                shown.previous_end,
                connection + 1,
                shown.text
            );
            view! {
                <li class=format!("timeline-entry reconnection-entry reconnection-{}", shown.state) role="option" aria-disabled="true"
                    data-testid="reconnection-entry" data-state=shown.state title=title>
                    <span class="reconnection-entry-icon" aria-hidden="true">"↻"</span>
                    <span class="reconnection-entry-text">
                        <span class="reconnection-entry-previous">{shown.previous_end}</span>
                        " · "
                        <span data-testid="reconnection-entry-state">{shown.text}</span>
                        {shown.wait_note.map(|note| view! {
                            " "<span class="reconnection-entry-note" data-testid="reconnection-entry-note">"("{note}")"</span>
                        })}
                        " · "
                        <span class="reconnection-entry-id" data-testid="reconnection-entry-id">{sent}</span>
                    </span>
                    {shown.resume_warning.map(|warning| view! {
                        <span class="resume-warning" data-testid="resume-warning">{warning}</span>
                    })}
                    {shown.status.map(|(status, class)| view! { <span class=class>{status}</span> })}
                    <time class="event-row-time">{shown.time}</time>
                </li>
            }
        })
    }
}

/// A few words on a resumption that did not carry on where the stream left off.
fn resume_warning(found: &Resumption) -> Option<String> {
    if found.is_clean() {
        return None;
    }
    if let Some((from, to)) = found.skipped {
        return Some(if from == to {
            format!("⚠ id {from} skipped")
        } else {
            format!("⚠ ids {from}–{to} skipped")
        });
    }
    let first = found.first_repeated.as_deref()?;
    Some(format!(
        "⚠ {} repeated ids (first: {first})",
        found.repeated
    ))
}
