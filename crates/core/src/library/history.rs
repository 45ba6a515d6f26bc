//! History: every connection run, saved when it ends, so it can be browsed again as if live.
//!
//! An entry keeps the request as sent with variables resolved and secrets masked (secret
//! variables, and the values of headers named like credentials), the response head, the body's
//! bytes exactly as received with each chunk's arrival time, and the close reason. Reopening
//! replays the chunks through the same decoder, so the timeline, inspector, raw and hex views are
//! those of the live run. The body is one binary field, so storing it is a copy, not a
//! conversion per chunk.

use serde::{Deserialize, Serialize};

use crate::request::draft::{PreparedRequest, RequestDraft};
use crate::session::close_reason::CloseReason;
use crate::session::connection_run::ConnectionRun;
use crate::session::log::{SentRequest, SessionLog};
use crate::session::reading::Reading;
use crate::session::response_head::ResponseHead;

/// Version of stored history summaries: 2 since bodies moved to their own records (version 1
/// entries held both; see [`HistoryEntryV1`]).
pub const HISTORY_VERSION: u32 = 2;

/// How much history is kept; the oldest entries go first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryCap {
    /// Most entries kept (default 200).
    pub max_entries: usize,
    /// Most bytes of entries kept (default 50 MiB).
    pub max_bytes: usize,
}

impl Default for HistoryCap {
    fn default() -> Self {
        Self {
            max_entries: 200,
            max_bytes: 50 << 20,
        }
    }
}

/// A response head as recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordedHead {
    /// Status code.
    pub status: u16,
    /// Reason phrase.
    pub status_text: String,
    /// Headers as (name, value).
    pub headers: Vec<(String, String)>,
    /// ms from the request start to the head.
    pub at_ms: f64,
}

/// One saved run: what is listed ([`HistorySummary`]) and what is read only when it is opened
/// ([`HistoryBody`]), stored as two records with the same id.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    /// The request, the response head, the outcome.
    pub summary: HistorySummary,
    /// The bytes received.
    pub body: HistoryBody,
}

/// A saved run without its body: enough to list it, and to load its request back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistorySummary {
    /// Identity: a UUID v7, so ids sort by time.
    pub id: String,
    /// [`HISTORY_VERSION`] when written.
    pub version: u32,
    /// Wall-clock start, Unix ms.
    pub started_unix_ms: f64,
    /// The zone at the start, minutes east of UTC.
    pub utc_offset_minutes: i32,
    /// Method.
    pub method: String,
    /// URL as sent, secret query values masked.
    pub url: String,
    /// Headers as sent, secret values masked.
    pub headers: Vec<(String, String)>,
    /// Body as sent, secret variables masked.
    pub body: Option<String>,
    /// The response head, if one arrived.
    pub response: Option<RecordedHead>,
    /// How the run ended, and when (ms since the request started).
    pub close: (CloseReason, f64),
    /// Events dispatched.
    pub event_count: usize,
    /// Body bytes received.
    pub bytes_received: u64,
    /// Whether the body was too large for the history cap and was not kept.
    pub is_body_dropped: bool,
    /// Bytes of the kept body ([`HistoryBody::bytes`]).
    pub body_size: usize,
    /// How the request said its stream is read (record types, an answer rule), so a replay
    /// types records and assembles the answer as the run did. Absent in earlier records and
    /// when nothing is set.
    #[serde(
        default,
        skip_serializing_if = "Reading::is_default",
        with = "crate::session::reading::as_pairs"
    )]
    pub reading: Reading,
}

/// A saved run's body, as received.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryBody {
    /// The id of its [`HistorySummary`].
    pub id: String,
    /// The body's bytes as received (empty when the body was not kept). One binary field, so
    /// storing it is a copy, not a conversion per chunk.
    #[serde(with = "serde_bytes")]
    pub bytes: Vec<u8>,
    /// The body's chunks: (ms since the request started, offset of its first byte in `bytes`).
    pub chunks: Vec<(f64, usize)>,
    /// The connections of a session that reconnected, in order; empty for a session of one
    /// connection (whose head is [`HistorySummary::response`]). Absent in earlier records.
    #[serde(default)]
    pub connections: Vec<RecordedConnection>,
}

/// One connection of a session that reconnected, as recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordedConnection {
    /// When its request was sent, ms since the session started.
    pub sent_ms: f64,
    /// The wait before it, in ms (`None` for the first).
    pub delay_ms: Option<f64>,
    /// The `Last-Event-ID` it sent (empty: none).
    pub last_event_id: String,
    /// Its response head, if one arrived.
    pub head: Option<RecordedHead>,
    /// How it ended, and when (ms since the session started).
    pub ended: Option<(CloseReason, f64)>,
    /// The index in [`HistoryBody::chunks`] of its first chunk.
    pub first_chunk: usize,
}

impl RecordedHead {
    fn of(head: &ResponseHead) -> Self {
        Self {
            status: head.status,
            status_text: head.status_text.clone(),
            headers: head.headers.clone(),
            at_ms: head.at_ms,
        }
    }
}

impl HistoryEntry {
    /// The entry for a closed run `log` of the request `sent` (secret variables already masked
    /// in it), with identity `id`; `None` while the run is still open. A body larger than
    /// `max_body_bytes` is not kept (the entry then has no chunks and says so in
    /// [`HistorySummary::is_body_dropped`]).
    pub fn record(
        id: String,
        log: &SessionLog,
        sent: &PreparedRequest,
        max_body_bytes: usize,
    ) -> Option<Self> {
        let closed = log.closed.clone()?;
        let is_body_dropped = log.bytes_received() > max_body_bytes as u64;
        let mut chunks = Vec::new();
        let mut bytes = Vec::new();
        if !is_body_dropped {
            // An event stream's bytes are all in the raw stream, in order: one copy, page by page.
            bytes.reserve(usize::try_from(log.bytes_received()).unwrap_or(0));
            chunks.extend(
                log.chunk_starts()
                    .map(|(at_ms, start)| (at_ms, usize::try_from(start).unwrap_or(usize::MAX))),
            );
            for page in log.raw_pages() {
                bytes.extend_from_slice(page);
            }
            if log.body_text.is_some() {
                chunks.push((closed.at_ms, bytes.len()));
                bytes.extend_from_slice(log.body());
            }
        }
        let shown = sent.masked();
        let summary = HistorySummary {
            id: id.clone(),
            version: HISTORY_VERSION,
            started_unix_ms: log.started_unix_ms,
            utc_offset_minutes: log.utc_offset_minutes,
            method: shown.method.as_str().to_owned(),
            url: shown.url,
            headers: shown.headers,
            body: shown.body,
            response: log.response().map(RecordedHead::of),
            is_body_dropped,
            close: (closed.reason, closed.at_ms),
            event_count: log.event_count(),
            bytes_received: log.bytes_received(),
            body_size: bytes.len(),
            reading: log.sent.reading.clone(),
        };
        let connections = if log.connections().len() > 1 && !is_body_dropped {
            log.connections()
                .iter()
                .map(|connection| RecordedConnection {
                    sent_ms: connection.sent_ms,
                    delay_ms: connection.delay_ms,
                    last_event_id: connection.last_event_id.clone(),
                    head: connection.head.as_ref().map(RecordedHead::of),
                    ended: connection
                        .ended
                        .as_ref()
                        .map(|ended| (ended.reason.clone(), ended.at_ms)),
                    first_chunk: connection.first_chunk,
                })
                .collect()
        } else {
            Vec::new()
        };
        Some(Self {
            summary,
            body: HistoryBody {
                id,
                bytes,
                chunks,
                connections,
            },
        })
    }

    /// The session, rebuilt as session `run_id` by replaying its chunks through the decoder,
    /// connection by connection.
    pub fn replay(&self, run_id: u64) -> SessionLog {
        let summary = &self.summary;
        let mut log = SessionLog::new(
            run_id,
            format!("{} {}", summary.method, summary.url),
            summary.started_unix_ms,
            summary.utc_offset_minutes,
        );
        log.sent = SentRequest {
            headers: summary.headers.clone(),
            body: summary.body.clone(),
            reading: summary.reading.clone(),
            ..SentRequest::default()
        };
        let single;
        let connections = if self.body.connections.is_empty() {
            single = [RecordedConnection {
                sent_ms: 0.0,
                delay_ms: None,
                last_event_id: String::new(),
                head: summary.response.clone(),
                ended: Some(summary.close.clone()),
                first_chunk: 0,
            }];
            &single[..]
        } else {
            &self.body.connections[..]
        };
        let chunk_ends = connections
            .iter()
            .skip(1)
            .map(|next| next.first_chunk)
            .chain([self.body.chunks.len()]);
        let mut last_event_id = String::new();
        for (connection, chunk_end) in connections.iter().zip(chunk_ends) {
            log.begin_connection(
                connection.sent_ms,
                connection.delay_ms,
                &connection.last_event_id,
            );
            let mut run = ConnectionRun::resuming(&last_event_id);
            if let Some(head) = &connection.head {
                run.opened(
                    &mut log,
                    head.status,
                    head.status_text.clone(),
                    head.headers.clone(),
                    head.at_ms,
                );
                let chunks = self.body.chunks.get(connection.first_chunk..chunk_end);
                for (index, (at_ms, start)) in chunks.unwrap_or_default().iter().enumerate() {
                    let end = self
                        .body
                        .chunks
                        .get(connection.first_chunk + index + 1)
                        .map_or(self.body.bytes.len(), |(_, next)| *next);
                    let bytes = self.body.bytes.get(*start..end).unwrap_or_default();
                    run.chunk(&mut log, bytes, *at_ms);
                }
            }
            last_event_id = match connection.ended.clone() {
                Some((CloseReason::NetworkError { message }, at_ms)) => {
                    run.failed(&mut log, message, at_ms).last_event_id
                }
                Some((CloseReason::Aborted, at_ms)) => {
                    log.end_connection(CloseReason::Aborted, at_ms);
                    run.last_event_id().to_owned()
                }
                Some((_, at_ms)) => run.ended(&mut log, at_ms).last_event_id,
                None => run.last_event_id().to_owned(),
            };
        }
        let (reason, at_ms) = summary.close.clone();
        log.close(reason, at_ms);
        log
    }
}

impl HistorySummary {
    /// The request as it was sent, as an editor draft (secret values stay masked: the user puts
    /// them back, or uses `{{variables}}`).
    pub fn request_draft(&self) -> RequestDraft {
        let mut draft = RequestDraft::restored(
            &self.method,
            self.url.clone(),
            self.headers
                .iter()
                .map(|(name, value)| (name.as_str(), value.as_str(), true)),
            self.body.clone().unwrap_or_default(),
        );
        draft.reading = self.reading.clone();
        draft
    }

    /// Bytes the entry takes, roughly (its body and text), for the history cap.
    pub fn size_bytes(&self) -> usize {
        let headers = |headers: &[(String, String)]| -> usize {
            headers
                .iter()
                .map(|(name, value)| name.len() + value.len())
                .sum()
        };
        self.body_size
            + self.url.len()
            + headers(&self.headers)
            + self.body.as_ref().map_or(0, String::len)
            + self
                .response
                .as_ref()
                .map_or(0, |head| headers(&head.headers))
    }
}

/// A history record as schema version 1 stored it: summary and body in one record. Read only
/// to migrate a version 1 database ([`HistoryEntryV1::into_entry`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntryV1 {
    /// As [`HistorySummary::id`].
    pub id: String,
    /// 1.
    pub version: u32,
    /// As [`HistorySummary::started_unix_ms`].
    pub started_unix_ms: f64,
    /// As [`HistorySummary::utc_offset_minutes`].
    pub utc_offset_minutes: i32,
    /// As [`HistorySummary::method`].
    pub method: String,
    /// As [`HistorySummary::url`].
    pub url: String,
    /// As [`HistorySummary::headers`].
    pub headers: Vec<(String, String)>,
    /// As [`HistorySummary::body`].
    pub body: Option<String>,
    /// As [`HistorySummary::response`].
    pub response: Option<RecordedHead>,
    /// As [`HistoryBody::bytes`].
    #[serde(with = "serde_bytes")]
    pub body_bytes: Vec<u8>,
    /// As [`HistoryBody::chunks`].
    pub chunks: Vec<(f64, usize)>,
    /// As [`HistorySummary::close`].
    pub close: (CloseReason, f64),
    /// As [`HistorySummary::event_count`].
    pub event_count: usize,
    /// As [`HistorySummary::bytes_received`].
    pub bytes_received: u64,
    /// As [`HistorySummary::is_body_dropped`] (absent in the earliest records).
    #[serde(default)]
    pub is_body_dropped: bool,
}

impl HistoryEntryV1 {
    /// How schema version 1 stored `entry` (the fixture of the migration tests).
    pub fn of(entry: &HistoryEntry) -> Self {
        let (summary, body) = (entry.summary.clone(), entry.body.clone());
        Self {
            id: summary.id,
            version: 1,
            started_unix_ms: summary.started_unix_ms,
            utc_offset_minutes: summary.utc_offset_minutes,
            method: summary.method,
            url: summary.url,
            headers: summary.headers,
            body: summary.body,
            response: summary.response,
            body_bytes: body.bytes,
            chunks: body.chunks,
            close: summary.close,
            event_count: summary.event_count,
            bytes_received: summary.bytes_received,
            is_body_dropped: summary.is_body_dropped,
        }
    }

    /// The same run in the current shape; nothing is lost.
    pub fn into_entry(self) -> HistoryEntry {
        let summary = HistorySummary {
            id: self.id.clone(),
            version: HISTORY_VERSION,
            started_unix_ms: self.started_unix_ms,
            utc_offset_minutes: self.utc_offset_minutes,
            method: self.method,
            url: self.url,
            headers: self.headers,
            body: self.body,
            response: self.response,
            close: self.close,
            event_count: self.event_count,
            bytes_received: self.bytes_received,
            is_body_dropped: self.is_body_dropped,
            body_size: self.body_bytes.len(),
            reading: Reading::default(),
        };
        HistoryEntry {
            summary,
            body: HistoryBody {
                id: self.id,
                bytes: self.body_bytes,
                chunks: self.chunks,
                connections: Vec::new(),
            },
        }
    }
}

/// Which entries to delete so that what is kept fits `cap`: given (id, size) newest first, the
/// ids of the oldest entries past the entry or byte limit.
pub fn over_cap(entries: &[(String, usize)], cap: HistoryCap) -> Vec<String> {
    let mut total = 0;
    entries
        .iter()
        .enumerate()
        .filter_map(|(index, (id, size))| {
            total += size;
            (index >= cap.max_entries || total > cap.max_bytes).then(|| id.clone())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::draft::Method;

    fn sent() -> PreparedRequest {
        PreparedRequest {
            method: Method::Post,
            url: "http://h/s?api_key=sk-1&n=1".into(),
            headers: vec![
                ("Authorization".into(), "Bearer sk-1".into()),
                ("Accept".into(), "text/event-stream".into()),
            ],
            body: Some("{}".into()),
        }
    }

    fn live_run() -> SessionLog {
        let mut log = SessionLog::new(3, "POST http://h/s".into(), 1_000.0, 60);
        let mut run = ConnectionRun::new();
        let headers = vec![("content-type".to_owned(), "text/event-stream".to_owned())];
        run.opened(&mut log, 200, "OK".into(), headers, 5.0);
        run.chunk(&mut log, b"id: 1\ndata: one\n\nda", 7.0);
        run.chunk(&mut log, "ta: tw\u{f6}\n\ndata: cut".as_bytes(), 9.5);
        run.ended(&mut log, 12.0);
        log.close_as_last_connection_ended();
        log
    }

    /// A session that reconnected twice: dropped mid-event, refused, then resumed and stopped.
    fn reconnected_session() -> SessionLog {
        let mut log = SessionLog::new(4, "GET http://h/s".into(), 1_000.0, 0);
        let headers = || vec![("content-type".to_owned(), "text/event-stream".to_owned())];
        log.begin_connection(0.0, None, "");
        let mut run = ConnectionRun::new();
        run.opened(&mut log, 200, "OK".into(), headers(), 5.0);
        run.chunk(&mut log, b"id: 1\ndata: one\n\nid: 2\ndata: t", 7.0);
        let id = run
            .failed(&mut log, "network error".into(), 9.0)
            .last_event_id;
        log.begin_connection(109.0, Some(100.0), &id);
        let id = ConnectionRun::resuming(&id)
            .failed(&mut log, "Failed to fetch".into(), 110.0)
            .last_event_id;
        log.begin_connection(310.0, Some(200.0), &id);
        let mut run = ConnectionRun::resuming(&id);
        run.opened(&mut log, 200, "OK".into(), headers(), 315.0);
        run.chunk(&mut log, b"data: still 1\n\nid: 2\ndata: two\n\n", 320.0);
        run.ended(&mut log, 330.0);
        log.close(CloseReason::Aborted, 400.0);
        log
    }

    #[test]
    fn a_reconnected_session_replays_connection_by_connection() {
        let log = reconnected_session();
        assert_eq!(log.connections().len(), 3);
        let entry = HistoryEntry::record("h".into(), &log, &sent(), 1 << 20).expect("closed");
        let replayed = entry.replay(9);
        assert_eq!(replayed.connections(), log.connections());
        assert_eq!(events(&replayed), events(&log));
        assert_eq!(replayed.closed, log.closed);
        // The third connection resumed from id 1: its first event carries it.
        let ids: Vec<_> = (0..3)
            .filter_map(|index| log.event(index))
            .map(|event| {
                (
                    event.last_event_id.to_owned(),
                    log.connection_of(event.index),
                )
            })
            .collect();
        assert_eq!(
            ids,
            [
                ("1".to_owned(), 0),
                ("1".to_owned(), 2),
                ("2".to_owned(), 2)
            ]
        );
        assert_eq!(
            &*log.raw_bytes(log.event(2).expect("3 events").span),
            b"id: 2\ndata: two\n\n"
        );
    }

    fn events(log: &SessionLog) -> Vec<(String, String, f64, Vec<u8>)> {
        (0..log.event_count())
            .filter_map(|index| log.event(index))
            .map(|e| {
                (
                    e.event_type.into(),
                    e.data.into(),
                    e.at_ms,
                    log.raw_bytes(e.span.clone()).into_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn a_replayed_entry_shows_the_same_events_times_bytes_and_close() {
        let log = live_run();
        let entry = HistoryEntry::record("h1".into(), &log, &sent(), 1 << 20).expect("closed");
        let replayed = entry.replay(9);
        assert_eq!(events(&replayed), events(&log));
        assert_eq!(replayed.closed, log.closed);
        assert_eq!(replayed.response(), log.response());
        assert_eq!(entry.summary.event_count, 2);
    }

    #[test]
    fn invalid_utf8_replays_with_the_exact_bytes() {
        let mut log = SessionLog::new(3, "GET /s".into(), 0.0, 0);
        let mut run = ConnectionRun::new();
        let headers = vec![("content-type".to_owned(), "text/event-stream".to_owned())];
        run.opened(&mut log, 200, "OK".into(), headers, 1.0);
        run.chunk(&mut log, b"data: a\xff\xfeb\n\n", 2.0);
        run.ended(&mut log, 3.0);
        log.close_as_last_connection_ended();
        let entry = HistoryEntry::record("h".into(), &log, &sent(), 1 << 20).expect("closed");
        assert_eq!(events(&entry.replay(4)), events(&log));
        assert_eq!(events(&log)[0].1, "a\u{fffd}\u{fffd}b");
    }

    #[test]
    fn secrets_are_masked_in_the_saved_request() {
        let entry =
            HistoryEntry::record("h1".into(), &live_run(), &sent(), 1 << 20).expect("closed");
        assert_eq!(entry.summary.url, "http://h/s?api_key=•••&n=1");
        assert_eq!(entry.summary.headers[0].1, "•••");
        assert_eq!(entry.summary.headers[1].1, "text/event-stream");
    }

    #[test]
    fn a_body_over_the_cap_is_not_kept_but_the_run_is() {
        let entry = HistoryEntry::record("h1".into(), &live_run(), &sent(), 10).expect("closed");
        assert!(entry.summary.is_body_dropped);
        assert!(entry.body.chunks.is_empty());
        assert_eq!(entry.summary.event_count, 2);
    }

    #[test]
    fn a_replay_types_records_and_the_draft_reads_as_the_request_said() {
        let mut log = SessionLog::new(5, "GET http://h/n".into(), 0.0, 0);
        log.sent.reading = Reading {
            record_type: "$.kind".into(),
            text: "$.t".into(),
            ..Reading::default()
        };
        let mut run = ConnectionRun::new();
        let headers = vec![("content-type".to_owned(), "application/x-ndjson".to_owned())];
        run.opened(&mut log, 200, "OK".into(), headers, 1.0);
        run.chunk(
            &mut log,
            b"{\"kind\":\"delta\",\"t\":\"a\"}\n{\"kind\":\"end\"}\n",
            2.0,
        );
        run.ended(&mut log, 3.0);
        log.close_as_last_connection_ended();
        let entry = HistoryEntry::record("h".into(), &log, &sent(), 1 << 20).expect("closed");
        // As stored and read back (the summary is what lists it and loads its request).
        let stored = serde_json::to_string(&entry.summary).expect("serialises");
        let summary: HistorySummary = serde_json::from_str(&stored).expect("reads back");
        let entry = HistoryEntry { summary, ..entry };
        let replayed = entry.replay(6);
        assert_eq!(events(&replayed), events(&log));
        assert_eq!(events(&replayed)[1].0, "end");
        assert_eq!(replayed.sent.reading, log.sent.reading);
        assert_eq!(entry.summary.request_draft().reading, log.sent.reading);
        // An entry that set nothing stores nothing, and one written before reads as unset.
        let plain =
            HistoryEntry::record("p".into(), &live_run(), &sent(), 1 << 20).expect("closed");
        let stored = serde_json::to_string(&plain.summary).expect("serialises");
        assert!(!stored.contains("reading"), "{stored}");
        let summary: HistorySummary = serde_json::from_str(&stored).expect("reads back");
        assert_eq!(summary.reading, Reading::default());
    }

    #[test]
    fn the_request_replays_as_sent_with_secrets_still_masked() {
        let entry =
            HistoryEntry::record("h1".into(), &live_run(), &sent(), 1 << 20).expect("closed");
        let draft = entry.summary.request_draft();
        assert_eq!(
            (draft.method, draft.url.as_str()),
            (Method::Post, "http://h/s?api_key=•••&n=1")
        );
        assert_eq!(draft.headers[0].value, "•••");
        assert_eq!(draft.body, "{}");
    }

    #[test]
    fn a_version_1_record_becomes_the_same_run() {
        let entry =
            HistoryEntry::record("h1".into(), &live_run(), &sent(), 1 << 20).expect("closed");
        let v1 = HistoryEntryV1::of(&entry);
        let migrated = v1.into_entry();
        assert_eq!(migrated, entry);
        assert_eq!(events(&migrated.replay(2)), events(&live_run()));
    }

    #[test]
    fn an_open_run_is_not_recorded() {
        let log = SessionLog::new(1, "GET /x".into(), 0.0, 0);
        assert_eq!(
            HistoryEntry::record("h".into(), &log, &sent(), 1 << 20),
            None
        );
    }

    #[test]
    fn a_refused_connection_replays_as_the_same_network_error() {
        let mut log = SessionLog::new(1, "GET /x".into(), 0.0, 0);
        ConnectionRun::new().failed(&mut log, "Failed to fetch".into(), 3.0);
        log.close_as_last_connection_ended();
        let entry = HistoryEntry::record("h".into(), &log, &sent(), 1 << 20).expect("closed");
        assert_eq!(entry.replay(2).closed, log.closed);
    }

    #[test]
    fn the_oldest_entries_past_either_limit_are_dropped() {
        let entries: Vec<_> = (0..5).map(|i| (format!("h{i}"), 10)).collect();
        let cap = HistoryCap {
            max_entries: 3,
            max_bytes: 1000,
        };
        assert_eq!(over_cap(&entries, cap), vec!["h3", "h4"]);
        let cap = HistoryCap {
            max_entries: 10,
            max_bytes: 25,
        };
        assert_eq!(over_cap(&entries, cap), vec!["h2", "h3", "h4"]);
    }
}
