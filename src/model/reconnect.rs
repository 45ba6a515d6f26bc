//! Reconnection, as `EventSource` does it (WHATWG HTML §9.2.3 "reestablish the connection",
//! "fail the connection"), with optional exponential backoff: whether a connection's end leads
//! to another connection, and after how long.

use serde::{Deserialize, Serialize};

use crate::model::close_reason::CloseReason;
use crate::model::session_log::ResponseHead;

/// The reconnection time before any `retry` field: the standard leaves it to the user agent;
/// browsers use 3 s.
pub const DEFAULT_RECONNECTION_MS: u64 = 3000;

/// How a request reconnects. Saved with the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReconnectPolicy {
    /// Whether to reconnect at all; `None` follows the method (on for GET, off otherwise, as a
    /// POST to an AI API must not be sent twice unasked).
    pub enabled: Option<bool>,
    /// Double the wait after each connection that dispatched no event, with jitter.
    pub backoff: bool,
    /// Longest wait with backoff, in ms.
    pub max_delay_ms: u64,
}

impl Default for ReconnectPolicy {
    fn default() -> Self {
        Self {
            enabled: None,
            backoff: false,
            max_delay_ms: 30_000,
        }
    }
}

impl ReconnectPolicy {
    /// Whether a request with `method` reconnects under this policy.
    pub fn is_enabled(&self, method: &str) -> bool {
        self.enabled
            .unwrap_or_else(|| method.eq_ignore_ascii_case("GET"))
    }

    /// What happens after a connection that ended with `reason` (its head `head`, if one came):
    /// `failures` is how many connections in a row before this one's end dispatched no event
    /// (this one included), `reconnection_ms` the reconnection time in force (the last `retry`),
    /// `jitter` a random number in [0, 1).
    ///
    /// Stops, like `EventSource` "fails the connection", on a status other than 200, a
    /// Content-Type other than `text/event-stream`, or an abort; otherwise (the stream ended, or a
    /// network error) reconnects after the reconnection time, or with backoff after
    /// `reconnection time × 2^(failures − 1)` capped at the maximum, of which a random half is
    /// taken off so that many clients do not retry in step.
    pub fn next(
        &self,
        reason: &CloseReason,
        head: Option<&ResponseHead>,
        failures: u32,
        reconnection_ms: Option<u64>,
        jitter: f64,
    ) -> Next {
        if let CloseReason::Aborted = reason {
            return Next::Stop(Stop::Aborted);
        }
        if let Some(head) = head {
            if head.status != 200 {
                return Next::Stop(Stop::Status(head.status));
            }
            if !head.is_event_stream {
                return Next::Stop(Stop::NotEventStream);
            }
        }
        let base = reconnection_ms.unwrap_or(DEFAULT_RECONNECTION_MS) as f64;
        if !self.backoff || failures == 0 {
            return Next::Reconnect { delay_ms: base };
        }
        let doubled = base * 2f64.powi(failures.saturating_sub(1).min(30) as i32);
        let capped = doubled
            .min(self.max_delay_ms as f64)
            .max(base.min(self.max_delay_ms as f64));
        Next::Reconnect {
            delay_ms: capped * (1.0 - jitter.clamp(0.0, 1.0) / 2.0),
        }
    }
}

/// What follows a connection's end.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Next {
    /// Connect again after `delay_ms`.
    Reconnect {
        /// The wait, in ms.
        delay_ms: f64,
    },
    /// Stop reconnecting.
    Stop(Stop),
}

/// Why reconnecting stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The user closed the session.
    Aborted,
    /// The server answered with this status, not 200 (a 204 is how a server says "stop").
    Status(u16),
    /// The response is not `text/event-stream`.
    NotEventStream,
}

impl Stop {
    /// One line for the timeline: why no further connection is made.
    pub fn describe(self) -> String {
        match self {
            Self::Aborted => "closed by you".into(),
            Self::Status(204) => {
                "the server answered 204 No Content, which tells clients to stop".into()
            }
            Self::Status(status) => format!("the server answered {status}, not 200"),
            Self::NotEventStream => "the response is not text/event-stream".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(status: u16, is_event_stream: bool) -> ResponseHead {
        ResponseHead {
            status,
            status_text: String::new(),
            headers: Vec::new(),
            is_event_stream,
            at_ms: 0.0,
        }
    }

    #[test]
    fn get_reconnects_by_default_and_post_does_not() {
        let policy = ReconnectPolicy::default();
        assert!(policy.is_enabled("GET"));
        assert!(!policy.is_enabled("POST"));
        let forced = ReconnectPolicy {
            enabled: Some(true),
            ..policy
        };
        assert!(forced.is_enabled("POST"));
    }

    #[test]
    fn a_clean_end_or_network_error_reconnects_after_the_reconnection_time() {
        let policy = ReconnectPolicy::default();
        let ok = head(200, true);
        assert_eq!(
            policy.next(&CloseReason::Clean, Some(&ok), 0, None, 0.5),
            Next::Reconnect { delay_ms: 3000.0 }
        );
        let failed = CloseReason::NetworkError {
            message: "Failed to fetch".into(),
        };
        assert_eq!(
            policy.next(&failed, None, 3, Some(250), 0.5),
            Next::Reconnect { delay_ms: 250.0 }
        );
    }

    #[test]
    fn what_eventsource_fails_on_stops_reconnecting() {
        let policy = ReconnectPolicy::default();
        let clean = CloseReason::Clean;
        assert_eq!(
            policy.next(&clean, Some(&head(204, false)), 0, None, 0.0),
            Next::Stop(Stop::Status(204))
        );
        let http = CloseReason::HttpError {
            status: 503,
            status_text: String::new(),
        };
        assert_eq!(
            policy.next(&http, Some(&head(503, false)), 0, None, 0.0),
            Next::Stop(Stop::Status(503))
        );
        assert_eq!(
            policy.next(&clean, Some(&head(200, false)), 0, None, 0.0),
            Next::Stop(Stop::NotEventStream)
        );
        assert_eq!(
            policy.next(&CloseReason::Aborted, None, 0, None, 0.0),
            Next::Stop(Stop::Aborted)
        );
    }

    #[test]
    fn backoff_doubles_per_failure_up_to_the_cap_and_jitter_takes_off_at_most_half() {
        let policy = ReconnectPolicy {
            enabled: Some(true),
            backoff: true,
            max_delay_ms: 10_000,
        };
        let failed = CloseReason::NetworkError {
            message: "x".into(),
        };
        let delay =
            |failures, jitter| match policy.next(&failed, None, failures, Some(1000), jitter) {
                Next::Reconnect { delay_ms } => delay_ms,
                Next::Stop(stop) => panic!("stopped: {stop:?}"),
            };
        assert_eq!(
            [0, 1, 2, 3, 4, 5].map(|failures| delay(failures, 0.0)),
            [1000.0, 1000.0, 2000.0, 4000.0, 8000.0, 10_000.0]
        );
        assert_eq!(delay(3, 0.5), 3000.0);
        assert_eq!(delay(40, 0.999_999_9).round(), 5000.0);
    }
}
