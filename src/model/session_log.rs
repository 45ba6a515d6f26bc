//! The session log: everything one connection run produced, stored compactly and outside the
//! reactive graph. Views ask it for the rows they show.
//!
//! Event data lives in one string arena, event types and last event IDs are interned, and each
//! event is a small fixed record, so holding many events costs little more than their data.

use std::collections::HashMap;
use std::ops::Range;

use crate::model::clock::format_time_of_day;
use crate::model::close_reason::CloseReason;

/// The response head, as received.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseHead {
    /// Status code.
    pub status: u16,
    /// Reason phrase (empty over HTTP/2).
    pub status_text: String,
    /// Headers as (name, value), names lowercased by the browser.
    pub headers: Vec<(String, String)>,
    /// Whether the body is decoded as an event stream (by its media type).
    pub is_event_stream: bool,
    /// When the head arrived, in ms since the request started.
    pub at_ms: f64,
}

impl ResponseHead {
    /// `200 OK`, or just `200` when there is no reason phrase.
    pub fn status_line(&self) -> String {
        format!("{} {}", self.status, self.status_text)
            .trim_end()
            .to_owned()
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The `content-type` header's value, or empty.
    pub fn content_type(&self) -> &str {
        self.headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
            .map_or("", |(_, value)| value)
    }
}

/// A closed run's ending.
#[derive(Debug, Clone, PartialEq)]
pub struct Closed {
    /// Why it ended.
    pub reason: CloseReason,
    /// When, in ms since the request started.
    pub at_ms: f64,
}

/// One dispatched event, as stored: indices into the log's arenas.
#[derive(Debug, Clone, PartialEq)]
struct EventRecord {
    type_index: u32,
    id_index: u32,
    data: Range<usize>,
    span: Range<u64>,
    at_ms: f64,
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
}

impl EventView<'_> {
    /// Bytes of the event's block on the wire.
    pub fn wire_bytes(&self) -> u64 {
        self.span.end - self.span.start
    }
}

/// Everything one connection run produced.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SessionLog {
    /// Which connection run this is: 0 before the first Send, then 1, 2, … per Send. Views key
    /// their rows by it, so a new run never reuses the previous run's rows.
    pub run_id: u64,
    /// Method and URL as sent, e.g. `GET http://…`.
    pub target: String,
    /// Wall-clock time of the request start, in Unix ms (for display only).
    pub started_unix_ms: f64,
    /// The local zone at the request start, minutes east of UTC (for display only).
    pub utc_offset_minutes: i32,
    /// The response head, once it arrived.
    pub response: Option<ResponseHead>,
    /// The body of a response that is not an event stream (or not 2xx), as text.
    pub body_text: Option<String>,
    /// How the run ended, once it did.
    pub closed: Option<Closed>,
    types: Vec<String>,
    type_indices: HashMap<String, u32>,
    ids: Vec<String>,
    data: String,
    events: Vec<EventRecord>,
    discarded: Vec<sse_codec::LimitExceeded>,
    bytes_received: u64,
}

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
        Some(EventView {
            index,
            event_type: &self.types[record.type_index as usize],
            data: &self.data[record.data.clone()],
            last_event_id: &self.ids[record.id_index as usize],
            at_ms: record.at_ms,
            span: record.span.clone(),
        })
    }

    /// Records the response head. Ignored once the run is closed.
    pub fn record_response(&mut self, head: ResponseHead) {
        if !self.is_closed() {
            self.response = Some(head);
        }
    }

    /// Counts body bytes received.
    pub fn record_bytes(&mut self, count: usize) {
        if !self.is_closed() {
            self.bytes_received += count as u64;
        }
    }

    /// Appends a dispatched event that arrived `at_ms` after the request started, copying it
    /// straight from the decoder's buffers into the log's arenas. Ignored once the run is closed:
    /// nothing shows after the close entry.
    pub fn push_event(&mut self, event: &sse_codec::EventRef<'_>, at_ms: f64) {
        if self.is_closed() {
            return;
        }
        let type_index = match self.type_indices.get(event.event_type) {
            Some(&index) => index,
            None => {
                let index = self.types.len() as u32;
                self.types.push(event.event_type.to_owned());
                self.type_indices.insert(event.event_type.to_owned(), index);
                index
            }
        };
        // Last event IDs repeat from one event to the next until an `id` field changes them.
        if self.ids.last().is_none_or(|id| id != event.last_event_id) {
            self.ids.push(event.last_event_id.to_owned());
        }
        let start = self.data.len();
        self.data.push_str(event.data);
        self.events.push(EventRecord {
            type_index,
            id_index: (self.ids.len() - 1) as u32,
            data: start..self.data.len(),
            span: event.span.clone(),
            at_ms,
        });
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

    /// Sets the body text of a response shown as text.
    pub fn set_body_text(&mut self, text: String) {
        self.body_text = Some(text);
    }

    /// Ends the run. Only the first close counts: a run ends in exactly one close reason.
    pub fn close(&mut self, reason: CloseReason, at_ms: f64) {
        if !self.is_closed() {
            self.closed = Some(Closed { reason, at_ms });
        }
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
        log.push_event(&event("tick", "one", "1", 0..10), 5.0);
        log.push_event(&event("tick", "two", "1", 10..20), 6.5);
        log.push_event(&event("other", "three", "", 20..35), 7.0);
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

    #[test]
    fn times_of_day_are_local_to_the_zone_at_the_start() {
        // 2026-11-21T23:59:59.500Z, one hour east of UTC.
        let log = SessionLog::new(1, "GET /x".into(), 1_795_823_999_500.0, 60);
        assert_eq!(log.time_of_day(750.25), "01:00:00.250");
    }

    #[test]
    fn only_the_first_close_counts_and_nothing_is_added_after_it() {
        let mut log = SessionLog::new(1, "GET /x".into(), 0.0, 0);
        log.close(CloseReason::Aborted, 1.0);
        log.close(CloseReason::Clean, 2.0);
        log.push_event(&event("late", "x", "", 0..1), 3.0);
        assert_eq!(
            log.closed,
            Some(Closed {
                reason: CloseReason::Aborted,
                at_ms: 1.0
            })
        );
        assert_eq!(log.event_count(), 0);
    }
}
