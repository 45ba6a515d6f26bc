//! `Content-Type` matching on the media type alone (RFC 9110 §8.3.1: type and subtype are
//! case-insensitive; parameters such as `charset` do not change what the body is).

/// The `type/subtype` of a `Content-Type` value, trimmed and lowercased: `"Text/Event-Stream;
/// charset=utf-8"` gives `"text/event-stream"`.
pub fn essence(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Whether a response with this `Content-Type` is an event stream, whatever its parameters.
pub fn is_event_stream(content_type: &str) -> bool {
    essence(content_type) == "text/event-stream"
}

/// Whether a response with this `Content-Type` carries line-delimited JSON records (NDJSON, JSON
/// Lines, JSON text sequences; see `sse_codec::Framing`).
pub fn is_records(content_type: &str) -> bool {
    sse_codec::Framing::of_media_type(content_type).is_some()
}

/// Whether this `Content-Type` says JSON: `application/json` or any `+json` suffix (RFC 6839).
pub fn is_json(content_type: &str) -> bool {
    let essence = essence(content_type);
    essence == "application/json" || essence.ends_with("+json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_stream_is_recognised_with_any_parameters_and_case() {
        for value in [
            "text/event-stream",
            "text/event-stream; charset=utf-8",
            "Text/Event-Stream;charset=UTF-8",
            "  text/event-stream ; foo=bar",
        ] {
            assert!(is_event_stream(value), "{value}");
        }
    }

    #[test]
    fn other_media_types_are_not_event_streams() {
        for value in [
            "",
            "text/plain",
            "text/event-streams",
            "application/json; x=text/event-stream",
        ] {
            assert!(!is_event_stream(value), "{value}");
        }
    }

    #[test]
    fn json_media_types_include_suffixes() {
        assert!(is_json("application/json; charset=utf-8"));
        assert!(is_json("application/problem+json"));
        assert!(!is_json("text/html"));
    }
}
