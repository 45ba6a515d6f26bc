//! The session log: everything one connection run produced, stored compactly and outside the
//! reactive graph. Views ask it for the rows they show.
//!
//! The raw stream is kept in pages; an event whose data is one `data` line read in one chunk (most
//! events) points at that line in the raw stream, and only other data is copied into a text arena.
//! Event types and last event IDs are interned and each event is a small fixed record (48 bytes),
//! so holding many events costs little more than the bytes received.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use crate::present::excerpt::excerpt;
use crate::present::format::format_time_of_day;
use crate::session::activity::Activity;
use crate::session::close_reason::CloseReason;
use crate::session::raw_stream::{RawRef, RawStream};
use crate::session::response_head::ResponseHead;
use crate::session::resume_check::{ResumeCheck, Resumption};
use crate::session::search::Query;
use crate::session::text_arena::{TextArena, TextRef};

/// A closed run's ending.
#[derive(Debug, Clone, PartialEq)]
pub struct Closed {
    /// Why it ended.
    pub reason: CloseReason,
    /// When, in ms since the request started.
    pub at_ms: f64,
}

/// One connection of a session: one fetch, from its request to its end. A session has one, or
/// one per reconnection.
#[derive(Debug, Clone, PartialEq)]
pub struct Connection {
    /// When its request was sent, in ms since the session started.
    pub sent_ms: f64,
    /// The wait before it after the previous connection ended, in ms (`None` for the first).
    pub delay_ms: Option<f64>,
    /// The `Last-Event-ID` header it sent (empty: none was sent).
    pub last_event_id: String,
    /// Its response head, once it arrived.
    pub head: Option<ResponseHead>,
    /// How it ended, once it did.
    pub ended: Option<Closed>,
    /// The log index of its first event (the event count when it began).
    pub first_event: usize,
    /// The index of its first network chunk.
    pub first_chunk: usize,
}

/// Where an event's data is kept.
#[derive(Debug, Clone, Copy, PartialEq)]
enum DataRef {
    /// Read in place from the raw stream: the value of the event's one `data` line.
    Raw(RawRef),
    /// Copied into the text arena.
    Arena(TextRef),
}

/// One dispatched event, as stored: indices into the log's arenas.
#[derive(Debug, Clone, PartialEq)]
struct EventRecord {
    type_index: u32,
    id_index: u32,
    data: DataRef,
    span_start: u64,
    span_len: u32,
    at_ms: f64,
}

// The module docs, ARCHITECTURE.md and `cargo xtask bench ui`'s memory figures count on 48 bytes
// an event (on wasm32 as natively: every field is sized the same on both).
const _: () = assert!(std::mem::size_of::<EventRecord>() == 48);

/// One network chunk (one `ReadableStream` read) of an event stream.
#[derive(Debug, Clone, Copy, PartialEq)]
struct ChunkRecord {
    /// Stream offset of its first byte.
    start: u64,
    /// When it arrived, in ms since the request started.
    at_ms: f64,
}

/// One network chunk (one `ReadableStream` read) and the events it carried.
#[derive(Debug, Clone, PartialEq)]
pub struct ChunkView {
    /// Position among the run's chunks, from 0.
    pub index: usize,
    /// When it arrived, in ms since the request started.
    pub at_ms: f64,
    /// Its bytes in the stream.
    pub span: Range<u64>,
    /// The events whose blocks have bytes in it (log indices).
    pub events: Range<usize>,
    /// Whether the first of them began in an earlier chunk.
    pub continues_earlier: bool,
    /// Whether the last of them goes on in a later chunk (it is dispatched there).
    pub continues_later: bool,
}

/// One event, borrowed from the log.
#[derive(Debug, Clone, PartialEq)]
pub struct EventView<'log> {
    /// Position among this run's events, from 0.
    pub index: usize,
    /// Event type.
    pub event_type: &'log str,
    /// Data.
    pub data: &'log str,
    /// Last event ID at dispatch.
    pub last_event_id: &'log str,
    /// When its dispatching line ending arrived, in ms since the request started.
    pub at_ms: f64,
    /// Its block's bytes in the stream (see `sse_codec::Event::span`).
    pub span: Range<u64>,
    /// ms since the previous event (the request start for the first).
    pub gap_ms: f64,
}

impl EventView<'_> {
    /// Bytes of the event's block on the wire.
    pub fn wire_bytes(&self) -> u64 {
        self.span.end - self.span.start
    }
}

/// Everything one session produced: its connection runs (one, or one per reconnection), their
/// events in one sequence, and their bytes in one raw stream.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SessionLog {
    /// Which session this is: 0 before the first Send, then 1, 2, … per Send. Views key their
    /// rows by it, so a new session never reuses the previous one's rows.
    pub run_id: u64,
    /// Method and URL as sent, e.g. `GET http://…`; for a stream opened offline, where it came
    /// from (a file name, or "pasted text").
    pub target: String,
    /// Whether the stream was opened from a file or pasted text rather than received.
    pub is_offline: bool,
    /// What the request carried, for views that read the conversation (empty when unknown, as
    /// for a stream opened offline).
    pub sent: SentRequest,
    /// Wall-clock time of the request start, in Unix ms (for display only).
    pub started_unix_ms: f64,
    /// The local zone at the request start, minutes east of UTC (for display only).
    pub utc_offset_minutes: i32,
    /// The body of a response that is not an event stream (or not 2xx), as text: its first
    /// [`crate::present::excerpt::EXCERPT_BYTES`] (see [`SessionLog::body`] for all of it).
    pub body_text: Option<String>,
    /// That body's bytes, all of them, kept once.
    body: Vec<u8>,
    /// How the session ended (its last connection's end, or "aborted"), once it did.
    pub closed: Option<Closed>,
    /// Why the open connection still waits for its response head, when SSE Studio can tell (the
    /// browser's connections per server are all taken: see `crate::session::connection_limit`).
    pub waiting_note: Option<String>,
    /// Why no further connection was made, when reconnecting was on and stopped by itself
    /// (e.g. "the server answered 204 No Content, which tells clients to stop").
    pub reconnect_stop: Option<String>,
    connections: Vec<Connection>,
    /// Whether the servers carried on where the stream left off at each reconnection.
    resume_check: ResumeCheck,
    /// How many of `ids` the resume check has been given.
    ids_checked: usize,
    /// Blocks with an event type that dispatched nothing (no data): (event type, span), the
    /// first [`UNDISPATCHED_KEPT`] of them, and how many there were.
    undispatched: Vec<(String, Range<u64>)>,
    undispatched_count: usize,
    types: Vec<String>,
    type_indices: HashMap<String, u32>,
    /// Events of each type, indexed like `types`.
    type_counts: Vec<u32>,
    /// Last event IDs, one entry per change (they repeat from one event to the next until an
    /// `id` field changes them), their text in `id_text`.
    ids: Vec<TextRef>,
    id_text: TextArena,
    /// Event data that is not read in place from `raw`.
    data: TextArena,
    events: Vec<EventRecord>,
    /// An event stream's bytes as received (empty for a body shown as text).
    raw: RawStream,
    /// Where the chunk being decoded is in `raw`.
    current_chunk: Option<RawRef>,
    chunks: Vec<ChunkRecord>,
    /// Reconnection times from `retry` fields: (events dispatched before it, ms).
    retries: Vec<(usize, u64)>,
    discarded: Vec<sse_codec::LimitExceeded>,
    bytes_received: u64,
    /// The longest wait between two events: (ms, index of the event after it).
    largest_gap: Option<(f64, usize)>,
    /// Events over time, and their gaps, for charts.
    activity: Activity,
}

/// Whether an event block's lines (any of CR LF, LF, CR) include an `id` field (WHATWG HTML
/// § 9.2.6: a line `id`, or one starting `id:`).
pub fn has_id_field(block: &[u8]) -> bool {
    block
        .split(|byte| *byte == b'\n' || *byte == b'\r')
        .any(|line| line == b"id" || line.starts_with(b"id:"))
}

/// What a run's request carried besides its target.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SentRequest {
    /// Its headers as sent, secret values masked.
    pub headers: Vec<(String, String)>,
    /// Its body, if it had one.
    pub body: Option<String>,
    /// The MCP session the request belongs to, when it sent none (the `mcp_session_id` of the
    /// environment it was sent with, which the MCP templates capture): a request that should
    /// have carried it.
    pub expected_session_id: Option<String>,
    /// Messages posted during the run to the endpoint its stream named (MCP's HTTP+SSE
    /// transport): (ms since the run started, body).
    pub posted: Vec<(f64, String)>,
    /// How the request said its stream is read (record types, an answer rule).
    pub reading: super::reading::Reading,
}

impl SentRequest {
    /// The first value of the header `name` (any case), if sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(header, _)| header.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// How many undispatched blocks the log keeps (it counts them all).
pub const UNDISPATCHED_KEPT: usize = 20;

impl SessionLog {
    /// An empty log for run `run_id` to `target`, started at `started_unix_ms` in a zone
    /// `utc_offset_minutes` east of UTC.
    pub fn new(run_id: u64, target: String, started_unix_ms: f64, utc_offset_minutes: i32) -> Self {
        Self {
            run_id,
            target,
            started_unix_ms,
            utc_offset_minutes,
            ..Self::default()
        }
    }

    /// Local `HH:MM:SS.mmm` of a moment `at_ms` after the request started.
    pub fn time_of_day(&self, at_ms: f64) -> String {
        format_time_of_day(self.started_unix_ms + at_ms, self.utc_offset_minutes)
    }

    /// Number of dispatched events (connection entries are not events).
    pub fn event_count(&self) -> usize {
        self.events.len()
    }

    /// Bytes in the raw stream (all connections' event stream bytes).
    pub fn raw_len(&self) -> u64 {
        self.raw.len()
    }

    /// Total body bytes received.
    pub fn bytes_received(&self) -> u64 {
        self.bytes_received
    }

    /// Whether the run has ended.
    pub fn is_closed(&self) -> bool {
        self.closed.is_some()
    }

    /// The event at `index`, if there is one.
    pub fn event(&self, index: usize) -> Option<EventView<'_>> {
        let record = self.events.get(index)?;
        let previous_ms = index
            .checked_sub(1)
            .and_then(|previous| self.events.get(previous))
            .map_or(0.0, |previous| previous.at_ms);
        Some(EventView {
            index,
            event_type: &self.types[record.type_index as usize],
            data: self.data_text(record.data),
            last_event_id: self.id_text.get(self.ids[record.id_index as usize]),
            at_ms: record.at_ms,
            span: record.span_start..record.span_start + u64::from(record.span_len),
            gap_ms: record.at_ms - previous_ms,
        })
    }

    /// When the first body chunk of an event stream arrived, in ms since the request started.
    pub fn first_chunk_ms(&self) -> Option<f64> {
        self.chunks.first().map(|chunk| chunk.at_ms)
    }

    /// When the last chunk arrived, in ms since the request started.
    pub fn last_chunk_ms(&self) -> Option<f64> {
        self.chunks.last().map(|chunk| chunk.at_ms)
    }

    /// The longest wait between two consecutive events: (ms, index of the event after it).
    pub fn largest_gap(&self) -> Option<(f64, usize)> {
        self.largest_gap
    }

    /// Events over time and the spread of their gaps.
    pub fn activity(&self) -> &Activity {
        &self.activity
    }

    /// The arrival times of up to `most` network chunks, spread evenly over all of them, in ms
    /// since the request started.
    pub fn chunk_times(&self, most: usize) -> Vec<f64> {
        let step = self.chunks.len().div_ceil(most.max(1)).max(1);
        self.chunks
            .iter()
            .step_by(step)
            .map(|chunk| chunk.at_ms)
            .collect()
    }

    /// The event types seen, in order of first appearance, with how many events have each.
    pub fn type_counts(&self) -> impl Iterator<Item = (&str, usize)> {
        self.types
            .iter()
            .zip(&self.type_counts)
            .map(|(name, count)| (name.as_str(), *count as usize))
    }

    /// The event types seen, in order of first appearance (what [`SessionLog::type_index`] indexes).
    pub fn types(&self) -> &[String] {
        &self.types
    }

    /// The position in [`SessionLog::types`] of event `index`'s type.
    pub fn type_index(&self, index: usize) -> Option<usize> {
        self.events
            .get(index)
            .map(|record| record.type_index as usize)
    }

    /// Appends to `out` the indices of events from `from` on whose data contains `query`, in
    /// order. Searches the pages the data lies in, many events' data in one pass, rather than
    /// event by event.
    pub fn find_in_data(&self, query: &Query, from: usize, out: &mut Vec<u32>) {
        let mut index = from;
        while index < self.events.len() {
            // A run of events whose data lies in order in one page: search the page from the
            // first one's data to the last one's end, and keep matches inside one event's data.
            let first = self.events[index].data;
            let (page, first_range) = self.data_page(first);
            let mut run_end = index + 1;
            let mut end = first_range.end;
            while let Some(next) = self.events.get(run_end).map(|record| record.data) {
                let (_, range) = self.data_page(next);
                if !same_page(first, next) || range.start < end {
                    break;
                }
                end = range.end;
                run_end += 1;
            }
            let haystack = &page[..end];
            let data_range = |event: usize| self.data_page(self.events[event].data).1;
            let mut from_byte = first_range.start;
            let mut candidate = index;
            while let Some(at) = query.find_from(haystack, from_byte) {
                while data_range(candidate).end <= at {
                    candidate += 1;
                }
                let range = data_range(candidate);
                if range.start <= at && at + query.len() <= range.end {
                    out.push(candidate as u32);
                    from_byte = range.end;
                    candidate += 1;
                } else {
                    // The match is not inside one event's data (it runs into the next, or starts
                    // between two): look further.
                    from_byte = at + 1;
                }
            }
            index = run_end;
        }
    }

    /// The text of the data at `data`.
    fn data_text(&self, data: DataRef) -> &str {
        match data {
            DataRef::Arena(text) => self.data.get(text),
            // The decoder validated it as UTF-8 before lending it, so this does not fail; read
            // once per event by each check and stop rule, so the SIMD validator.
            DataRef::Raw(raw) => simdutf8::basic::from_utf8(self.raw.get(raw)).unwrap_or_default(),
        }
    }

    /// The page that holds the data at `data`, and its byte range there.
    fn data_page(&self, data: DataRef) -> (&[u8], Range<usize>) {
        match data {
            DataRef::Arena(text) => {
                let (page, range) = self.data.page(text);
                (page.as_bytes(), range)
            }
            DataRef::Raw(raw) => self.raw.page(raw),
        }
    }

    /// The raw bytes at stream offsets `span` (an event's block, or a truncated stream's pending
    /// data), as received; empty for a body shown as text.
    pub fn raw_bytes(&self, span: Range<u64>) -> Cow<'_, [u8]> {
        self.raw.bytes(span)
    }

    /// The lines of an event's block at stream offsets `span`, exactly as they came off the wire:
    /// the span, and the LF of a final CR LF (the decoder acts on a CR when it arrives, so an
    /// event's span ends at the CR; the raw view and "Copy raw" dropped the final `\n`).
    pub fn block_lines(&self, span: Range<u64>) -> Cow<'_, [u8]> {
        let ends_with_cr =
            span.end > span.start && self.raw.bytes(span.end - 1..span.end).as_ref() == b"\r";
        let lf_follows = self.raw.bytes(span.end..span.end + 1).as_ref() == b"\n";
        if ends_with_cr && lf_follows {
            self.raw.bytes(span.start..span.end + 1)
        } else {
            self.raw.bytes(span)
        }
    }

    /// The whole raw stream as received, in pieces, in order (empty for a body shown as text).
    pub fn raw_pages(&self) -> impl Iterator<Item = &[u8]> {
        self.raw.pages()
    }

    /// Each network chunk of an event stream: when it arrived (ms since the request started) and
    /// the stream offset of its first byte.
    pub fn chunk_starts(&self) -> impl Iterator<Item = (f64, u64)> {
        self.chunks.iter().map(|chunk| (chunk.at_ms, chunk.start))
    }

    /// Network chunks received (of an event stream).
    pub fn chunk_count(&self) -> usize {
        self.chunks.len()
    }

    /// Chunk `index`, with the events it carried, if there is one.
    pub fn chunk(&self, index: usize) -> Option<ChunkView> {
        let chunk = self.chunks.get(index)?;
        let end = self
            .chunks
            .get(index + 1)
            .map_or(self.raw.len(), |next| next.start);
        let event_end = |event: &EventRecord| event.span_start + u64::from(event.span_len);
        // Events are in stream order and do not overlap, so both ends are binary searches.
        let first = self
            .events
            .partition_point(|event| event_end(event) <= chunk.start);
        let last = self.events.partition_point(|event| event.span_start < end);
        let events = first..last.max(first);
        Some(ChunkView {
            index,
            at_ms: chunk.at_ms,
            span: chunk.start..end,
            continues_earlier: self
                .events
                .get(first)
                .is_some_and(|event| !events.is_empty() && event.span_start < chunk.start),
            continues_later: last
                .checked_sub(1)
                .and_then(|index| self.events.get(index))
                .is_some_and(|event| !events.is_empty() && event_end(event) > end),
            events,
        })
    }

    /// The network chunks that carried the bytes at `span`, numbered from 0, and how many chunks
    /// there are in all.
    pub fn chunks_of(&self, span: Range<u64>) -> (Range<usize>, usize) {
        let chunk_at = |offset: u64| {
            self.chunks
                .partition_point(|chunk| chunk.start <= offset)
                .saturating_sub(1)
        };
        let last = span.end.saturating_sub(1).max(span.start);
        (chunk_at(span.start)..chunk_at(last) + 1, self.chunks.len())
    }

    /// The reconnection times the stream set with `retry` fields, in ms, in order.
    pub fn retries(&self) -> impl Iterator<Item = u64> {
        self.retries.iter().map(|(_, ms)| *ms)
    }

    /// The stream bytes received after the last dispatched event's block (from 0 when none was
    /// dispatched): what the decoder still holds, or comments and blank lines.
    pub fn bytes_after_last_event(&self) -> Range<u64> {
        let end = self
            .events
            .last()
            .map_or(0, |event| event.span_start + u64::from(event.span_len));
        end..self.raw.len()
    }

    /// The reconnection time in force when event `index` was dispatched (the last `retry` field
    /// before it), in ms.
    pub fn retry_at(&self, index: usize) -> Option<u64> {
        let before = self
            .retries
            .partition_point(|(events_before, _)| *events_before <= index);
        before.checked_sub(1).map(|last| self.retries[last].1)
    }

    /// The session's connections, in order (empty before the first began).
    pub fn connections(&self) -> &[Connection] {
        &self.connections
    }

    /// The latest response head that arrived (of the latest connection that got one).
    pub fn response(&self) -> Option<&ResponseHead> {
        self.connections
            .iter()
            .rev()
            .find_map(|connection| connection.head.as_ref())
    }

    /// The latest response head that arrived, with the 0-based position of its connection and its
    /// latency in ms: from that connection's request (from the session's start for the first).
    /// A reconnection still waiting for its head does not count: its request time lies in the
    /// future while it waits.
    pub fn latest_response(&self) -> Option<(usize, &ResponseHead, f64)> {
        let (position, connection) = self
            .connections
            .iter()
            .enumerate()
            .rev()
            .find(|(_, connection)| connection.head.is_some())?;
        let head = connection.head.as_ref()?;
        let from_ms = if position == 0 {
            0.0
        } else {
            connection.sent_ms
        };
        Some((position, head, head.at_ms - from_ms))
    }

    /// The first connection's response head (what a session's headers, timing and transport
    /// checks are about: later connections of a session end with a `204` or an error), or the
    /// latest head when the first connection got none.
    pub fn first_response(&self) -> Option<&ResponseHead> {
        self.connections
            .first()
            .and_then(|connection| connection.head.as_ref())
            .or(self.response())
    }

    /// The position of the connection that received event `index`.
    pub fn connection_of(&self, index: usize) -> usize {
        self.connections
            .partition_point(|connection| connection.first_event <= index)
            .saturating_sub(1)
    }

    /// What the resume check found at each reconnection, in order.
    pub fn resumptions(&self) -> &[Resumption] {
        self.resume_check.resumptions()
    }

    /// Begins a connection whose request is sent `sent_ms` after the session started, after a
    /// wait of `delay_ms` (`None` for the first), with `last_event_id` as its `Last-Event-ID`
    /// header (empty: none). A connection still open is ended as aborted first. Ignored once the
    /// session is closed.
    pub fn begin_connection(&mut self, sent_ms: f64, delay_ms: Option<f64>, last_event_id: &str) {
        if self.is_closed() {
            return;
        }
        if let Some(open) = self.connections.last_mut()
            && open.ended.is_none()
        {
            open.ended = Some(Closed {
                reason: CloseReason::Aborted,
                at_ms: sent_ms,
            });
        }
        if !self.connections.is_empty() {
            let new_ids = self.ids[self.ids_checked..].iter();
            let id_text = &self.id_text;
            self.resume_check.begin(
                self.connections.len(),
                last_event_id,
                new_ids.map(|&id| id_text.get(id)),
            );
            self.ids_checked = self.ids.len();
        }
        self.connections.push(Connection {
            sent_ms,
            delay_ms,
            last_event_id: last_event_id.to_owned(),
            head: None,
            ended: None,
            first_event: self.events.len(),
            first_chunk: self.chunks.len(),
        });
    }

    /// The open connection; one is begun (sent at the session start) if none is.
    fn open_connection(&mut self) -> &mut Connection {
        if self
            .connections
            .last()
            .is_none_or(|connection| connection.ended.is_some())
        {
            self.begin_connection(0.0, None, "");
        }
        let last = self.connections.len() - 1;
        &mut self.connections[last]
    }

    /// Ends the open connection, if any, with `reason` at `at_ms`. The session stays open (a
    /// reconnection may follow): see [`SessionLog::close`].
    /// A connection that failed before anything began one (a log built without
    /// [`SessionLog::begin_connection`]) is begun at the session start first.
    pub fn end_connection(&mut self, reason: CloseReason, at_ms: f64) {
        if self.connections.is_empty() && !self.is_closed() {
            self.begin_connection(0.0, None, "");
        }
        if let Some(connection) = self.connections.last_mut()
            && connection.ended.is_none()
        {
            connection.ended = Some(Closed { reason, at_ms });
        }
        // It no longer waits for anything.
        self.waiting_note = None;
    }

    /// Records the response head (of the open connection). Ignored once the session is closed.
    pub fn record_response(&mut self, head: ResponseHead) {
        if !self.is_closed() {
            self.open_connection().head = Some(head);
            self.waiting_note = None;
        }
    }

    /// Counts a body chunk that arrived `at_ms` after the request started, and keeps its bytes
    /// when the body is an event stream. A `continuation` is the next part of the chunk recorded
    /// last (a large chunk is decoded in parts, between which the page stays responsive): it
    /// counts as the same network chunk.
    pub fn record_chunk(&mut self, bytes: &[u8], at_ms: f64, continuation: bool) {
        if self.is_closed() {
            return;
        }
        self.bytes_received += bytes.len() as u64;
        if self.response().is_some_and(|head| head.is_event_stream) {
            if !continuation || self.chunks.is_empty() {
                self.chunks.push(ChunkRecord {
                    start: self.raw.len(),
                    at_ms,
                });
            }
            self.current_chunk = Some(self.raw.push_chunk(bytes));
        }
    }

    /// Records a `retry` field's reconnection time, in ms.
    pub fn push_retry(&mut self, milliseconds: u64) {
        if !self.is_closed() {
            self.retries.push((self.events.len(), milliseconds));
        }
    }

    /// Appends a dispatched event that arrived `at_ms` after the request started, decoded from
    /// `chunk` (the bytes last passed to [`SessionLog::record_chunk`]). Data the decoder lent from
    /// the chunk itself is read in place from the raw stream later; other data is copied into the
    /// text arena. Ignored once the run is closed: nothing shows after the close entry.
    pub fn push_event(&mut self, event: &sse_codec::EventRef<'_>, at_ms: f64, chunk: &[u8]) {
        if self.is_closed() {
            return;
        }
        let type_index = match self.type_indices.get(event.event_type) {
            Some(&index) => index,
            None => {
                let index = self.types.len() as u32;
                self.types.push(event.event_type.to_owned());
                self.type_counts.push(0);
                self.type_indices.insert(event.event_type.to_owned(), index);
                index
            }
        };
        self.type_counts[type_index as usize] += 1;
        // Last event IDs repeat from one event to the next until an `id` field changes them.
        let is_first_of_connection = self
            .connections
            .last()
            .is_some_and(|connection| connection.first_event == self.events.len());
        if self
            .ids
            .last()
            .is_none_or(|&id| self.id_text.get(id) != event.last_event_id)
        {
            let id = self.id_text.push(event.last_event_id);
            self.ids.push(id);
            if self.connections.len() > 1 {
                self.resume_check.new_id(event.last_event_id);
            }
        } else if self.connections.len() > 1
            && is_first_of_connection
            && !event.last_event_id.is_empty()
            && has_id_field(&self.block_lines(event.span.clone()))
        {
            // A resumed connection whose first event sets the very id it resumed from: the server
            // sent that event again (the id is unchanged, so the line above does not see it).
            self.resume_check.new_id(event.last_event_id);
        }
        // Comparing addresses tells whether the data is a slice of the chunk (distinct live
        // buffers never overlap).
        let offset = (event.data.as_ptr() as usize).wrapping_sub(chunk.as_ptr() as usize);
        let in_raw = self
            .current_chunk
            .filter(|_| offset <= chunk.len())
            .and_then(|current| RawStream::within(current, offset, event.data.len()));
        let data = match in_raw {
            Some(raw) => DataRef::Raw(raw),
            None => DataRef::Arena(self.data.push(event.data)),
        };
        let gap = self.events.last().map(|previous| at_ms - previous.at_ms);
        if let Some(gap) = gap
            && self.largest_gap.is_none_or(|(largest, _)| gap > largest)
        {
            self.largest_gap = Some((gap, self.events.len()));
        }

        self.activity.record(at_ms, gap);
        self.events.push(EventRecord {
            type_index,
            id_index: (self.ids.len() - 1) as u32,
            data,
            span_start: event.span.start,
            // An event's block is at most the decoder's limits (16 MiB each by default).
            span_len: u32::try_from(event.span.end - event.span.start).unwrap_or(u32::MAX),
            at_ms,
        });
    }

    /// Records a block of fields that dispatched nothing (no data): its event type buffer and
    /// span. Only blocks with an event type are kept and counted: a block of only `id` or
    /// `retry` is meant to dispatch nothing, one with an `event` line is an event lost.
    pub fn push_undispatched(&mut self, event_type: &str, span: Range<u64>) {
        if self.is_closed() || event_type.is_empty() {
            return;
        }
        self.undispatched_count += 1;
        if self.undispatched.len() < UNDISPATCHED_KEPT {
            self.undispatched.push((event_type.to_owned(), span));
        }
    }

    /// Blocks with an event type that dispatched nothing (no data): the first
    /// [`UNDISPATCHED_KEPT`] as (event type, span), and how many there were in all.
    pub fn undispatched(&self) -> (&[(String, Range<u64>)], usize) {
        (&self.undispatched, self.undispatched_count)
    }

    /// Records a line or event the decoder discarded for exceeding its limits.
    pub fn push_discarded(&mut self, exceeded: sse_codec::LimitExceeded) {
        if !self.is_closed() {
            self.discarded.push(exceeded);
        }
    }

    /// Lines and events discarded for exceeding the decoder's limits, in stream order.
    pub fn discarded(&self) -> &[sse_codec::LimitExceeded] {
        &self.discarded
    }

    /// Keeps the body of a response shown as text: its bytes, and their excerpt as text.
    pub fn set_body(&mut self, bytes: Vec<u8>) {
        self.body_text = Some(excerpt(&bytes));
        self.body = bytes;
    }

    /// The body of a response shown as text, all of it (empty for an event stream).
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Ends the session (and its open connection, if any). Only the first close counts: a
    /// session ends in exactly one close reason.
    pub fn close(&mut self, reason: CloseReason, at_ms: f64) {
        if !self.is_closed() {
            self.end_connection(reason.clone(), at_ms);
            self.closed = Some(Closed { reason, at_ms });
        }
    }

    /// Ends the session the way its last connection ended (when no reconnection follows).
    pub fn close_as_last_connection_ended(&mut self) {
        let ended = self
            .connections
            .last()
            .and_then(|connection| connection.ended.clone());
        if let Some(ended) = ended {
            self.close(ended.reason, ended.at_ms);
        }
    }
}

/// Whether two data references point into the same page (of the same store).
fn same_page(first: DataRef, second: DataRef) -> bool {
    match (first, second) {
        (DataRef::Arena(first), DataRef::Arena(second)) => TextArena::same_page(first, second),
        (DataRef::Raw(first), DataRef::Raw(second)) => RawStream::same_page(first, second),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event<'a>(
        event_type: &'a str,
        data: &'a str,
        id: &'a str,
        span: Range<u64>,
    ) -> sse_codec::EventRef<'a> {
        sse_codec::EventRef {
            event_type,
            data,
            last_event_id: id,
            span,
        }
    }

    #[test]
    fn events_read_back_as_they_were_pushed() {
        let mut log = SessionLog::new(1, "GET /x".into(), 0.0, 0);
        log.push_event(&event("tick", "one", "1", 0..10), 5.0, &[]);
        log.push_event(&event("tick", "two", "1", 10..20), 6.5, &[]);
        log.push_event(&event("other", "three", "", 20..35), 7.0, &[]);
        assert_eq!(log.event_count(), 3);
        let second = log.event(1).expect("event 1 exists");
        assert_eq!(
            (
                second.event_type,
                second.data,
                second.last_event_id,
                second.at_ms
            ),
            ("tick", "two", "1", 6.5)
        );
        let third = log.event(2).expect("event 2 exists");
        assert_eq!(
            (
                third.event_type,
                third.data,
                third.last_event_id,
                third.wire_bytes()
            ),
            ("other", "three", "", 15)
        );
        assert_eq!(log.event(3), None);
    }

    fn log_of(data: &[&str]) -> SessionLog {
        let mut log = SessionLog::new(1, "GET /x".into(), 0.0, 0);
        for (index, text) in data.iter().enumerate() {
            log.push_event(&event("message", text, "", 0..1), index as f64, &[]);
        }
        log
    }

    fn found(log: &SessionLog, text: &str, from: usize) -> Vec<u32> {
        let mut out = Vec::new();
        log.find_in_data(&Query::new(text).expect("not empty"), from, &mut out);
        out
    }

    #[test]
    fn data_search_finds_each_matching_event_once_in_order() {
        let log = log_of(&["alpha beta", "gamma", "Beta beta", "", "delta"]);
        assert_eq!(found(&log, "BETA", 0), vec![0, 2]);
        assert_eq!(found(&log, "beta", 1), vec![2]);
        assert_eq!(found(&log, "zeta", 0), Vec::<u32>::new());
    }

    #[test]
    fn a_match_across_two_events_data_is_not_a_match() {
        // The arena holds "ab" and "cd" back to back: "bc" spans both.
        let log = log_of(&["ab", "cd", "xbcx"]);
        assert_eq!(found(&log, "bc", 0), vec![2]);
    }

    #[test]
    fn data_search_covers_events_in_their_own_pages_between_small_ones() {
        let large = format!("{}needle", "x".repeat(1 << 20));
        let log = log_of(&["needle one", &large, "two needle", "none"]);
        assert_eq!(found(&log, "needle", 0), vec![0, 1, 2]);
    }

    #[test]
    fn gaps_are_measured_from_the_previous_event() {
        let mut log = SessionLog::new(1, "GET /x".into(), 0.0, 0);
        log.push_event(&event("a", "1", "", 0..5), 100.0, &[]);
        log.push_event(&event("a", "2", "", 5..10), 130.5, &[]);
        let gaps: Vec<_> = (0..2)
            .filter_map(|i| log.event(i))
            .map(|e| e.gap_ms)
            .collect();
        assert_eq!(gaps, vec![100.0, 30.5]);
    }

    #[test]
    fn types_are_counted_in_order_of_first_appearance() {
        let mut log = SessionLog::new(1, "GET /x".into(), 0.0, 0);
        for event_type in ["b", "a", "b", "b"] {
            log.push_event(&event(event_type, "x", "", 0..1), 0.0, &[]);
        }
        assert_eq!(
            log.type_counts().collect::<Vec<_>>(),
            vec![("b", 3), ("a", 1)]
        );
        assert_eq!(log.type_index(1), Some(1));
    }

    fn streaming_log() -> SessionLog {
        let mut log = SessionLog::new(1, "GET /x".into(), 0.0, 0);
        log.record_response(ResponseHead {
            status: 200,
            status_text: "OK".into(),
            headers: vec![],
            is_event_stream: true,
            at_ms: 1.0,
        });
        log
    }

    #[test]
    fn raw_bytes_and_chunks_are_kept_for_event_streams() {
        let mut log = streaming_log();
        log.record_chunk(b"data: a", 2.0, false);
        log.record_chunk(b"bc\n\ndata: d\n\n", 3.0, false);
        assert_eq!(&*log.raw_bytes(0..11), b"data: abc\n\n");
        assert_eq!(log.chunks_of(0..11), (0..2, 2));
        assert_eq!(log.chunks_of(11..20), (1..2, 2));
        assert_eq!(log.bytes_received(), 20);
        // A later part of the second chunk is still chunk 1.
        log.record_chunk(b"data: e\n\n", 3.0, true);
        assert_eq!(log.chunks_of(20..29), (1..2, 2));
        assert_eq!(&*log.raw_bytes(11..29), b"data: d\n\ndata: e\n\n");
    }

    #[test]
    fn each_chunk_knows_the_events_it_carried_and_which_were_split() {
        use crate::session::connection_run::ConnectionRun;
        let mut log = SessionLog::new(1, "GET /s".into(), 0.0, 0);
        let mut run = ConnectionRun::new();
        let headers = vec![("content-type".to_owned(), "text/event-stream".to_owned())];
        run.opened(&mut log, 200, "OK".into(), headers, 1.0);
        run.chunk(&mut log, b"data: 1\n\ndata: 2", 2.0);
        run.chunk(&mut log, b"2\n\n: ping\n\n", 3.0);
        run.chunk(&mut log, b"data: 3\n\n", 4.0);
        let chunks: Vec<_> = (0..log.chunk_count())
            .filter_map(|index| log.chunk(index))
            .map(|chunk| (chunk.events, chunk.continues_earlier, chunk.continues_later))
            .collect();
        assert_eq!(
            chunks,
            vec![
                (0..2, false, true),
                (1..2, true, false),
                (2..3, false, false)
            ]
        );
        assert_eq!(log.chunk(1).map(|chunk| chunk.span), Some(16..27));
        assert_eq!(log.chunk(3), None);
    }

    #[test]
    fn a_body_shown_as_text_is_counted_but_not_kept_as_a_stream() {
        let mut log = SessionLog::new(1, "GET /x".into(), 0.0, 0);
        log.record_chunk(b"{}", 2.0, false);
        assert_eq!(log.bytes_received(), 2);
        assert_eq!(&*log.raw_bytes(0..2), b"");
    }

    #[test]
    fn data_lent_from_the_chunk_is_read_in_place_and_searched_only_inside_data() {
        let mut log = streaming_log();
        let chunk = b"data: one\n\ndata: two data\n\n";
        log.record_chunk(chunk, 2.0, false);
        let text = std::str::from_utf8(chunk).expect("ASCII");
        log.push_event(&event("message", &text[6..9], "", 0..10), 2.0, chunk);
        log.push_event(&event("message", &text[17..25], "", 11..26), 2.0, chunk);
        // A copy (not lent from the chunk) goes to the arena.
        log.push_event(&event("message", "three data", "", 27..40), 2.0, chunk);
        assert!(matches!(log.events[0].data, DataRef::Raw(_)));
        assert!(matches!(log.events[2].data, DataRef::Arena(_)));
        let data: Vec<_> = (0..3)
            .filter_map(|i| log.event(i))
            .map(|e| e.data)
            .collect();
        assert_eq!(data, vec!["one", "two data", "three data"]);
        // "data" is in every `data:` line's field name, but only in two events' data.
        assert_eq!(found(&log, "DATA", 0), vec![1, 2]);
        // "one\n\ndata" spans the end of one event's data and the raw bytes after it.
        assert_eq!(found(&log, "e\n", 0), Vec::<u32>::new());
    }

    #[test]
    fn the_retry_in_force_is_the_last_one_before_the_event() {
        let mut log = streaming_log();
        log.push_event(&event("a", "1", "", 0..1), 0.0, &[]);
        log.push_retry(5000);
        log.push_event(&event("a", "2", "", 1..2), 0.0, &[]);
        log.push_retry(100);
        log.push_retry(200);
        log.push_event(&event("a", "3", "", 2..3), 0.0, &[]);
        assert_eq!(
            (0..3).map(|index| log.retry_at(index)).collect::<Vec<_>>(),
            vec![None, Some(5000), Some(200)]
        );
    }

    #[test]
    fn times_of_day_are_local_to_the_zone_at_the_start() {
        // 2026-11-27T23:59:59.500Z, one hour east of UTC.
        let log = SessionLog::new(1, "GET /x".into(), 1_795_823_999_500.0, 60);
        assert_eq!(log.time_of_day(750.25), "01:00:00.250");
    }

    #[test]
    fn only_the_first_close_counts_and_nothing_is_added_after_it() {
        let mut log = SessionLog::new(1, "GET /x".into(), 0.0, 0);
        log.close(CloseReason::Aborted, 1.0);
        log.close(CloseReason::Clean, 2.0);
        log.push_event(&event("late", "x", "", 0..1), 3.0, &[]);
        assert_eq!(
            log.closed,
            Some(Closed {
                reason: CloseReason::Aborted,
                at_ms: 1.0
            })
        );
        assert_eq!(log.event_count(), 0);
    }

    #[test]
    fn the_latest_response_latency_is_never_measured_from_a_reconnection_still_waiting() {
        // Regression: while connection 2 waited, the summary said "headers after -3027 ms
        // (connection 2 of 2)": connection 1's head against connection 2's future request time.
        let mut log = SessionLog::new(1, "GET /x".into(), 0.0, 0);
        log.begin_connection(0.0, None, "");
        log.record_response(ResponseHead {
            status: 200,
            status_text: "OK".into(),
            headers: vec![],
            is_event_stream: true,
            at_ms: 12.0,
        });
        log.end_connection(CloseReason::Clean, 40.0);
        log.begin_connection(3040.0, Some(3000.0), "7");
        let (position, _, latency) = log.latest_response().expect("a response");
        assert_eq!((position, latency), (0, 12.0));
        log.record_response(ResponseHead {
            status: 200,
            status_text: "OK".into(),
            headers: vec![],
            is_event_stream: true,
            at_ms: 3049.0,
        });
        let (position, _, latency) = log.latest_response().expect("a response");
        assert_eq!((position, latency), (1, 9.0));
    }

    #[test]
    fn a_waiting_note_goes_once_the_head_arrives_or_the_connection_ends() {
        let mut log = SessionLog::new(1, "GET /x".into(), 0.0, 0);
        log.begin_connection(0.0, None, "");
        log.waiting_note = Some("waiting".into());
        log.end_connection(CloseReason::Aborted, 5.0);
        assert_eq!(log.waiting_note, None);
        let mut log = streaming_log();
        log.waiting_note = Some("waiting".into());
        log.record_response(ResponseHead {
            status: 200,
            status_text: String::new(),
            headers: vec![],
            is_event_stream: true,
            at_ms: 9.0,
        });
        assert_eq!(log.waiting_note, None);
    }

    #[test]
    fn raw_view_and_copy_raw_keep_the_final_newline_of_a_crlf_block() {
        // Regression (issue 15, item 7): the span ends at the CR of the last CR LF.
        let mut log = SessionLog::new(1, "GET /x".into(), 0.0, 0);
        let mut run = crate::session::connection_run::ConnectionRun::new();
        let headers = vec![("content-type".to_owned(), "text/event-stream".to_owned())];
        run.opened(&mut log, 200, String::new(), headers, 0.0);
        run.chunk(&mut log, b"data: a\r\n\r", 1.0);
        run.chunk(&mut log, b"\ndata: b\n\n", 2.0);
        let first = log.event(0).expect("an event").span;
        assert_eq!(log.block_lines(first).as_ref(), b"data: a\r\n\r\n");
        let second = log.event(1).expect("an event").span;
        assert_eq!(log.block_lines(second).as_ref(), b"data: b\n\n");
    }

    #[test]
    fn a_4xx_or_5xx_status_never_looks_like_success() {
        let head = |status| ResponseHead {
            status,
            status_text: String::new(),
            headers: vec![],
            is_event_stream: false,
            at_ms: 0.0,
        };
        assert_eq!(head(200).status_class(), "status");
        for status in [401, 403, 404, 500, 503] {
            assert_eq!(
                head(status).status_class(),
                "status status-error",
                "{status}"
            );
        }
        assert_eq!(head(304).status_class(), "status status-other");
    }

    #[test]
    fn a_resumed_connection_that_sends_the_event_it_resumed_from_again_repeats_an_id() {
        use crate::session::connection_run::ConnectionRun;
        let connect = |log: &mut SessionLog, resumed_from: &str, stream: &[u8]| {
            log.begin_connection(0.0, None, resumed_from);
            let mut run = ConnectionRun::resuming(resumed_from);
            let headers = vec![("content-type".to_owned(), "text/event-stream".to_owned())];
            run.opened(log, 200, "OK".into(), headers, 1.0);
            run.chunk(log, stream, 2.0);
            run.ended(log, 3.0);
        };
        // The MCP SDK's replay: the event named by Last-Event-ID comes again, then the rest.
        let mut replayed = SessionLog::new(1, "GET /x".into(), 0.0, 0);
        connect(&mut replayed, "", b"id: 0/0\ndata:\n\nid: 1/0\ndata: a\n\n");
        connect(
            &mut replayed,
            "1/0",
            b"id: 1/0\ndata: a\n\nid: 2/0\ndata: b\n\n",
        );
        let found = replayed.resumptions();
        assert_eq!(
            (found[0].repeated, found[0].first_repeated.as_deref()),
            (1, Some("1/0"))
        );
        // A first event without an id field keeps the id resumed from: nothing was repeated.
        let mut carried_on = SessionLog::new(2, "GET /x".into(), 0.0, 0);
        connect(&mut carried_on, "", b"id: 7\ndata: a\n\n");
        connect(&mut carried_on, "7", b"data: b\n\nid: 8\ndata: c\n\n");
        assert!(
            carried_on.resumptions()[0].is_clean(),
            "{:?}",
            carried_on.resumptions()
        );
    }
}
