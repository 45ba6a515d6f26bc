//! The id an event set with its own `id` field, read back from the session log (which keeps the
//! last event ID string at each dispatch, not whether the event carried the field).

use crate::session::log::{SessionLog, has_id_field};

/// The id event `index` set, or `None` when its block has no `id` field (it kept the previous
/// last event ID). An event whose last event ID differs from the previous event's set it; one
/// with the same value is read from its block's lines (WHATWG HTML § 9.2.6: a line `id` or
/// `id:…` is the field; a value containing NULL is ignored, so the string stays as it was).
pub fn own_id(log: &SessionLog, index: usize) -> Option<String> {
    let event = log.event(index)?;
    let before = match index.checked_sub(1) {
        Some(previous) if log.connection_of(previous) == log.connection_of(index) => {
            log.event(previous).map(|e| e.last_event_id.to_owned())
        }
        // A connection's first event: before it, the id the connection resumed from.
        _ => log
            .connections()
            .get(log.connection_of(index))
            .map(|connection| connection.last_event_id.clone()),
    };
    if before.as_deref() != Some(event.last_event_id) {
        return Some(event.last_event_id.to_owned());
    }
    has_id_field(&log.block_lines(event.span)).then(|| event.last_event_id.to_owned())
}
