//! For tests: an event stream (or any body) received over a connection, in pieces, as a
//! session log.

use crate::session::connection_run::ConnectionRun;
use crate::session::log::SessionLog;

/// The log of a `POST` whose `200 text/event-stream` response (head at 5 ms) sent `stream` in
/// pieces cut at `cuts` (offsets, in order; one piece per 10 ms), ending cleanly at 1000 ms.
pub fn received_in_pieces(stream: &str, cuts: &[usize]) -> SessionLog {
    received_as("text/event-stream", stream, cuts)
}

/// As [`received_in_pieces`], the response sent as `content_type`.
pub fn received_as(content_type: &str, stream: &str, cuts: &[usize]) -> SessionLog {
    let bytes = stream.as_bytes();
    let mut log = SessionLog::new(1, "POST /x".into(), 0.0, 0);
    let mut run = ConnectionRun::new();
    let headers = vec![("content-type".to_owned(), content_type.to_owned())];
    run.opened(&mut log, 200, "OK".into(), headers, 5.0);
    let mut start = 0;
    for (n, &cut) in cuts.iter().chain([&bytes.len()]).enumerate() {
        let cut = cut.clamp(start, bytes.len());
        run.chunk(&mut log, &bytes[start..cut], 10.0 * (n + 1) as f64);
        start = cut;
    }
    run.ended(&mut log, 1000.0);
    log.close_as_last_connection_ended();
    log
}
