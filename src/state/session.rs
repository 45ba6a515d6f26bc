//! Sending and closing: starts a connection run, feeds its transport reports into the session
//! log, and aborts it. Never two live connections from one tab. Opening a stream offline (a file
//! or pasted text) replaces the run the same way.

use futures_channel::oneshot;
use leptos::prelude::*;
use web_sys::AbortController;

use super::app_state::{ActiveRun, AppState};
use crate::io::clock;
use crate::io::fetch_stream::{TransportEvent, fetch_stream};
use crate::io::file::read_bytes;
use crate::io::location;
use crate::io::schedule::{random_fraction, sleep_ms, yield_to_browser};
use crate::model::checks::stop_rule::{StopRule, met_by_last_event, next_deadline};
use crate::model::library::reopen::reopen;
use crate::model::request::capture::{CaptureRun, sent_request};
use crate::model::request::draft::with_default_scheme;
use crate::model::request::origin::origin_of;
use crate::model::request::relay::through_relay;
use crate::model::request::secret_spend::secrets_to_confirm;
use crate::model::request::variables::Secrets;
use crate::model::session::close_reason::CloseReason;
use crate::model::session::connection_limit::{self, waiting_note};
use crate::model::session::connection_run::{ConnectionRun, Ending};
use crate::model::session::log::SessionLog;
use crate::model::session::media_type::of_offline;
use crate::state::library::Library;

/// Sends the draft request with the active environment's variables: refuses an invalid one
/// with a message; otherwise aborts the run in flight (if any), clears the log and streams the
/// response into it. When its reconnect policy says so, each connection's end is followed by a
/// wait and a new connection sent with `Last-Event-ID` (see `model::session::reconnect`), all in the same
/// log. When the session ends it is saved in `library`'s history.
///
/// A request of someone else's making (a share link, an import) that would send the value of a
/// secret or credential-looking variable to an origin not yet confirmed sends nothing: it sets
/// `AppState::secret_spend` for the user to confirm (see [`confirm_and_send`]).
pub fn send(state: AppState, library: Library) {
    send_with(state, library, &[]);
}

/// Sends as [`send`] does, with `extra_rules` beside the request's own stop rules (a folder
/// run's time limit). Returns, when a run started, what is told the id of the run's history
/// entry (if one was kept) when it ends — or is dropped, when another run replaced it first.
pub fn send_with(
    state: AppState,
    library: Library,
    extra_rules: &[StopRule],
) -> Option<oneshot::Receiver<Option<String>>> {
    // A host typed without a scheme is completed in the editor too, and said (a URL that starts
    // with a `{{variable}}` is completed, if need be, only once substituted).
    let typed = state.draft.with_untracked(|draft| draft.url.clone());
    if let Some(completed) = with_default_scheme(&typed).filter(|_| !typed.trim().starts_with("{{"))
    {
        state.draft.update(|draft| draft.url = completed);
        state.notify("Added http:// to the URL, as curl does");
    }
    let environment = library.environment();
    let prepare = |secrets| {
        state
            .draft
            .with_untracked(|draft| draft.prepare(environment.as_ref(), secrets))
    };
    let (mut prepared, sent) = match (prepare(Secrets::Reveal), prepare(Secrets::Mask)) {
        (Ok(prepared), Ok(sent)) => (prepared, sent),
        (Err(message), _) | (_, Err(message)) => {
            state.request_error.set(Some(message));
            return None;
        }
    };
    // A request of someone else's making asks before it spends secrets; nothing is sent until
    // the user confirms (which remembers the origin, so this passes the next time).
    let spend = state.draft.with_untracked(|draft| {
        secrets_to_confirm(draft, &prepared, environment.as_ref(), &location::origin())
    });
    state.secret_spend.set(spend.clone());
    if spend.is_some() {
        state.request_error.set(None);
        return None;
    }
    let empty = state
        .draft
        .with_untracked(|draft| draft.empty_variables(environment.as_ref()));
    if !empty.is_empty() {
        let names: Vec<String> = empty.iter().map(|name| format!("{{{{{name}}}}}")).collect();
        state.notify(format!(
            "Sent with {} empty: set {} in the environment",
            names.join(", "),
            if names.len() == 1 {
                "its value"
            } else {
                "their values"
            }
        ));
    }
    // Through the relay only the fetched URL changes: what is shown and kept names the target.
    let via_relay = state.draft.with_untracked(|draft| draft.via_relay);
    if via_relay {
        let relay_url = state.settings.relay_url.get_untracked();
        prepared.url = through_relay(&relay_url, &prepared.url);
    }
    state.request_error.set(None);
    close(state);
    let controller = match AbortController::new() {
        Ok(controller) => controller,
        Err(_) => {
            state.request_error.set(Some(
                "This browser cannot abort requests (no AbortController).".into(),
            ));
            return None;
        }
    };
    let id = state.last_run_id.get_value() + 1;
    state.last_run_id.set_value(id);
    let started_ms = clock::monotonic_ms();
    // The log shows the URL with secret values masked.
    state.log.set_value(SessionLog::new(
        id,
        format!(
            "{} {}{}",
            sent.method.as_str(),
            sent.masked().url,
            if via_relay { " (via relay)" } else { "" }
        ),
        clock::unix_ms(),
        clock::utc_offset_minutes(),
    ));
    let (captures, reading) = state
        .draft
        .with_untracked(|draft| (draft.captures.clone(), draft.reading.clone()));
    state.log.update_value(|log| {
        log.sent = sent_request(&sent, &captures, environment.as_ref());
        log.sent.reading = reading;
    });
    let (ended, on_end) = oneshot::channel();
    state.active_run.set_value(Some(ActiveRun {
        id,
        controller: controller.clone(),
        started_ms,
        sent: sent.clone(),
        library,
        ended: Some(ended),
    }));
    state.is_streaming.set(true);
    state.refresh_log_view();

    let reconnect = state.draft.with_untracked(|draft| draft.reconnect);
    let mut stop_rules = state.draft.with_untracked(|draft| draft.stop_rules.clone());
    stop_rules.extend_from_slice(extra_rules);
    let budget_bytes = state
        .settings
        .byte_budget_mib
        .get_untracked()
        .saturating_mul(1 << 20);
    // A later Send or Close replaced this run: its late reports are dropped.
    let is_current = move || {
        state
            .active_run
            .with_value(|active| active.as_ref().is_some_and(|a| a.id == id))
    };
    stop_at_deadlines(state, stop_rules.clone(), started_ms, is_current);
    let mut captures = CaptureRun::new(&captures);
    let capture = move |state: AppState, captures: &mut CaptureRun| {
        let captured = state.log.with_value(|log| captures.sync(log));
        if let Some(environment) = library.set_captured(&captured) {
            let names: Vec<_> = captured
                .iter()
                .map(|c| format!("{{{{{}}}}}", c.variable))
                .collect();
            state.toaster.notify(format!(
                "Captured {} into the environment {environment}",
                names.join(", ")
            ));
        }
    };
    state.spawn(async move {
        let mut last_event_id = prepared.last_event_id().to_owned();
        let mut reconnection = prepared.reconnection(reconnect);
        let mut is_first = true;
        loop {
            // A reconnection was begun when it was scheduled (so the timeline shows the wait);
            // the first connection begins now.
            if is_first {
                let sent_ms = clock::monotonic_ms() - started_ms;
                state
                    .log
                    .update_value(|log| log.begin_connection(sent_ms, None, &last_event_id));
            }
            let mut run = Some(ConnectionRun::resuming(&last_event_id));
            let mut ending = None;
            let request = if is_first {
                prepared.resuming(&last_event_id)
            } else {
                prepared.reconnecting(&last_event_id)
            };
            let origin = origin_of(&request.url, &location::origin());
            let (open_stream, others_open) = state.open_streams.open(&origin);
            if let Some(note) = waiting_note(&origin, others_open) {
                explain_wait_later(state, note);
            }
            fetch_stream(&request, &controller.signal(), &mut |event| {
                // Reports of an aborted or replaced run are dropped: nothing shows after its close.
                if !is_current() {
                    return;
                }
                let applied = apply(
                    &mut run,
                    &mut state.log.write_value(),
                    event,
                    started_ms,
                    &stop_rules,
                );
                match applied {
                    Applied::Continue => {}
                    Applied::Ended(ended) => ending = Some(ended),
                    // A stop rule met by an event ends the run there, cleanly.
                    Applied::StopRuleMet(rule) => stop(state, CloseReason::StoppedByRule { rule }),
                }
                // Past the budget the session stops as if closed, keeping what came.
                if state.log.with_value(SessionLog::bytes_received) > budget_bytes {
                    stop(state, CloseReason::BudgetExceeded { budget_bytes });
                }
                if !captures.is_empty() {
                    capture(state, &mut captures);
                }
                state.refresh_log_view();
            })
            .await;
            drop(open_stream);
            if !is_current() {
                return;
            }
            // The transport always reports an end (see `TransportEvent`).
            let Some(ending) = ending else {
                break;
            };
            let now = clock::monotonic_ms() - started_ms;
            let delay = reconnection.after_end(
                &mut state.log.write_value(),
                &ending,
                now,
                random_fraction(),
            );
            last_event_id = ending.last_event_id;
            state.refresh_log_view();
            let Some(delay) = delay else {
                break;
            };
            sleep_ms(delay.round() as u32).await;
            if !is_current() {
                return;
            }
            is_first = false;
        }
        if is_current() {
            // A body that is not an event stream is kept when its connection ends.
            capture(state, &mut captures);
            let active = state.active_run.write_value().take();
            state.is_streaming.set(false);
            state.refresh_log_view();
            let history_id = state.log.with_value(|log| library.record_run(log, &sent));
            if let Some(ended) = active.and_then(|active| active.ended) {
                let _ = ended.send(history_id);
            }
        }
    });
    Some(on_end)
}

/// Ends the run with a time stop rule of `rules` when one falls due ("after T s", "after S s
/// without an event"): wakes at the earliest deadline, which an event may move, until the run
/// is no longer `is_current`.
fn stop_at_deadlines(
    state: AppState,
    rules: Vec<StopRule>,
    started_ms: f64,
    is_current: impl Fn() -> bool + 'static,
) {
    if next_deadline(&rules, &SessionLog::default()).is_none()
        && !rules
            .iter()
            .any(|rule| matches!(rule, StopRule::IdleMs { .. }))
    {
        return;
    }
    state.spawn(async move {
        // Before the response head an idle rule has no deadline yet: look again shortly.
        const UNTIL_HEAD_MS: u32 = 100;
        while is_current() {
            let now = clock::monotonic_ms() - started_ms;
            let deadline = state.log.with_value(|log| next_deadline(&rules, log));
            match deadline {
                Some((at_ms, rule)) if at_ms <= now => {
                    stop(state, CloseReason::StoppedByRule { rule });
                    return;
                }
                Some((at_ms, _)) => sleep_ms((at_ms - now).ceil() as u32).await,
                None => sleep_ms(UNTIL_HEAD_MS).await,
            }
        }
    });
}

/// The user confirmed what `AppState::secret_spend` asked: its origin is remembered for this
/// request, and the request is sent.
pub fn confirm_and_send(state: AppState, library: Library) {
    let Some(spend) = state.secret_spend.get_untracked() else {
        return;
    };
    state
        .draft
        .update(|draft| draft.trust.confirm(&spend.origin));
    state.secret_spend.set(None);
    send(state, library);
}

/// Shows `note` as the reason the open connection waits if, after
/// [`connection_limit::EXPLAIN_AFTER_MS`], it still has no response head.
fn explain_wait_later(state: AppState, note: String) {
    let connection = state.log.with_value(|log| log.connections().len());
    state.spawn(async move {
        sleep_ms(connection_limit::EXPLAIN_AFTER_MS).await;
        let still_waiting = state.log.with_value(|log| {
            !log.is_closed()
                && log.connections().len() == connection
                && log
                    .connections()
                    .last()
                    .is_some_and(|last| last.head.is_none() && last.ended.is_none())
        });
        if still_waiting {
            state.log.update_value(|log| log.waiting_note = Some(note));
            state.refresh_log_view();
        }
    });
}

/// Closes the run in flight, if any: it ends as "aborted by you" at once, and the fetch is aborted.
pub fn close(state: AppState) {
    stop(state, CloseReason::Aborted);
}

/// Ends the run in flight, if any, at once with `reason`, and aborts its fetch (see [`close`]).
fn stop(state: AppState, reason: CloseReason) {
    let Some(active) = state.active_run.write_value().take() else {
        return;
    };
    let at_ms = clock::monotonic_ms() - active.started_ms;
    state.log.update_value(|log| log.close(reason, at_ms));
    active.controller.abort();
    state.is_streaming.set(false);
    state.refresh_log_view();
    let history_id = state
        .log
        .with_value(|log| active.library.record_run(log, &active.sent));
    if let Some(ended) = active.ended {
        let _ = ended.send(history_id);
    }
}

/// Shows a run that is not live (a history entry): closes the run in flight, then puts the log
/// that `make_log` builds for the next run id in the timeline.
pub fn show_log(state: AppState, make_log: impl FnOnce(u64) -> SessionLog) {
    let last_id = state.last_run_id.get_value();
    close(state);
    state.request_error.set(None);
    let id = last_id + 1;
    state.last_run_id.set_value(id);
    state.log.set_value(make_log(id));
    state.refresh_log_view();
}

/// Opens history entry `id` of `library` in tab `state` as a run, as if live; says in the toast
/// why when it cannot be read.
pub fn open_history(state: AppState, library: Library, id: String) {
    state.spawn(async move {
        match library.history_entry(id).await {
            Ok(entry) => show_log(state, |run_id| entry.replay(run_id)),
            Err(message) => state.notify(message),
        }
    });
}

/// Feeds one transport report into the connection `run`; returns how it ended when it did.
fn apply(
    run: &mut Option<ConnectionRun>,
    log: &mut SessionLog,
    event: TransportEvent,
    started_ms: f64,
    stop_rules: &[StopRule],
) -> Applied {
    match event {
        TransportEvent::Opened {
            status,
            status_text,
            headers,
            at_ms,
        } => {
            if let Some(run) = run {
                run.opened(log, status, status_text, headers, at_ms - started_ms);
            }
            Applied::Continue
        }
        TransportEvent::Chunk {
            bytes,
            at_ms,
            is_continuation,
        } => {
            let mut met = None;
            if let Some(run) = run {
                // The run stops at the event that meets a rule, even mid-chunk.
                run.chunk_part_until(log, &bytes, at_ms - started_ms, is_continuation, |log| {
                    met = met_by_last_event(stop_rules, log);
                    met.is_some()
                });
            }
            met.map_or(Applied::Continue, Applied::StopRuleMet)
        }
        TransportEvent::Ended { at_ms } => run.take().map_or(Applied::Continue, |run| {
            Applied::Ended(run.ended(log, at_ms - started_ms))
        }),
        TransportEvent::Failed { message, at_ms } => run.take().map_or(Applied::Continue, |run| {
            Applied::Ended(run.failed(log, message, at_ms - started_ms))
        }),
    }
}

/// What a transport report came to.
enum Applied {
    /// The connection goes on.
    Continue,
    /// It ended so.
    Ended(Ending),
    /// An event met this stop rule (its label): the run stops there.
    StopRuleMet(String),
}

/// Bytes of an opened file or pasted text decoded per step, between which the page stays
/// responsive; each step counts as one chunk.
const OFFLINE_CHUNK_BYTES: usize = 1 << 20;

/// Shows a raw stream that did not come from the network (a file's or pasted text's `bytes`,
/// named `source`) as a run: decoded exactly as a received one of `media_type` (when `None`, as
/// `media_type::of_offline` tells from the name and bytes: an event stream or NDJSON), in 1 MiB
/// chunks; or, when the bytes are one of the app's exports (session JSON, NDJSON), the run they
/// came from.
pub fn open_offline(
    state: AppState,
    source: String,
    bytes: Vec<u8>,
    media_type: Option<&'static str>,
) {
    // One of the app's own exports opens as the run it was.
    let exported = reopen(
        &bytes,
        &source,
        state.last_run_id.get_value() + 1,
        clock::unix_ms(),
        clock::utc_offset_minutes(),
    );
    match exported {
        Some(Ok(log)) => return show_log(state, move |_| log),
        Some(Err(message)) => {
            state.request_error.set(Some(message));
            return;
        }
        None => {}
    }
    let media_type = media_type.unwrap_or_else(|| of_offline(&source, &bytes));
    close(state);
    state.request_error.set(None);
    let id = state.last_run_id.get_value() + 1;
    state.last_run_id.set_value(id);
    let mut log = SessionLog::new(id, source, clock::unix_ms(), clock::utc_offset_minutes());
    log.is_offline = true;
    // The tab's request says how to read it: a rule can be tried on a saved stream.
    log.sent.reading = state.draft.with_untracked(|draft| draft.reading.clone());
    state.log.set_value(log);
    state.refresh_log_view();
    state.spawn(async move {
        let is_current = move || state.last_run_id.get_value() == id;
        let mut run = ConnectionRun::new();
        let head = vec![("content-type".to_owned(), media_type.to_owned())];
        state
            .log
            .update_value(|log| run.opened(log, 200, String::new(), head, 0.0));
        for chunk in bytes.chunks(OFFLINE_CHUNK_BYTES) {
            if !is_current() {
                return;
            }
            state.log.update_value(|log| run.chunk(log, chunk, 0.0));
            state.refresh_log_view();
            yield_to_browser().await;
        }
        if is_current() {
            state.log.update_value(|log| {
                run.ended(log, 0.0);
                log.close_as_last_connection_ended();
            });
            state.refresh_log_view();
        }
    });
}

/// Opens a file the user picked as an offline run (see [`open_offline`]); a file that cannot be
/// read is reported in the toast and changes nothing.
pub fn open_file(state: AppState, file: web_sys::File) {
    state.spawn(async move {
        match read_bytes(&file).await {
            Ok(bytes) => open_offline(state, file.name(), bytes, None),
            Err(message) => state.notify(message),
        }
    });
}
