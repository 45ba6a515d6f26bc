//! Why a connection run ended: exactly one of these per run.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Value, json};

use crate::present::format::format_bytes;

/// How a connection run ended; stored as serde's default form wrote it — `"Clean"`,
/// `{"Truncated": {"pending": "…", "pending_bytes": 3}}` — by hand through `serde_json::Value`
/// (the derive cost the size-budgeted app a few KB).
#[derive(Debug, Clone, PartialEq)]
pub enum CloseReason {
    /// The server ended the body at an event boundary.
    Clean,
    /// The server ended the body in the middle of an event, which was not dispatched.
    Truncated {
        /// The discarded bytes (from the unfinished block's first line), decoded as UTF-8 with
        /// U+FFFD for invalid sequences.
        pending: String,
        /// How many bytes were discarded.
        pending_bytes: u64,
    },
    /// The request failed or the body stopped with an error.
    NetworkError {
        /// The browser's message, e.g. `Failed to fetch` or `network error`.
        message: String,
    },
    /// The user pressed Close, or sent the request again.
    Aborted,
    /// The session received more than the byte budget (in Settings) and was stopped there, as
    /// if by Close; everything received so far is kept.
    BudgetExceeded {
        /// The budget, in bytes.
        budget_bytes: u64,
    },
    /// A stop rule of the request was met (see `crate::checks::stop_rule`): a clean end.
    StoppedByRule {
        /// The rule, in plain language ("after 10 event(s)").
        rule: String,
    },
    /// The server answered with a status outside 200–299; its body is shown.
    HttpError {
        /// The status code.
        status: u16,
        /// The reason phrase, if the server sent one.
        status_text: String,
    },
}

impl Serialize for CloseReason {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let value = match self {
            Self::Clean => Value::from("Clean"),
            Self::Aborted => Value::from("Aborted"),
            Self::Truncated {
                pending,
                pending_bytes,
            } => json!({"Truncated": {"pending": pending, "pending_bytes": pending_bytes}}),
            Self::NetworkError { message } => json!({"NetworkError": {"message": message}}),
            Self::BudgetExceeded { budget_bytes } => {
                json!({"BudgetExceeded": {"budget_bytes": budget_bytes}})
            }
            Self::StoppedByRule { rule } => json!({"StoppedByRule": {"rule": rule}}),
            Self::HttpError {
                status,
                status_text,
            } => json!({"HttpError": {"status": status, "status_text": status_text}}),
        };
        value.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for CloseReason {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let bad = || D::Error::custom("not a close reason");
        if let Some(name) = value.as_str() {
            return match name {
                "Clean" => Ok(Self::Clean),
                "Aborted" => Ok(Self::Aborted),
                _ => Err(bad()),
            };
        }
        let (name, fields) = value
            .as_object()
            .and_then(|object| object.iter().next())
            .ok_or_else(bad)?;
        let text = |field: &str| {
            fields
                .get(field)
                .and_then(Value::as_str)
                .map(str::to_owned)
                .ok_or_else(bad)
        };
        let number = |field: &str| fields.get(field).and_then(Value::as_u64).ok_or_else(bad);
        Ok(match name.as_str() {
            "Truncated" => Self::Truncated {
                pending: text("pending")?,
                pending_bytes: number("pending_bytes")?,
            },
            "NetworkError" => Self::NetworkError {
                message: text("message")?,
            },
            "BudgetExceeded" => Self::BudgetExceeded {
                budget_bytes: number("budget_bytes")?,
            },
            "StoppedByRule" => Self::StoppedByRule {
                rule: text("rule")?,
            },
            "HttpError" => Self::HttpError {
                status: u16::try_from(number("status")?).map_err(|_| bad())?,
                status_text: text("status_text")?,
            },
            _ => return Err(bad()),
        })
    }
}

impl CloseReason {
    /// A stable kebab-case name (used for styling and by tests).
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Clean => "clean",
            Self::Truncated { .. } => "truncated",
            Self::NetworkError { .. } => "network-error",
            Self::Aborted => "aborted",
            Self::HttpError { .. } => "http-error",
            Self::BudgetExceeded { .. } => "budget-exceeded",
            Self::StoppedByRule { .. } => "stopped-by-rule",
        }
    }

    /// One line for the timeline's close entry.
    pub fn title(&self) -> String {
        match self {
            Self::Clean => "Closed cleanly by the server".into(),
            Self::Truncated { pending_bytes, .. } => format!(
                "Truncated: the stream ended mid-event ({} pending, not dispatched)",
                format_bytes(*pending_bytes)
            ),
            Self::NetworkError { message } => format!("Network error: {message}"),
            Self::Aborted => "Aborted by you".into(),
            Self::BudgetExceeded { budget_bytes } => format!(
                "Stopped: the session received more than its byte budget of {}",
                format_bytes(*budget_bytes)
            ),
            Self::StoppedByRule { rule } => format!("Stopped by rule: {rule}"),
            Self::HttpError {
                status,
                status_text,
            } => format!("HTTP error {status} {status_text}")
                .trim_end()
                .to_owned(),
        }
    }

    /// What the user can do about it, when there is something to say.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            Self::Truncated { .. } => Some(
                "An event is dispatched only at a blank line. The server closed the connection before \
                 sending one: check that it ends every event with \\n\\n and does not stop mid-write.",
            ),
            Self::NetworkError { .. } => Some(
                "The request did not complete. Check the URL and that the server is running. A server \
                 on another origin must allow this page with CORS headers (Access-Control-Allow-Origin).",
            ),
            Self::HttpError { .. } => {
                Some("The server refused the request; its response body is shown above the events.")
            }
            Self::BudgetExceeded { .. } => Some(
                "Everything received until then is kept. A stream that is meant to be this large \
                 can run on with a larger byte budget (the field beside Auto-reconnect).",
            ),
            Self::Clean | Self::Aborted | Self::StoppedByRule { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CloseReason;

    #[test]
    fn titles_name_the_reason_and_its_details() {
        assert_eq!(CloseReason::Aborted.title(), "Aborted by you");
        let truncated = CloseReason::Truncated {
            pending: "data: {".into(),
            pending_bytes: 7,
        };
        assert!(truncated.title().contains("7 B pending"));
        let network = CloseReason::NetworkError {
            message: "Failed to fetch".into(),
        };
        assert_eq!(network.title(), "Network error: Failed to fetch");
        let http = CloseReason::HttpError {
            status: 404,
            status_text: String::new(),
        };
        assert_eq!(http.title(), "HTTP error 404");
    }

    #[test]
    fn every_reason_is_written_as_the_derive_wrote_it_and_read_back() {
        let cases = [
            (CloseReason::Clean, r#""Clean""#),
            (CloseReason::Aborted, r#""Aborted""#),
            (
                CloseReason::Truncated {
                    pending: "data: x".into(),
                    pending_bytes: 7,
                },
                r#"{"Truncated":{"pending":"data: x","pending_bytes":7}}"#,
            ),
            (
                CloseReason::NetworkError {
                    message: "network error".into(),
                },
                r#"{"NetworkError":{"message":"network error"}}"#,
            ),
            (
                CloseReason::BudgetExceeded { budget_bytes: 1024 },
                r#"{"BudgetExceeded":{"budget_bytes":1024}}"#,
            ),
            (
                CloseReason::StoppedByRule {
                    rule: "after 3 event(s)".into(),
                },
                r#"{"StoppedByRule":{"rule":"after 3 event(s)"}}"#,
            ),
            (
                CloseReason::HttpError {
                    status: 404,
                    status_text: "Not Found".into(),
                },
                r#"{"HttpError":{"status":404,"status_text":"Not Found"}}"#,
            ),
        ];
        for (reason, written) in cases {
            assert_eq!(serde_json::to_string(&reason).expect("writes"), written);
            assert_eq!(
                serde_json::from_str::<CloseReason>(written).expect("reads"),
                reason
            );
        }
        assert!(serde_json::from_str::<CloseReason>(r#""Gone""#).is_err());
    }
}
