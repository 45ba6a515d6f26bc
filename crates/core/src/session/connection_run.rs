//! One connection run, from response head to close: turns the transport's messages (head, body
//! chunks, end or error) into session log entries, decoding event streams with sse-codec. Each
//! connection of a session has its own run; a reconnection's run resumes from the last event ID
//! of the one before, and its byte offsets follow the earlier connections' bytes in the log.

use sse_codec::{Decoder, End, ItemRef};

use crate::present::excerpt::{EXCERPT_BYTES, excerpt};
use crate::session::close_reason::CloseReason;
use crate::session::log::SessionLog;
use crate::session::media_type;
use crate::session::response_head::ResponseHead;

/// The decoding state of a run between its response head and its end.
#[derive(Debug, Default)]
pub struct ConnectionRun {
    /// Set for a 2xx event stream.
    decoder: Option<Decoder>,
    /// The body of a response shown as text (an event stream's bytes are kept by the log).
    body: Vec<u8>,
    /// The last event ID string: the one resumed from, then the decoder's.
    last_event_id: String,
    /// The log's stream offset of this connection's first byte (the decoder counts from 0).
    span_base: u64,
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
    /// parameters, any case) is decoded as events; anything else is kept as text.
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
        head.is_event_stream =
            head.is_success() && media_type::is_event_stream(head.content_type());
        if head.is_event_stream {
            self.decoder = Some(Decoder::new().resuming(&self.last_event_id));
        }
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
        let Some(decoder) = &mut self.decoder else {
            self.body.extend_from_slice(bytes);
            return false;
        };
        let base = self.span_base;
        let in_log = |span: std::ops::Range<u64>| span.start + base..span.end + base;
        let mut stopped = false;
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
        self.decoder
            .as_ref()
            .map_or(&self.last_event_id, |decoder| decoder.last_event_id())
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
            Some(decoder) => match decoder.finish() {
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
}
