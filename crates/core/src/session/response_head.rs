//! The response head as received (status, reason phrase, headers), shared by the session log,
//! the reconnection logic and the views.

use crate::session::media_type;

/// The response head, as received.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseHead {
    /// Status code.
    pub status: u16,
    /// Reason phrase (empty over HTTP/2).
    pub status_text: String,
    /// Headers as (name, value), names lowercased by the browser.
    pub headers: Vec<(String, String)>,
    /// Whether the body is decoded into events (by its media type, on a 2xx response): an
    /// event stream, or line-delimited JSON records (a record per event).
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

    /// The CSS classes its status is shown with: a 4xx or 5xx never looks like success.
    pub fn status_class(&self) -> &'static str {
        match self.status {
            200..=299 => "status",
            400..=599 => "status status-error",
            _ => "status status-other",
        }
    }

    /// Whether the body is decoded as an event stream (not as line-delimited JSON records): what
    /// EventSource would accept.
    pub fn is_sse(&self) -> bool {
        self.is_event_stream && !media_type::is_records(self.content_type())
    }

    /// The `content-type` header's value, or empty.
    pub fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or_default()
    }

    /// The first value of the header `name` (any case), if any.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(header, _)| header.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}
