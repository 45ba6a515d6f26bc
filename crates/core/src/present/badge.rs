//! Event type badge colours: the lifecycle of the Anthropic Messages stream (start green, deltas
//! orange, stops and errors red), the default `message` type blue, keep-alive `ping` grey.

/// The colour family of an event type's badge; the stylesheet maps each to a colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadgeTone {
    /// `message_start`, `content_block_start`.
    Start,
    /// `message_delta`, `content_block_delta`.
    Delta,
    /// `message_stop`, `content_block_stop`, `error`.
    Stop,
    /// `message`, the default event type.
    Message,
    /// `ping`.
    Ping,
    /// Any other event type.
    Other,
}

impl BadgeTone {
    /// The tone for an event type (case-sensitive, as event types are).
    pub fn of(event_type: &str) -> Self {
        match event_type {
            "message_start" | "content_block_start" => Self::Start,
            "message_delta" | "content_block_delta" => Self::Delta,
            "message_stop" | "content_block_stop" | "error" => Self::Stop,
            "message" => Self::Message,
            "ping" => Self::Ping,
            _ => Self::Other,
        }
    }

    /// The CSS class naming this tone.
    pub fn class(self) -> &'static str {
        match self {
            Self::Start => "badge badge-start",
            Self::Delta => "badge badge-delta",
            Self::Stop => "badge badge-stop",
            Self::Message => "badge badge-message",
            Self::Ping => "badge badge-ping",
            Self::Other => "badge badge-other",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::BadgeTone;

    #[test]
    fn anthropic_lifecycle_types_get_their_colours() {
        assert_eq!(BadgeTone::of("message_start"), BadgeTone::Start);
        assert_eq!(BadgeTone::of("content_block_start"), BadgeTone::Start);
        assert_eq!(BadgeTone::of("message_delta"), BadgeTone::Delta);
        assert_eq!(BadgeTone::of("content_block_delta"), BadgeTone::Delta);
        assert_eq!(BadgeTone::of("message_stop"), BadgeTone::Stop);
        assert_eq!(BadgeTone::of("content_block_stop"), BadgeTone::Stop);
        assert_eq!(BadgeTone::of("error"), BadgeTone::Stop);
    }

    #[test]
    fn message_is_blue_ping_grey_and_the_rest_neutral() {
        assert_eq!(BadgeTone::of("message"), BadgeTone::Message);
        assert_eq!(BadgeTone::of("ping"), BadgeTone::Ping);
        assert_eq!(BadgeTone::of("tick"), BadgeTone::Other);
        assert_eq!(
            BadgeTone::of("Message"),
            BadgeTone::Other,
            "event types are case-sensitive"
        );
    }
}
