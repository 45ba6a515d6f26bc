//! Why a connection run ended: exactly one of these per run.

use serde::{Deserialize, Serialize};

use crate::present::format::format_bytes;

/// How a connection run ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
}
