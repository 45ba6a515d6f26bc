//! The id an event set with its own `id` field, read back from the session log (which keeps the
//! last event ID string at each dispatch, not whether the event carried the field).

use crate::session::log::SessionLog;

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

/// Whether the block's lines (any of CR LF, LF, CR) include an `id` field.
fn has_id_field(block: &[u8]) -> bool {
    block
        .split(|byte| *byte == b'\n' || *byte == b'\r')
        .any(|line| line == b"id" || line.starts_with(b"id:"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::connection_run::ConnectionRun;
    use crate::session::log::SessionLog;

    fn log_of(body: &str) -> SessionLog {
        let mut log = SessionLog::new(1, "GET http://h/".into(), 0.0, 0);
        log.begin_connection(0.0, None, "");
        let mut run = ConnectionRun::new();
        run.opened(
            &mut log,
            200,
            "OK".into(),
            vec![("content-type".into(), "text/event-stream".into())],
            1.0,
        );
        run.chunk(&mut log, body.as_bytes(), 2.0);
        log
    }

    #[test]
    fn an_event_sets_an_id_only_with_its_own_id_field() {
        let log = log_of("id: 1\ndata: a\n\ndata: b\n\nid: 1\ndata: c\n\nid\ndata: d\n\n");
        let ids: Vec<_> = (0..4).map(|index| own_id(&log, index)).collect();
        assert_eq!(
            ids,
            [
                Some("1".into()),
                None,
                Some("1".into()),
                Some(String::new())
            ]
        );
    }
}
