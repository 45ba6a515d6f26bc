//! The figures of a run that tell how a stream behaves over time: time to headers, to first
//! byte and to first event, event and byte rates, and the longest silence between two events.
//! All are read off the session log in constant time, so they can refresh every frame.

use crate::session::log::SessionLog;

/// A run's timing; each figure is `None` until there is something to measure.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Timing {
    /// ms from the request start to the response head.
    pub to_headers_ms: Option<f64>,
    /// ms from the request start to the first body chunk.
    pub to_first_byte_ms: Option<f64>,
    /// ms from the request start to the first dispatched event.
    pub to_first_event_ms: Option<f64>,
    /// Events per second from the first byte to the close (or to the last chunk while open).
    pub events_per_s: Option<f64>,
    /// Body bytes per second over the same span.
    pub bytes_per_s: Option<f64>,
    /// The longest wait between two consecutive events: (ms, index of the event after it).
    pub largest_gap: Option<(f64, usize)>,
    /// ms from the request start to the close, once closed.
    pub duration_ms: Option<f64>,
}

impl Timing {
    /// The timing of the run in `log`.
    pub fn of(log: &SessionLog) -> Self {
        let first_byte = log.first_chunk_ms();
        let end = log
            .closed
            .as_ref()
            .map(|closed| closed.at_ms)
            .or(log.last_chunk_ms());
        // Rates need a span to divide by: none for a single instant.
        let seconds = first_byte
            .zip(end)
            .map(|(from, to)| (to - from) / 1000.0)
            .filter(|seconds| *seconds > 0.0);
        Self {
            to_headers_ms: log.first_response().map(|head| head.at_ms),
            to_first_byte_ms: first_byte,
            to_first_event_ms: log.event(0).map(|event| event.at_ms),
            events_per_s: seconds.map(|s| log.event_count() as f64 / s),
            bytes_per_s: seconds.map(|s| log.bytes_received() as f64 / s),
            largest_gap: log.largest_gap(),
            duration_ms: log.closed.as_ref().map(|closed| closed.at_ms),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::connection_run::ConnectionRun;

    fn event_stream() -> Vec<(String, String)> {
        vec![("content-type".into(), "text/event-stream".into())]
    }

    #[test]
    fn a_run_measures_its_first_byte_first_event_rates_and_longest_silence() {
        let mut log = SessionLog::new(1, "GET /s".into(), 0.0, 0);
        let mut run = ConnectionRun::new();
        run.opened(&mut log, 200, "OK".into(), event_stream(), 40.0);
        run.chunk(&mut log, b": hello\n\n", 50.0);
        run.chunk(&mut log, b"data: 1\n\n", 100.0);
        run.chunk(&mut log, b"data: 2\n\ndata: 3\n\n", 150.0);
        // A stall of 800 ms before the fourth event.
        run.chunk(&mut log, b"data: 4\n\n", 950.0);
        run.ended(&mut log, 1050.0);
        log.close_as_last_connection_ended();
        let timing = Timing::of(&log);
        assert_eq!(timing.to_headers_ms, Some(40.0));
        assert_eq!(timing.to_first_byte_ms, Some(50.0));
        assert_eq!(timing.to_first_event_ms, Some(100.0));
        assert_eq!(timing.largest_gap, Some((800.0, 3)));
        assert_eq!(timing.events_per_s, Some(4.0), "4 events over 1 s");
        assert_eq!(timing.bytes_per_s, Some(45.0));
        assert_eq!(timing.duration_ms, Some(1050.0));
    }

    #[test]
    fn nothing_is_measured_before_anything_arrives() {
        let log = SessionLog::new(1, "GET /s".into(), 0.0, 0);
        assert_eq!(Timing::of(&log), Timing::default());
    }
}
