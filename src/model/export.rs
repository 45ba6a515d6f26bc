//! Events as JSON, for "copy as JSON" and the session exports.

use serde_json::{Value, json};

use crate::model::session_log::{EventView, SessionLog};

/// One event as a JSON object: `type`, `id` (the last event ID), `data`, `time` (local
/// `HH:MM:SS.mmm`), `offset_ms` (ms since the request started), `bytes` (its block's size on the
/// wire) and `stream_offset` (its block's first byte in the stream).
pub fn event_json(log: &SessionLog, event: &EventView<'_>) -> Value {
    json!({
        "type": event.event_type,
        "id": event.last_event_id,
        "data": event.data,
        "time": log.time_of_day(event.at_ms),
        "offset_ms": (event.at_ms * 1000.0).round() / 1000.0,
        "bytes": event.wire_bytes(),
        "stream_offset": event.span.start,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_becomes_an_object_with_its_fields_and_times() {
        let mut log = SessionLog::new(1, "GET /x".into(), 1_795_823_999_500.0, 0);
        let event = sse_codec::EventRef {
            event_type: "tick",
            data: "{\"n\":1}",
            last_event_id: "7",
            span: 10..40,
        };
        log.push_event(&event, 12.3456, &[]);
        let view = log.event(0).expect("pushed");
        assert_eq!(
            event_json(&log, &view),
            json!({"type":"tick","id":"7","data":"{\"n\":1}","time":"23:59:59.512",
                   "offset_ms":12.346,"bytes":30,"stream_offset":10})
        );
    }
}
