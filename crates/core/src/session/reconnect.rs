//! Reconnection, as `EventSource` does it (WHATWG HTML §9.2.3 "reestablish the connection",
//! "fail the connection"), with optional exponential backoff: whether a connection's end leads
//! to another connection, and after how long.

use serde::{Serialize, Serializer};
use serde_json::{Value, json};

use crate::session::close_reason::CloseReason;
use crate::session::response_head::ResponseHead;

/// The reconnection time before any `retry` field: the standard leaves it to the user agent;
/// browsers use 3 s.
pub const DEFAULT_RECONNECTION_MS: u64 = 3000;

/// The shortest wait before a reconnection, in ms, whatever the server's `retry` says (as
/// Firefox's `EventSource` does): a server that sends `retry: 0` and closes must not make the app
/// open hundreds of connections a second.
pub const MIN_RECONNECTION_MS: u64 = 500;

/// The longest wait, in ms: a browser timer takes a signed 32-bit delay, and a longer one wraps
/// to 0 (a `retry: 2147483648` would reconnect at once while the timeline said otherwise).
pub const MAX_RECONNECTION_MS: u64 = i32::MAX as u64;

/// Connections in a row that dispatched no event after which reconnecting stops: a server that
/// accepts and closes, or never answers, is not retried forever.
pub const MAX_CONNECTIONS_WITHOUT_EVENTS: u32 = 10;

/// How a request reconnects. Saved with the request as `{"enabled": null, "backoff": false,
/// "max_delay_ms": 30000}` (by hand through `serde_json::Value`: the derive cost the
/// size-budgeted app; every field required, as the derive had it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

impl Serialize for ReconnectPolicy {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        json!({
            "enabled": self.enabled,
            "backoff": self.backoff,
            "max_delay_ms": self.max_delay_ms,
        })
        .serialize(serializer)
    }
}

serde_through_json!(read ReconnectPolicy);

impl ReconnectPolicy {
    /// Reads it as [`Serialize`] writes it; every field must be there (`enabled` may be null).
    pub(crate) fn from_json(value: &Value) -> Result<Self, String> {
        let field = |name: &str| {
            value
                .get(name)
                .ok_or_else(|| format!("the reconnect policy needs `{name}`"))
        };
        let wrong = |name: &str| format!("`{name}` of the reconnect policy is of the wrong type");
        let enabled = match field("enabled")? {
            Value::Null => None,
            other => Some(other.as_bool().ok_or_else(|| wrong("enabled"))?),
        };
        Ok(Self {
            enabled,
            backoff: field("backoff")?
                .as_bool()
                .ok_or_else(|| wrong("backoff"))?,
            max_delay_ms: field("max_delay_ms")?
                .as_u64()
                .ok_or_else(|| wrong("max_delay_ms"))?,
        })
    }

    /// Whether a request with `method` reconnects under this policy.
    pub fn is_enabled(&self, method: &str) -> bool {
        self.enabled
            .unwrap_or_else(|| method.eq_ignore_ascii_case("GET"))
    }

    /// What happens after a connection that ended with `reason` (its head `head`, if one came),
    /// the `connection`th of the session (0 for the first): `failures` is how many connections in a row before this one's end dispatched no event
    /// (this one included), `reconnection_ms` the reconnection time in force (the last `retry`),
    /// `jitter` a random number in [0, 1).
    ///
    /// Stops, like `EventSource` "fails the connection", on a status other than 200, a
    /// Content-Type other than `text/event-stream`, an abort, or a first connection that ended
    /// without any response (a refused connection, a CORS refusal: reconnecting is futile, and
    /// `EventSource` gives up then too); and after
    /// [`MAX_CONNECTIONS_WITHOUT_EVENTS`] connections in a row that dispatched no event.
    /// Otherwise (the stream ended, or a network error) reconnects after the reconnection time,
    /// or with backoff after `reconnection time × 2^(failures − 1)` capped at the maximum, of
    /// which a random half is taken off so that many clients do not retry in step. The
    /// reconnection time counts as at least [`MIN_RECONNECTION_MS`], and no wait is longer than
    /// [`MAX_RECONNECTION_MS`].
    pub fn next(
        &self,
        reason: &CloseReason,
        head: Option<&ResponseHead>,
        connection: usize,
        failures: u32,
        reconnection_ms: Option<u64>,
        jitter: f64,
    ) -> Next {
        if let CloseReason::Aborted = reason {
            return Next::Stop(Stop::Aborted);
        }
        if connection == 0 && head.is_none() {
            return Next::Stop(Stop::NeverOpened);
        }
        if let Some(head) = head {
            if head.status != 200 {
                return Next::Stop(Stop::Status(head.status));
            }
            // A stream of JSON records is not an event stream: nothing says to reconnect.
            if !head.is_sse() {
                return Next::Stop(Stop::NotEventStream);
            }
        }
        if failures >= MAX_CONNECTIONS_WITHOUT_EVENTS {
            return Next::Stop(Stop::NoEvents(failures));
        }
        let base = reconnection_ms
            .unwrap_or(DEFAULT_RECONNECTION_MS)
            .clamp(MIN_RECONNECTION_MS, MAX_RECONNECTION_MS) as f64;
        if !self.backoff || failures == 0 {
            return Next::Reconnect { delay_ms: base };
        }
        let doubled = base * 2f64.powi(failures.saturating_sub(1).min(30) as i32);
        let capped = doubled
            .min(self.max_delay_ms as f64)
            .max(base.min(self.max_delay_ms as f64));
        let jittered = capped * (1.0 - jitter.clamp(0.0, 1.0) / 2.0);
        Next::Reconnect {
            delay_ms: jittered.clamp(MIN_RECONNECTION_MS as f64, MAX_RECONNECTION_MS as f64),
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
    /// This many connections in a row dispatched no event.
    NoEvents(u32),
    /// The first connection ended without a response.
    NeverOpened,
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
            Self::NeverOpened => {
                "the first connection got no response (see why below), so reconnecting is futile"
                    .into()
            }
            Self::NoEvents(count) => {
                format!("{count} connections in a row brought no event; send again to start over")
            }
        }
    }
}

/// Why a wait of `delay_ms` is what it is, when a bound set it (for the timeline): the minimum
/// or the maximum wait.
pub fn wait_note(delay_ms: f64) -> Option<String> {
    if delay_ms <= MIN_RECONNECTION_MS as f64 {
        Some(format!(
            "the shortest wait SSE Studio allows is {MIN_RECONNECTION_MS} ms"
        ))
    } else if delay_ms >= MAX_RECONNECTION_MS as f64 {
        Some(format!(
            "the longest wait a browser timer allows is {MAX_RECONNECTION_MS} ms"
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_is_written_as_the_derive_wrote_it_every_field_required() {
        let policy = ReconnectPolicy {
            enabled: Some(false),
            backoff: true,
            max_delay_ms: 5000,
        };
        let text = serde_json::to_string(&policy).expect("writes");
        assert_eq!(
            text,
            r#"{"enabled":false,"backoff":true,"max_delay_ms":5000}"#
        );
        assert_eq!(
            serde_json::from_str::<ReconnectPolicy>(&text).expect("reads"),
            policy
        );
        let default = r#"{"enabled":null,"backoff":false,"max_delay_ms":30000}"#;
        assert_eq!(
            serde_json::from_str::<ReconnectPolicy>(default).expect("reads"),
            ReconnectPolicy::default()
        );
        for bad in [
            r#"{"enabled":null,"backoff":false}"#,
            r#"{"enabled":1,"backoff":false,"max_delay_ms":1}"#,
        ] {
            assert!(
                serde_json::from_str::<ReconnectPolicy>(bad).is_err(),
                "{bad}"
            );
        }
    }

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
            policy.next(&CloseReason::Clean, Some(&ok), 1, 0, None, 0.5),
            Next::Reconnect { delay_ms: 3000.0 }
        );
        let failed = CloseReason::NetworkError {
            message: "Failed to fetch".into(),
        };
        assert_eq!(
            policy.next(&failed, None, 1, 3, Some(750), 0.5),
            Next::Reconnect { delay_ms: 750.0 }
        );
    }

    #[test]
    fn a_retry_of_0_waits_the_minimum_with_or_without_backoff() {
        // Regression: `retry: 0` then close made 1,250 connections in 30 s, and backoff did not
        // help (0 × 2ⁿ = 0).
        for backoff in [false, true] {
            let policy = ReconnectPolicy {
                enabled: Some(true),
                backoff,
                max_delay_ms: 30_000,
            };
            for failures in [0, 1, 5] {
                let Next::Reconnect { delay_ms } = policy.next(
                    &CloseReason::Clean,
                    Some(&head(200, true)),
                    1,
                    failures,
                    Some(0),
                    0.9,
                ) else {
                    panic!("stopped");
                };
                assert!(
                    delay_ms >= MIN_RECONNECTION_MS as f64,
                    "{backoff} {failures}: {delay_ms}"
                );
            }
        }
        assert!(wait_note(500.0).is_some_and(|note| note.contains("shortest")));
    }

    #[test]
    fn a_retry_past_what_a_timer_holds_is_clamped_so_the_wait_shown_is_the_wait_taken() {
        // Regression: 2147483648 ms wrapped to 0 in setTimeout: 440 reconnections in 10 s while
        // the timeline said "after 2147483648 ms".
        let policy = ReconnectPolicy::default();
        let ok = head(200, true);
        for retry in [2_147_483_648, u64::MAX] {
            assert_eq!(
                policy.next(&CloseReason::Clean, Some(&ok), 1, 0, Some(retry), 0.0),
                Next::Reconnect {
                    delay_ms: MAX_RECONNECTION_MS as f64
                }
            );
        }
        assert!(wait_note(MAX_RECONNECTION_MS as f64).is_some_and(|note| note.contains("longest")));
        assert_eq!(wait_note(3000.0), None);
    }

    #[test]
    fn reconnecting_stops_after_ten_connections_in_a_row_without_an_event() {
        let policy = ReconnectPolicy::default();
        let ok = head(200, true);
        assert!(matches!(
            policy.next(&CloseReason::Clean, Some(&ok), 1, 9, Some(0), 0.0),
            Next::Reconnect { .. }
        ));
        let stop = policy.next(&CloseReason::Clean, Some(&ok), 1, 10, Some(0), 0.0);
        assert_eq!(stop, Next::Stop(Stop::NoEvents(10)));
        let Next::Stop(stop) = stop else {
            panic!("reconnects")
        };
        assert!(
            stop.describe()
                .contains("10 connections in a row brought no event")
        );
    }

    #[test]
    fn what_eventsource_fails_on_stops_reconnecting() {
        let policy = ReconnectPolicy::default();
        let clean = CloseReason::Clean;
        assert_eq!(
            policy.next(&clean, Some(&head(204, false)), 1, 0, None, 0.0),
            Next::Stop(Stop::Status(204))
        );
        let http = CloseReason::HttpError {
            status: 503,
            status_text: String::new(),
        };
        assert_eq!(
            policy.next(&http, Some(&head(503, false)), 1, 0, None, 0.0),
            Next::Stop(Stop::Status(503))
        );
        assert_eq!(
            policy.next(&clean, Some(&head(200, false)), 1, 0, None, 0.0),
            Next::Stop(Stop::NotEventStream)
        );
        assert_eq!(
            policy.next(&CloseReason::Aborted, None, 1, 0, None, 0.0),
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
            |failures, jitter| match policy.next(&failed, None, 1, failures, Some(1000), jitter) {
                Next::Reconnect { delay_ms } => delay_ms,
                Next::Stop(stop) => panic!("stopped: {stop:?}"),
            };
        assert_eq!(
            [0, 1, 2, 3, 4, 5].map(|failures| delay(failures, 0.0)),
            [1000.0, 1000.0, 2000.0, 4000.0, 8000.0, 10_000.0]
        );
        assert_eq!(delay(3, 0.5), 3000.0);
        assert_eq!(delay(9, 0.999_999_9).round(), 5000.0);
    }

    #[test]
    fn a_first_connection_that_got_no_response_is_not_retried() {
        // Regression (issue 15, item 3): localhost:1 gave endless "reconnection failed" rows.
        let policy = ReconnectPolicy::default();
        let refused = CloseReason::NetworkError {
            message: "Failed to fetch".into(),
        };
        assert_eq!(
            policy.next(&refused, None, 0, 1, None, 0.0),
            Next::Stop(Stop::NeverOpened)
        );
        // A later connection that fails is retried: the server was there before.
        assert!(matches!(
            policy.next(&refused, None, 1, 1, None, 0.0),
            Next::Reconnect { .. }
        ));
    }
}
