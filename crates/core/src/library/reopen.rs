//! Opening the app's own exports again: a session JSON document or an NDJSON export, opened
//! offline, becomes the run it was — the same events, types, ids, times and connections —
//! instead of a raw stream of 0 events that ends "truncated". Each event is written back as an
//! event stream block (`sse_codec::encode_event`) and decoded like any received stream, at the
//! time it was received, on the connection it came on.

use serde_json::Value;

use crate::library::export::SESSION_FORMAT_VERSION;
use crate::session::close_reason::CloseReason;
use crate::session::connection_run::ConnectionRun;
use crate::session::log::SessionLog;

// Read from `serde_json::Value` by hand rather than derived: the app's wasm is size-budgeted,
// and each derived `Deserialize` costs kilobytes there.

/// The string at `key` of `value`, or empty.
fn text(value: &Value, key: &str) -> String {
    value
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// The number at `key` of `value`, or 0.
fn number(value: &Value, key: &str) -> f64 {
    value.get(key).and_then(Value::as_f64).unwrap_or_default()
}

/// One exported event (see `export::event_json`); other fields are ignored.
struct ExportedEvent {
    event_type: String,
    id: String,
    data: String,
    offset_ms: f64,
}

impl ExportedEvent {
    /// The event `value` describes: it needs a `type` and `data`.
    fn read(value: &Value) -> Option<Self> {
        Some(Self {
            event_type: value.get("type")?.as_str()?.to_owned(),
            id: text(value, "id"),
            data: value.get("data")?.as_str()?.to_owned(),
            offset_ms: number(value, "offset_ms"),
        })
    }
}

/// How an exported connection or session ended.
struct ExportedEnd {
    reason: String,
    title: String,
    at_ms: f64,
}

impl ExportedEnd {
    fn read(value: &Value) -> Option<Self> {
        Some(Self {
            reason: value.get("reason")?.as_str()?.to_owned(),
            title: text(value, "title"),
            at_ms: number(value, "at_ms"),
        })
    }
}

struct ExportedConnection {
    sent_ms: f64,
    delay_ms: Option<f64>,
    last_event_id: String,
    status: Option<u16>,
    first_event: usize,
    end: Option<ExportedEnd>,
}

impl ExportedConnection {
    fn read(value: &Value) -> Self {
        Self {
            sent_ms: number(value, "sent_ms"),
            delay_ms: value.get("delay_ms").and_then(Value::as_f64),
            last_event_id: text(value, "last_event_id"),
            status: value
                .get("status")
                .and_then(Value::as_u64)
                .and_then(|status| u16::try_from(status).ok()),
            first_event: value
                .get("first_event")
                .and_then(Value::as_u64)
                .and_then(|index| usize::try_from(index).ok())
                .unwrap_or_default(),
            end: value.get("end").and_then(ExportedEnd::read),
        }
    }
}

struct ExportedResponse {
    status: u16,
    status_text: String,
    headers: Vec<(String, String)>,
    ms_to_headers: f64,
}

impl ExportedResponse {
    fn read(value: &Value) -> Option<Self> {
        let headers = value
            .get("headers")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|pair| {
                Some((
                    pair.get(0)?.as_str()?.to_owned(),
                    pair.get(1)?.as_str()?.to_owned(),
                ))
            })
            .collect();
        Some(Self {
            status: u16::try_from(value.get("status")?.as_u64()?).ok()?,
            status_text: text(value, "status_text"),
            headers,
            ms_to_headers: number(value, "ms_to_headers"),
        })
    }
}

/// The run that `bytes` (a file or pasted text named `source`) was exported from, as log
/// `run_id` started at `started_unix_ms`, when they are one of the app's exports; `None` when
/// they are not (a raw event stream, say).
///
/// # Errors
/// A sentence when they are a session export this version cannot read (a newer one, or damaged).
pub fn reopen(
    bytes: &[u8],
    source: &str,
    run_id: u64,
    started_unix_ms: f64,
    utc_offset_minutes: i32,
) -> Option<Result<SessionLog, String>> {
    let text = std::str::from_utf8(bytes).ok()?.trim();
    let new_log =
        |target: String| SessionLog::new(run_id, target, started_unix_ms, utc_offset_minutes);
    // One line of NDJSON is a JSON document too: it is read below.
    if text.starts_with('{')
        && let Ok(value) = serde_json::from_str::<Value>(text)
        && value.get("format").and_then(Value::as_str) == Some("sse-studio-session")
    {
        return Some(session(value, new_log));
    }
    let events: Vec<ExportedEvent> = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| ExportedEvent::read(&serde_json::from_str(line).ok()?))
        .collect::<Option<_>>()?;
    if events.is_empty() {
        return None;
    }
    let mut log = new_log(format!("{source} (NDJSON export)"));
    log.is_offline = true;
    log.begin_connection(0.0, None, "");
    let mut run = ConnectionRun::new();
    run.opened(&mut log, 200, String::new(), event_stream(), 0.0);
    feed(&mut run, &mut log, &events);
    let at_ms = events.last().map_or(0.0, |event| event.offset_ms);
    log.end_connection(CloseReason::Clean, at_ms);
    log.close(CloseReason::Clean, at_ms);
    Some(Ok(log))
}

/// The session document `value` as a log made by `new_log(target)`.
fn session(value: Value, new_log: impl FnOnce(String) -> SessionLog) -> Result<SessionLog, String> {
    let version = value.get("version").and_then(Value::as_u64).unwrap_or(0);
    if version > u64::from(SESSION_FORMAT_VERSION) {
        return Err(format!(
            "This session was exported by a newer SSE Studio (version {version}): update this one to open it."
        ));
    }
    let damaged =
        |what: &str| format!("This session export is damaged ({what}): nothing was opened.");
    let events: Vec<ExportedEvent> = value
        .get("events")
        .and_then(Value::as_array)
        .ok_or_else(|| damaged("it has no events list"))?
        .iter()
        .map(ExportedEvent::read)
        .collect::<Option<_>>()
        .ok_or_else(|| damaged("an event has no type or data"))?;
    let request = value.get("request").unwrap_or(&Value::Null);
    let response = value.get("response").and_then(ExportedResponse::read);
    let mut log = new_log(format!(
        "{} {}",
        text(request, "method"),
        text(request, "url")
    ));
    log.is_offline = true;
    let mut connections: Vec<ExportedConnection> = value
        .get("connections")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(ExportedConnection::read)
        .collect();
    if connections.is_empty() {
        // A run of one connection, as the document's response and close describe it.
        connections.push(ExportedConnection {
            sent_ms: 0.0,
            delay_ms: None,
            last_event_id: String::new(),
            status: response.as_ref().map(|response| response.status),
            first_event: 0,
            end: None,
        });
    }
    let last = connections.len() - 1;
    let mut last_event_id = String::new();
    for (position, connection) in connections.iter().enumerate() {
        let end_event = connections
            .get(position + 1)
            .map_or(events.len(), |next| next.first_event)
            .min(events.len());
        log.begin_connection(
            connection.sent_ms,
            connection.delay_ms,
            &connection.last_event_id,
        );
        let mut run = ConnectionRun::resuming(&last_event_id);
        if let Some(status) = connection.status {
            // The document keeps the latest response's head only.
            let head = response.as_ref().filter(|_| position == last);
            let (status_text, headers, at_ms) = head.map_or_else(
                || (String::new(), event_stream(), connection.sent_ms),
                |head| {
                    (
                        head.status_text.clone(),
                        head.headers.clone(),
                        connection.sent_ms + head.ms_to_headers,
                    )
                },
            );
            run.opened(&mut log, status, status_text, headers, at_ms);
        }
        let of_connection = events
            .get(connection.first_event.min(end_event)..end_event)
            .unwrap_or_default();
        feed(&mut run, &mut log, of_connection);
        last_event_id = run.last_event_id().to_owned();
        if let Some(end) = &connection.end {
            log.end_connection(reason(end), end.at_ms);
        }
    }
    if let Some(close) = value.get("close").and_then(ExportedEnd::read) {
        log.close(reason(&close), close.at_ms);
    }
    Ok(log)
}

/// Each event written back as an event stream block and decoded at its time.
fn feed(run: &mut ConnectionRun, log: &mut SessionLog, events: &[ExportedEvent]) {
    for event in events {
        let mut block = String::new();
        sse_codec::encode_event(
            &mut block,
            Some(&event.event_type),
            Some(&event.id),
            &event.data,
        );
        run.chunk(log, block.as_bytes(), event.offset_ms);
    }
}

fn event_stream() -> Vec<(String, String)> {
    vec![("content-type".to_owned(), "text/event-stream".to_owned())]
}

/// The close reason an export names by its kind (see `CloseReason::kind`), with what the
/// export kept of it.
fn reason(end: &ExportedEnd) -> CloseReason {
    match end.reason.as_str() {
        "clean" => CloseReason::Clean,
        "truncated" => CloseReason::Truncated {
            pending: String::new(),
            pending_bytes: 0,
        },
        "aborted" => CloseReason::Aborted,
        "http-error" => CloseReason::HttpError {
            status: end
                .title
                .split_whitespace()
                .find_map(|word| word.parse().ok())
                .unwrap_or(0),
            status_text: String::new(),
        },
        _ => CloseReason::NetworkError {
            message: end.title.clone(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::export::{session_json, write_ndjson};

    /// A session of two connections: three events, ids carried, a reconnection after 500 ms.
    fn recorded() -> SessionLog {
        let mut log = SessionLog::new(1, "GET http://h/s".into(), 1_795_823_999_500.0, 60);
        log.begin_connection(0.0, None, "");
        let mut run = ConnectionRun::new();
        run.opened(&mut log, 200, "OK".into(), event_stream(), 5.0);
        run.chunk(&mut log, b"event: tick\nid: 1\ndata: one\n\n", 10.25);
        run.chunk(&mut log, b"data: two\ndata: lines\n\n", 20.5);
        let ending = run.failed(&mut log, "network error".into(), 30.0);
        log.begin_connection(530.0, Some(500.0), &ending.last_event_id);
        let mut run = ConnectionRun::resuming(&ending.last_event_id);
        run.opened(&mut log, 200, "OK".into(), event_stream(), 540.0);
        run.chunk(&mut log, b"event: tock\nid: 2\ndata: three\n\n", 550.125);
        run.ended(&mut log, 560.0);
        log.close_as_last_connection_ended();
        log
    }

    /// (type, id, data, ms, connection) of each event.
    fn events(log: &SessionLog) -> Vec<(String, String, String, f64, usize)> {
        (0..log.event_count())
            .filter_map(|index| {
                let event = log.event(index)?;
                Some((
                    event.event_type.to_owned(),
                    event.last_event_id.to_owned(),
                    event.data.to_owned(),
                    event.at_ms,
                    log.connection_of(index),
                ))
            })
            .collect()
    }

    #[test]
    fn a_session_export_opens_as_the_same_run() {
        // Regression (issue 15, item 6): it opened as 0 events, "truncated".
        let original = recorded();
        let exported = session_json(&original).to_string();
        let reopened = reopen(exported.as_bytes(), "s.json", 2, 0.0, 0)
            .expect("an export")
            .expect("readable");
        assert_eq!(events(&reopened), events(&original));
        assert_eq!(reopened.connections().len(), 2);
        assert_eq!(reopened.connections()[1].last_event_id, "1");
        assert_eq!(reopened.connections()[1].delay_ms, Some(500.0));
        assert_eq!(
            reopened.closed.map(|closed| closed.reason.kind()),
            Some("clean")
        );
    }

    #[test]
    fn an_ndjson_export_opens_with_the_same_events() {
        let original = recorded();
        let mut exported = String::new();
        write_ndjson(&original, |piece| exported.push_str(piece));
        let reopened = reopen(exported.as_bytes(), "s.ndjson", 2, 0.0, 0)
            .expect("an export")
            .expect("readable");
        let strip_connection = |log: &SessionLog| {
            events(log)
                .into_iter()
                .map(|(event_type, id, data, ms, _)| (event_type, id, data, ms))
                .collect::<Vec<_>>()
        };
        assert_eq!(strip_connection(&reopened), strip_connection(&original));
    }

    #[test]
    fn a_raw_stream_is_not_an_export_and_a_newer_export_says_so() {
        assert!(reopen(b"data: x\n\n", "s.sse", 2, 0.0, 0).is_none());
        assert!(reopen(b"{\"data\": 1}", "s.json", 2, 0.0, 0).is_none());
        let newer =
            "{\"format\":\"sse-studio-session\",\"version\":99,\"request\":{},\"events\":[]}";
        let refused = reopen(newer.as_bytes(), "s.json", 2, 0.0, 0).expect("an export");
        assert!(matches!(refused, Err(message) if message.contains("newer")));
    }
}
