//! `Content-Type` matching on the media type alone (RFC 9110 §8.3.1: type and subtype are
//! case-insensitive; parameters such as `charset` do not change what the body is).

/// An event stream (WHATWG HTML § 9.2.5).
pub const EVENT_STREAM: &str = "text/event-stream";

/// Newline-delimited JSON, as Ollama and most servers label it (JSON Lines' `application/jsonl`
/// is read alike; see `sse_codec::Framing`).
pub const NDJSON: &str = "application/x-ndjson";

/// JSON text sequences (RFC 7464): each record after an RS byte.
pub const JSON_SEQ: &str = "application/json-seq";

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
    essence(content_type) == EVENT_STREAM
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

/// The media type that bytes opened without a response (a file named `name`, pasted text, a
/// shared stream) are decoded as: by the name's extension — `.ndjson`, `.jsonl`, `.json-seq` —
/// else by their first byte that is not whitespace: `{` or `[` starts NDJSON, RS (0x1E) a JSON
/// text sequence; anything else is an event stream (whose lines never start with those: a field
/// name of `{…}` means nothing to a client).
pub fn of_offline(name: &str, bytes: &[u8]) -> &'static str {
    let name = name.to_ascii_lowercase();
    if name.ends_with(".ndjson") || name.ends_with(".jsonl") {
        return NDJSON;
    }
    if name.ends_with(".json-seq") {
        return JSON_SEQ;
    }
    match bytes.iter().find(|byte| !byte.is_ascii_whitespace()) {
        Some(b'{' | b'[') => NDJSON,
        Some(0x1e) => JSON_SEQ,
        _ => EVENT_STREAM,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offline_bytes_are_records_by_extension_or_first_byte() {
        assert_eq!(
            of_offline("chat.NDJSON", b"data: x\n\n"),
            "application/x-ndjson"
        );
        assert_eq!(of_offline("log.jsonl", b""), "application/x-ndjson");
        assert_eq!(of_offline("a.json-seq", b""), "application/json-seq");
        assert_eq!(
            of_offline("pasted text", b"\n  {\"done\":false}\n"),
            "application/x-ndjson"
        );
        assert_eq!(
            of_offline("pasted text", b"\x1e{}\n"),
            "application/json-seq"
        );
        assert_eq!(
            of_offline("stream.txt", b"data: {}\n\n"),
            "text/event-stream"
        );
        assert_eq!(
            of_offline("stream.txt", b": comment\n"),
            "text/event-stream"
        );
        assert_eq!(of_offline("empty", b""), "text/event-stream");
    }

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
