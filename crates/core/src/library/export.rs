//! Events as JSON, for "copy as JSON" and the session exports: NDJSON (one event per line), the
//! raw stream, and one JSON document with the request, the response head and the events.
//! Secret-looking query parameters of the request URL are masked (see [`crate::request::secrets`]).

use serde_json::{Value, json};

use crate::request::secrets::redact_url;
use crate::session::log::{EventView, SessionLog};

/// Version of the session JSON document's shape (`"version"`), raised when it changes.
pub const SESSION_FORMAT_VERSION: u32 = 1;

/// Bytes of NDJSON gathered before each call of `write` in [`write_ndjson`].
const PIECE_BYTES: usize = 1 << 20;

/// One event as a JSON object: `type`, `id` (the last event ID), `data`, `time` (local
/// `HH:MM:SS.mmm`), `offset_ms` (ms since the request started), `bytes` (its block's size on the
/// wire) and `stream_offset` (its block's first byte in the stream).
pub fn event_json(log: &SessionLog, event: &EventView<'_>) -> Value {
    json!({
        "type": event.event_type,
        "id": event.last_event_id,
        "data": event.data,
        "time": log.time_of_day(event.at_ms),
        "offset_ms": to_micros(event.at_ms),
        "bytes": event.wire_bytes(),
        "stream_offset": event.span.start,
    })
}

/// The log's events as NDJSON (one [`event_json`] object per line, each ending in LF), handed to
/// `write` in pieces of about 1 MiB so a million events never make one giant string.
pub fn write_ndjson(log: &SessionLog, mut write: impl FnMut(&str)) {
    let mut piece = String::with_capacity(PIECE_BYTES + 4096);
    for index in 0..log.event_count() {
        if let Some(event) = log.event(index) {
            piece.push_str(&event_json(log, &event).to_string());
            piece.push('\n');
        }
        if piece.len() >= PIECE_BYTES {
            write(&piece);
            piece.clear();
        }
    }
    if !piece.is_empty() {
        write(&piece);
    }
}

/// `ms` rounded to the microsecond: what a clock in ms is good for (`37.10000000009313` is
/// `37.1`).
fn to_micros(ms: f64) -> f64 {
    (ms * 1000.0).round() / 1000.0
}

/// The whole session as one JSON document: `format` ("sse-studio-session"), `version`,
/// `request` (`method`, `url` with secret query values masked), `response` (`status`,
/// `status_text`, `headers` as `[name, value]` pairs, `ms_to_headers`) of the latest connection
/// or null, `close` (`reason`, `title`, `at_ms`) or null while running, `connections` (one per
/// connection of the session: `sent_ms`, `delay_ms` or null, `last_event_id` sent, `status` or
/// null, `first_event` index, `end` as `close` or null), and `events` (as [`event_json`]).
pub fn session_json(log: &SessionLog) -> Value {
    let (method, url) = log.target.split_once(' ').unwrap_or(("", &log.target));
    let events: Vec<Value> = (0..log.event_count())
        .filter_map(|index| log.event(index))
        .map(|event| event_json(log, &event))
        .collect();
    json!({
        "format": "sse-studio-session",
        "version": SESSION_FORMAT_VERSION,
        "request": { "method": method, "url": redact_url(url) },
        "response": log.response().map(|head| json!({
            "status": head.status,
            "status_text": head.status_text,
            "headers": head.headers,
            "ms_to_headers": to_micros(head.at_ms),
        })),
        "close": log.closed.as_ref().map(|closed| json!({
            "reason": closed.reason.kind(),
            "title": closed.reason.title(),
            "at_ms": to_micros(closed.at_ms),
        })),
        "connections": log.connections().iter().map(|connection| json!({
            "sent_ms": to_micros(connection.sent_ms),
            "delay_ms": connection.delay_ms.map(to_micros),
            "last_event_id": connection.last_event_id,
            "status": connection.head.as_ref().map(|head| head.status),
            "first_event": connection.first_event,
            "end": connection.ended.as_ref().map(|ended| json!({
                "reason": ended.reason.kind(),
                "title": ended.reason.title(),
                "at_ms": to_micros(ended.at_ms),
            })),
        })).collect::<Vec<_>>(),
        "events": events,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::close_reason::CloseReason;

    fn log() -> SessionLog {
        let mut log = SessionLog::new(1, "GET http://h/s?key=sk-1".into(), 1_795_823_999_500.0, 0);
        let event = sse_codec::EventRef {
            event_type: "tick",
            data: "{\"n\":1}",
            last_event_id: "7",
            span: 10..40,
        };
        log.push_event(&event, 12.3456, &[]);
        log
    }

    #[test]
    fn an_event_becomes_an_object_with_its_fields_and_times() {
        let log = log();
        let view = log.event(0).expect("pushed");
        assert_eq!(
            event_json(&log, &view),
            json!({"type":"tick","id":"7","data":"{\"n\":1}","time":"23:59:59.512",
                   "offset_ms":12.346,"bytes":30,"stream_offset":10})
        );
    }

    #[test]
    fn ndjson_has_one_parsable_line_per_event() {
        let mut log = log();
        let second = sse_codec::EventRef {
            event_type: "message",
            data: "line one\nline two",
            last_event_id: "",
            span: 40..80,
        };
        log.push_event(&second, 20.0, &[]);
        let mut out = String::new();
        write_ndjson(&log, |piece| out.push_str(piece));
        let lines: Vec<Value> = out
            .lines()
            .map(|line| serde_json::from_str(line).expect("each line is JSON"))
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1]["data"], "line one\nline two");
    }

    #[test]
    fn the_session_document_masks_secret_query_values() {
        let mut log = log();
        log.close(CloseReason::Clean, 50.0);
        let document = session_json(&log);
        assert_eq!(document["request"]["url"], "http://h/s?key=•••");
        assert_eq!(document["request"]["method"], "GET");
        assert_eq!(document["close"]["reason"], "clean");
        assert_eq!(document["events"][0]["id"], "7");
        assert_eq!(document["response"], Value::Null);
    }

    #[test]
    fn the_session_document_lists_each_connection_with_the_id_it_sent() {
        let mut log = SessionLog::new(1, "GET http://h/s".into(), 0.0, 0);
        log.begin_connection(0.0, None, "");
        log.end_connection(
            CloseReason::NetworkError {
                message: "network error".into(),
            },
            10.0,
        );
        log.begin_connection(3010.0, Some(3000.0), "41");
        log.close(CloseReason::Aborted, 3020.0);
        let connections = &session_json(&log)["connections"];
        assert_eq!(connections[0]["end"]["reason"], "network-error");
        assert_eq!(connections[1]["last_event_id"], "41");
        assert_eq!(connections[1]["delay_ms"], 3000.0);
        assert_eq!(connections[1]["end"]["reason"], "aborted");
    }

    #[test]
    fn times_are_written_to_the_microsecond_not_as_float_noise() {
        // Regression (issue 15, item 8): `37.10000000009313`.
        assert_eq!(to_micros(37.100_000_000_093_13), 37.1);
        let mut log = log();
        log.close(CloseReason::Clean, 37.100_000_000_093_13);
        let json = session_json(&log);
        assert_eq!(json["close"]["at_ms"], 37.1);
    }
}
