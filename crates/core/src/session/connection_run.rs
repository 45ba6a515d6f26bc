//! One connection run, from response head to close: turns the transport's messages (head, body
//! chunks, end or error) into session log entries, decoding event streams — and streams of
//! line-delimited JSON records — with sse-codec. Each
//! connection of a session has its own run; a reconnection's run resumes from the last event ID
//! of the one before, and its byte offsets follow the earlier connections' bytes in the log.

use sse_codec::{Decoder, End, Framing, ItemRef, Limit, LimitExceeded, RecordDecoder, RecordRef};

use crate::present::excerpt::{EXCERPT_BYTES, excerpt};
use crate::session::close_reason::CloseReason;
use crate::session::log::SessionLog;
use crate::session::media_type;
use crate::session::reading::DEFAULT_RECORD_TYPE;
use crate::session::response_head::ResponseHead;
use crate::simple_path::SimplePath;

/// How a body is decoded into events (one per connection: the variants' sizes do not matter).
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
enum Framed {
    /// An event stream.
    Events(Decoder),
    /// Line-delimited JSON records (NDJSON, JSON Lines, JSON text sequences): a record is an
    /// event whose type is its top-level `"type"` string, or [`RECORD_TYPE`].
    Records(RecordDecoder),
}

/// The event type of a record without a top-level `"type"` string.
pub const RECORD_TYPE: &str = "record";

/// The event type of a record that is not UTF-8 (shown with U+FFFD for what is not).
pub const NOT_UTF8_TYPE: &str = "not-utf-8";

/// The decoding state of a run between its response head and its end.
#[derive(Debug, Default)]
pub struct ConnectionRun {
    /// Set for a 2xx event stream or stream of records.
    decoder: Option<Framed>,
    /// The body of a response shown as text (an event stream's bytes are kept by the log).
    body: Vec<u8>,
    /// The last event ID string: the one resumed from, then the decoder's.
    last_event_id: String,
    /// The log's stream offset of this connection's first byte (the decoder counts from 0).
    span_base: u64,
    /// What types each record (see [`Reading::record_type_path`]), for a stream of records.
    record_type: Option<SimplePath>,
}

/// How a run ended.
#[derive(Debug, Clone, PartialEq)]
pub struct Ending {
    /// Why.
    pub reason: CloseReason,
    /// The last event ID string at the end: what a reconnection sends as `Last-Event-ID`.
    pub last_event_id: String,
}

impl ConnectionRun {
    /// A run waiting for its response head.
    pub fn new() -> Self {
        Self::default()
    }

    /// A run of a reconnection, resuming from the last event ID string `last_event_id` (see
    /// [`Decoder::resuming`]).
    pub fn resuming(last_event_id: &str) -> Self {
        Self {
            last_event_id: last_event_id.to_owned(),
            ..Self::default()
        }
    }

    /// The response head arrived: a 2xx response whose media type is `text/event-stream` (any
    /// parameters, any case) is decoded as events, one of line-delimited JSON records
    /// (`application/x-ndjson`, `application/jsonl`, `application/json-seq`…) as a record per
    /// event; anything else is kept as text.
    pub fn opened(
        &mut self,
        log: &mut SessionLog,
        status: u16,
        status_text: String,
        headers: Vec<(String, String)>,
        at_ms: f64,
    ) {
        let mut head = ResponseHead {
            status,
            status_text,
            headers,
            is_event_stream: false,
            at_ms,
        };
        if head.is_success() {
            let content_type = head.content_type();
            self.decoder = if media_type::is_event_stream(content_type) {
                Some(Framed::Events(Decoder::new().resuming(&self.last_event_id)))
            } else {
                Framing::of_media_type(content_type)
                    .map(|framing| Framed::Records(RecordDecoder::new(framing)))
            };
        }
        if let Some(Framed::Records(_)) = self.decoder {
            // A path that is not one falls back to the default (the editor says it is wrong).
            self.record_type = log
                .sent
                .reading
                .record_type_path()
                .or_else(|| SimplePath::parse(DEFAULT_RECORD_TYPE));
        }
        head.is_event_stream = self.decoder.is_some();
        self.span_base = log.raw_len();
        log.record_response(head);
    }

    /// A body chunk arrived `at_ms` after the request started (see [`ConnectionRun::chunk_part`]).
    pub fn chunk(&mut self, log: &mut SessionLog, bytes: &[u8], at_ms: f64) {
        self.chunk_part(log, bytes, at_ms, false);
    }

    /// A part of a body chunk that arrived `at_ms` after the request started: its first part, or
    /// (`continuation`) a later one. Decoding a large chunk part by part lets the page stay
    /// responsive in between; the log counts the parts as one chunk.
    pub fn chunk_part(
        &mut self,
        log: &mut SessionLog,
        bytes: &[u8],
        at_ms: f64,
        continuation: bool,
    ) {
        self.chunk_part_until(log, bytes, at_ms, continuation, |_| false);
    }

    /// As [`ConnectionRun::chunk_part`], asking `stop` after each event is recorded (the log
    /// then ends with it): once it says yes, the chunk's later events are not recorded — a run
    /// stopped "after 3 events" has 3 even when the 4th came in the same read. Returns whether
    /// it stopped.
    pub fn chunk_part_until(
        &mut self,
        log: &mut SessionLog,
        bytes: &[u8],
        at_ms: f64,
        continuation: bool,
        mut stop: impl FnMut(&SessionLog) -> bool,
    ) -> bool {
        log.record_chunk(bytes, at_ms, continuation);
        let base = self.span_base;
        let in_log = |span: std::ops::Range<u64>| span.start + base..span.end + base;
        let mut stopped = false;
        let decoder = match &mut self.decoder {
            None => {
                self.body.extend_from_slice(bytes);
                return false;
            }
            Some(Framed::Records(records)) => {
                records.feed_with(bytes, |record| {
                    if !stopped {
                        push_record(log, record, self.record_type.as_ref(), in_log, at_ms, bytes);
                        stopped = stop(log);
                    }
                });
                return stopped;
            }
            Some(Framed::Events(decoder)) => decoder,
        };
        decoder.feed_with(bytes, |item| {
            if stopped {
                return;
            }
            match item {
                ItemRef::Event(event) => {
                    let span = in_log(event.span.clone());
                    log.push_event(&sse_codec::EventRef { span, ..event }, at_ms, bytes);
                    stopped = stop(log);
                }
                ItemRef::Retry(milliseconds) => log.push_retry(milliseconds),
                ItemRef::LimitExceeded(mut exceeded) => {
                    exceeded.offset += base;
                    log.push_discarded(exceeded);
                }
                ItemRef::Undispatched { event_type, span } => {
                    log.push_undispatched(event_type, in_log(span));
                }
                // Comments are shown in the raw view of the event they precede.
                ItemRef::Comment(_) => {}
            }
        });
        stopped
    }

    /// The last event ID string so far: the one resumed from until the stream dispatches.
    pub fn last_event_id(&self) -> &str {
        match &self.decoder {
            Some(Framed::Events(decoder)) => decoder.last_event_id(),
            _ => &self.last_event_id,
        }
    }

    /// The body ended without error: the connection ends cleanly, truncated, or with the HTTP
    /// error status; a body that is not an event stream is kept as text. The session stays open
    /// ([`SessionLog::close_as_last_connection_ended`] closes it).
    pub fn ended(self, log: &mut SessionLog, at_ms: f64) -> Ending {
        let last_event_id = self.last_event_id().to_owned();
        let Some(head) = log.connections().last().and_then(|c| c.head.clone()) else {
            let reason = CloseReason::NetworkError {
                message: "the response ended before its head arrived".into(),
            };
            log.end_connection(reason.clone(), at_ms);
            return Ending {
                reason,
                last_event_id,
            };
        };
        let reason = match self.decoder {
            // A last record without its line end is handed on: NDJSON servers often omit it.
            Some(Framed::Records(records)) => {
                let base = self.span_base;
                let in_log = |span: std::ops::Range<u64>| span.start + base..span.end + base;
                records.finish(|record| {
                    push_record(log, record, self.record_type.as_ref(), in_log, at_ms, &[])
                });
                CloseReason::Clean
            }
            Some(Framed::Events(decoder)) => match decoder.finish() {
                End::Clean => CloseReason::Clean,
                End::Truncated { pending } => {
                    let pending = pending.start + self.span_base..pending.end + self.span_base;
                    // Only what is shown is copied: the pending bytes may be 50 MB with no line
                    // end, and they stay in the raw stream.
                    let shown_end = pending.end.min(pending.start + EXCERPT_BYTES as u64 + 1);
                    CloseReason::Truncated {
                        pending: excerpt(&log.raw_bytes(pending.start..shown_end)),
                        pending_bytes: pending.end - pending.start,
                    }
                }
            },
            None => {
                log.set_body(self.body);
                if head.is_success() {
                    CloseReason::Clean
                } else {
                    CloseReason::HttpError {
                        status: head.status,
                        status_text: head.status_text,
                    }
                }
            }
        };
        log.end_connection(reason.clone(), at_ms);
        Ending {
            reason,
            last_event_id,
        }
    }

    /// The request or the body failed with the browser's `message`: the connection ends with a
    /// network error (the session stays open, as in [`ConnectionRun::ended`]).
    pub fn failed(self, log: &mut SessionLog, message: String, at_ms: f64) -> Ending {
        let last_event_id = self.last_event_id().to_owned();
        if self.decoder.is_none() && log.connections().last().is_some_and(|c| c.head.is_some()) {
            log.set_body(self.body);
        }
        let reason = CloseReason::NetworkError { message };
        log.end_connection(reason.clone(), at_ms);
        Ending {
            reason,
            last_event_id,
        }
    }
}

/// Records `record` (spans made the log's by `in_log`) as an event that arrived at `at_ms` in
/// `chunk`: a record as its text (type: the string or other scalar at `record_type`, else
/// [`RECORD_TYPE`]), one that is not UTF-8 as [`NOT_UTF8_TYPE`] with U+FFFD, one over the limit
/// as a discarded event.
fn push_record(
    log: &mut SessionLog,
    record: RecordRef<'_>,
    record_type: Option<&SimplePath>,
    in_log: impl Fn(std::ops::Range<u64>) -> std::ops::Range<u64>,
    at_ms: f64,
    chunk: &[u8],
) {
    match record {
        RecordRef::Record { text, span } => {
            let event_type = record_type.and_then(|path| type_of(text, path));
            let event = sse_codec::EventRef {
                event_type: event_type.as_deref().unwrap_or(RECORD_TYPE),
                data: text,
                last_event_id: "",
                span: in_log(span),
            };
            log.push_event(&event, at_ms, chunk);
        }
        RecordRef::NotUtf8 { span } => {
            let span = in_log(span);
            let text = String::from_utf8_lossy(&log.raw_bytes(span.clone())).into_owned();
            let event = sse_codec::EventRef {
                event_type: NOT_UTF8_TYPE,
                data: &text,
                last_event_id: "",
                span,
            };
            log.push_event(&event, at_ms, chunk);
        }
        RecordRef::TooLong { offset, max_bytes } => log.push_discarded(LimitExceeded {
            limit: Limit::Event,
            offset: in_log(offset..offset).start,
            max_bytes,
        }),
    }
}

/// The string (or number or boolean, as JSON writes it) at `path` in the JSON text `text`, if
/// it has one that is not empty.
fn type_of(text: &str, path: &SimplePath) -> Option<String> {
    if !text.starts_with(['{', '[']) {
        return None;
    }
    let kind = match path.find(text).ok()?? {
        serde_json::Value::String(kind) => kind,
        scalar @ (serde_json::Value::Number(_) | serde_json::Value::Bool(_)) => scalar.to_string(),
        _ => return None,
    };
    (!kind.is_empty()).then_some(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(content_type: &str) -> Vec<(String, String)> {
        vec![("content-type".into(), content_type.into())]
    }

    fn run(status: u16, content_type: &str, chunks: &[&[u8]]) -> SessionLog {
        let mut log = SessionLog::new(1, "GET /x".into(), 0.0, 0);
        let mut run = ConnectionRun::new();
        run.opened(&mut log, status, String::new(), headers(content_type), 1.0);
        for (at, chunk) in (2..).zip(chunks) {
            run.chunk(&mut log, chunk, f64::from(at));
        }
        run.ended(&mut log, 99.0);
        log.close_as_last_connection_ended();
        log
    }

    #[test]
    fn an_event_stream_with_charset_is_decoded_into_events() {
        let log = run(
            200,
            "text/event-stream; charset=utf-8",
            &[b"data: a\n\nda", b"ta: b\n\n"],
        );
        assert_eq!(log.event_count(), 2);
        assert_eq!(log.event(1).map(|e| (e.data, e.at_ms)), Some(("b", 3.0)));
        assert_eq!(log.closed.map(|c| c.reason), Some(CloseReason::Clean));
        assert_eq!(log.body_text, None);
    }

    #[test]
    fn the_log_holds_the_same_events_and_raw_bytes_wherever_the_chunks_split() {
        let stream =
            "id: 1\ndata: héllo\n\nevent: x\ndata: two\ndata: lines\n\n: c\ndata: 答案\r\n\r\n";
        let bytes = stream.as_bytes();
        let events = |log: &SessionLog| {
            (0..log.event_count())
                .filter_map(|i| log.event(i))
                .map(|e| {
                    let raw = log.raw_bytes(e.span.clone()).into_owned();
                    (
                        e.event_type.to_owned(),
                        e.data.to_owned(),
                        e.last_event_id.to_owned(),
                        raw,
                    )
                })
                .collect::<Vec<_>>()
        };
        let whole = events(&run(200, "text/event-stream", &[bytes]));
        assert_eq!(whole.len(), 3);
        assert_eq!(whole[2].1, "答案");
        for cut in 0..=bytes.len() {
            let (first, second) = bytes.split_at(cut);
            let split = events(&run(200, "text/event-stream", &[first, second]));
            assert_eq!(split, whole, "split at {cut}");
        }
    }

    #[test]
    fn a_stream_ending_mid_event_is_truncated_with_its_pending_bytes() {
        let log = run(
            200,
            "text/event-stream",
            &[b"data: a\n\nevent: x\ndata: {\"par"],
        );
        assert_eq!(log.event_count(), 1);
        assert_eq!(
            log.closed.map(|c| c.reason),
            Some(CloseReason::Truncated {
                pending: "event: x\ndata: {\"par".into(),
                pending_bytes: 20
            })
        );
    }

    #[test]
    fn pending_bytes_are_exact_when_the_unfinished_event_spans_chunks() {
        let chunks: [&[u8]; 4] = [
            b"data: a\r\n\r",
            b"\nevent: x\r\n",
            b"data: b\r\n\r\nid: 9\r\nda",
            b"ta: {\"par",
        ];
        let log = run(200, "text/event-stream", &chunks);
        assert_eq!(log.event_count(), 2);
        assert_eq!(
            log.closed.map(|c| c.reason),
            Some(CloseReason::Truncated {
                pending: "id: 9\r\ndata: {\"par".into(),
                pending_bytes: 18
            })
        );
    }

    #[test]
    fn a_json_response_is_kept_as_text_not_decoded() {
        let log = run(
            200,
            "application/json",
            &[b"{\"data\": \"not an event\"}\n\n"],
        );
        assert_eq!(log.event_count(), 0);
        assert_eq!(
            log.body_text.as_deref(),
            Some("{\"data\": \"not an event\"}\n\n")
        );
        assert_eq!(log.closed.map(|c| c.reason), Some(CloseReason::Clean));
    }

    #[test]
    fn a_huge_body_is_kept_once_and_only_its_excerpt_as_text() {
        let big = vec![b'x'; 3 * EXCERPT_BYTES];
        let log = run(200, "text/plain", &[&big]);
        assert_eq!(log.body().len(), big.len(), "every byte is kept");
        assert_eq!(log.body_text.as_deref().map(str::len), Some(EXCERPT_BYTES));
    }

    #[test]
    fn the_pending_bytes_of_a_huge_truncated_event_are_counted_whole_and_shown_in_part() {
        // Regression: 50 MB with no line end was copied into the close reason whole.
        let mut endless = b"data: ".to_vec();
        endless.resize(3 * EXCERPT_BYTES, b'y');
        let log = run(200, "text/event-stream", &[&endless]);
        let Some(CloseReason::Truncated {
            pending,
            pending_bytes,
        }) = log.closed.map(|closed| closed.reason)
        else {
            panic!("not truncated");
        };
        assert_eq!(pending_bytes, endless.len() as u64);
        assert_eq!(pending.len(), EXCERPT_BYTES);
    }

    #[test]
    fn a_non_2xx_status_is_an_http_error_with_its_body_even_for_event_streams() {
        let log = run(401, "text/event-stream", &[b"data: denied\n\n"]);
        assert_eq!(log.event_count(), 0);
        assert_eq!(log.body_text.as_deref(), Some("data: denied\n\n"));
        assert_eq!(log.closed.map(|c| c.reason.kind()), Some("http-error"));
    }

    #[test]
    fn a_failure_mid_stream_is_a_network_error_keeping_the_events() {
        let mut log = SessionLog::new(1, "GET /x".into(), 0.0, 0);
        let mut run = ConnectionRun::new();
        run.opened(
            &mut log,
            200,
            "OK".into(),
            headers("text/event-stream"),
            1.0,
        );
        run.chunk(&mut log, b"data: a\n\ndata: b", 2.0);
        run.failed(&mut log, "network error".into(), 3.0);
        log.close_as_last_connection_ended();
        assert_eq!(log.event_count(), 1);
        assert_eq!(
            log.closed.map(|c| c.reason),
            Some(CloseReason::NetworkError {
                message: "network error".into()
            })
        );
    }

    #[test]
    fn an_ndjson_stream_is_a_record_per_event_typed_by_its_type_field_in_any_chunking() {
        let stream = "{\"model\":\"m\",\"message\":{\"content\":\"Hi\"},\"done\":false}\n{\"type\":\"text-delta\",\"delta\":\"caf\u{e9}\"}\r\n\n[1]\n{\"done\":true}";
        let bytes = stream.as_bytes();
        for at in 0..=bytes.len() {
            let (head, tail) = bytes.split_at(at);
            let log = run(200, "application/x-ndjson; charset=utf-8", &[head, tail]);
            let events: Vec<_> = (0..log.event_count())
                .filter_map(|i| log.event(i))
                .map(|e| {
                    (
                        e.event_type.to_owned(),
                        e.data.to_owned(),
                        log.raw_bytes(e.span.clone()).into_owned(),
                    )
                })
                .collect();
            let types: Vec<&str> = events.iter().map(|(t, _, _)| t.as_str()).collect();
            assert_eq!(
                types,
                ["record", "text-delta", "record", "record"],
                "split at {at}"
            );
            for (_, data, raw) in &events {
                assert_eq!(raw, data.as_bytes(), "the span holds the record");
            }
            assert_eq!(
                log.closed.as_ref().map(|c| c.reason.clone()),
                Some(CloseReason::Clean)
            );
            assert!(log.response().is_some_and(|head| head.is_event_stream));
        }
    }

    #[test]
    fn records_are_typed_by_the_path_the_request_chose() {
        let stream = b"{\"kind\":\"delta\",\"type\":\"x\"}\n{\"kind\":7}\n{\"kind\":{}}\n[]\n";
        let types = |record_type: &str| {
            let mut log = SessionLog::new(1, "GET /x".into(), 0.0, 0);
            log.sent.reading.record_type = record_type.into();
            let mut run = ConnectionRun::new();
            run.opened(
                &mut log,
                200,
                String::new(),
                headers("application/x-ndjson"),
                1.0,
            );
            run.chunk(&mut log, stream, 2.0);
            run.ended(&mut log, 3.0);
            (0..log.event_count())
                .filter_map(|i| log.event(i).map(|e| e.event_type.to_owned()))
                .collect::<Vec<_>>()
        };
        assert_eq!(types("$.kind"), ["delta", "7", "record", "record"]);
        assert_eq!(types(""), ["x", "record", "record", "record"]);
        // A path that is not one (no `$`) falls back to `$.type`.
        assert_eq!(types("kind"), ["x", "record", "record", "record"]);
    }

    #[test]
    fn a_record_that_is_not_utf8_or_too_long_is_said_and_the_rest_goes_on() {
        let log = run(200, "application/jsonl", &[b"{\"a\":\"\xff\"}\n{}\n"]);
        assert_eq!(
            log.event(0).map(|e| (e.event_type, e.data)),
            Some(("not-utf-8", "{\"a\":\"\u{fffd}\"}"))
        );
        assert_eq!(log.event(1).map(|e| e.data), Some("{}"));
    }
}
