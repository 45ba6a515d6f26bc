//! `Reconnection`: what a session does when one of its connections has ended — counts the
//! connections in a row that brought no event, asks the request's [`ReconnectPolicy`], and
//! either begins the next connection in the log (with its wait) or closes the session, saying
//! why no further connection is made. The app and the CLI both drive their sessions with it.

use crate::jsonrpc::exchange::{Exchange, Side};
use crate::session::connection_run::Ending;
use crate::session::log::SessionLog;
use crate::session::reconnect::{Next, ReconnectPolicy};

/// The reconnection state of one session.
#[derive(Debug, Clone)]
pub struct Reconnection {
    policy: ReconnectPolicy,
    /// Whether the policy reconnects this request's method at all.
    is_enabled: bool,
    /// Connections in a row, the last included, that dispatched no event (for backoff).
    failures: u32,
    /// Whether it reconnects only while a JSON-RPC request of the request body is unanswered
    /// (an MCP POST's stream, which the server ends once it has answered).
    awaits_answers: bool,
}

impl Reconnection {
    /// For a session of a request with `method` under `policy`.
    pub fn new(policy: ReconnectPolicy, method: &str) -> Self {
        Self {
            policy,
            is_enabled: policy.is_enabled(method),
            failures: 0,
            awaits_answers: false,
        }
    }

    /// This one, reconnecting only while a JSON-RPC request of the request body has no answer
    /// in the stream when `awaits_answers` (an MCP Streamable HTTP POST: its stream ends, by
    /// design, once every request is answered; MCP 2025-11-25 "Sending Messages to the Server").
    #[must_use]
    pub fn awaiting_answers(mut self, awaits_answers: bool) -> Self {
        self.awaits_answers = awaits_answers;
        self
    }

    /// The last connection of `log` ended as `ending`, `now_ms` after the session started;
    /// `jitter` is a random number in [0, 1). Returns the wait in ms before the next connection,
    /// which is already begun in `log` (so the timeline shows the wait), or `None` when the
    /// session is closed (with the reason reconnecting stopped, when it stopped for one).
    pub fn after_end(
        &mut self,
        log: &mut SessionLog,
        ending: &Ending,
        now_ms: f64,
        jitter: f64,
    ) -> Option<f64> {
        let next = log.connections().last().map(|connection| {
            self.failures = if log.event_count() > connection.first_event {
                0
            } else {
                self.failures + 1
            };
            self.policy.next(
                &ending.reason,
                connection.head.as_ref(),
                log.connections().len() - 1,
                self.failures,
                log.retries().last(),
                jitter,
            )
        });
        let is_answered = self.awaits_answers && !awaits_answer(log);
        match next.filter(|_| self.is_enabled && !is_answered) {
            Some(Next::Reconnect { delay_ms }) => {
                log.begin_connection(now_ms + delay_ms, Some(delay_ms), &ending.last_event_id);
                Some(delay_ms)
            }
            stop => {
                if let Some(Next::Stop(stop)) = stop {
                    log.reconnect_stop = Some(stop.describe());
                }
                log.close_as_last_connection_ended();
                None
            }
        }
    }
}

/// Whether a JSON-RPC request of `log`'s request body has no response among its events.
fn awaits_answer(log: &SessionLog) -> bool {
    let mut exchange = Exchange::new();
    if let Some(body) = &log.sent.body {
        exchange.sent(body, 0.0);
    }
    for index in 0..log.event_count() {
        if let Some(event) = log.event(index) {
            exchange.received(index, event.last_event_id, event.data, event.at_ms);
        }
    }
    exchange
        .unanswered()
        .any(|request| request.side == Side::Client)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::connection_run::ConnectionRun;

    fn connection(log: &mut SessionLog, last_event_id: &str, body: &[u8], at_ms: f64) -> Ending {
        if log.connections().is_empty() {
            log.begin_connection(at_ms, None, last_event_id);
        }
        let mut run = ConnectionRun::resuming(last_event_id);
        let headers = vec![("content-type".to_owned(), "text/event-stream".to_owned())];
        run.opened(log, 200, "OK".into(), headers, at_ms + 1.0);
        run.chunk(log, body, at_ms + 2.0);
        run.ended(log, at_ms + 3.0)
    }

    #[test]
    fn a_get_stream_reconnects_with_its_last_event_id_after_the_retry_time() {
        let mut log = SessionLog::new(1, "GET http://h/".into(), 0.0, 0);
        let mut reconnection = Reconnection::new(ReconnectPolicy::default(), "GET");
        let ending = connection(&mut log, "", b"retry: 1000\nid: 7\ndata: a\n\n", 0.0);
        assert_eq!(
            reconnection.after_end(&mut log, &ending, 3.0, 0.5),
            Some(1000.0)
        );
        let second = log.connections().last().expect("begun");
        assert_eq!(
            (second.last_event_id.as_str(), second.delay_ms),
            ("7", Some(1000.0))
        );
        assert!(!log.is_closed());
    }

    #[test]
    fn a_post_stream_closes_and_a_204_stops_reconnecting_with_the_reason() {
        let mut log = SessionLog::new(1, "POST http://h/".into(), 0.0, 0);
        let mut reconnection = Reconnection::new(ReconnectPolicy::default(), "POST");
        let ending = connection(&mut log, "", b"data: a\n\n", 0.0);
        assert_eq!(reconnection.after_end(&mut log, &ending, 3.0, 0.5), None);
        assert!(log.is_closed() && log.reconnect_stop.is_none());

        let mut log = SessionLog::new(1, "GET http://h/".into(), 0.0, 0);
        let mut reconnection = Reconnection::new(ReconnectPolicy::default(), "GET");
        log.begin_connection(0.0, None, "");
        let mut run = ConnectionRun::new();
        run.opened(&mut log, 204, "No Content".into(), Vec::new(), 1.0);
        let ending = run.ended(&mut log, 2.0);
        assert_eq!(reconnection.after_end(&mut log, &ending, 2.0, 0.5), None);
        assert!(
            log.reconnect_stop
                .as_deref()
                .is_some_and(|why| why.contains("204"))
        );
    }

    #[test]
    fn an_mcp_post_stream_is_resumed_only_while_its_request_is_unanswered() {
        let call = r#"{"jsonrpc":"2.0","id":3,"method":"tools/call"}"#;
        let progress =
            b"id: 1/0\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}\n\n";
        let mut log = SessionLog::new(1, "POST http://h/mcp".into(), 0.0, 0);
        log.sent.body = Some(call.into());
        let mut reconnection =
            Reconnection::new(ReconnectPolicy::default(), "GET").awaiting_answers(true);
        let ending = connection(&mut log, "", progress, 0.0);
        assert_eq!(
            reconnection.after_end(&mut log, &ending, 3.0, 0.5),
            Some(3000.0),
            "dropped before the answer"
        );
        let answer = b"id: 2/0\ndata: {\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}\n\n";
        let ending = connection(&mut log, "1/0", answer, 3010.0);
        assert_eq!(reconnection.after_end(&mut log, &ending, 3013.0, 0.5), None);
        assert!(log.is_closed());
        assert_eq!(log.reconnect_stop, None, "a natural end, not a stop");
    }
}
