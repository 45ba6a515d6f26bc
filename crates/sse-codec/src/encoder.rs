//! A small encoder: writes events in the form the decoder reads (WHATWG HTML §9.2.5 "Parsing an
//! event stream", the stream grammar), one LF line ending per line.

/// Appends one event to `out`: an `event:` line when `event_type` is given, an `id:` line when `id`
/// is given, one `data:` line per line of `data` (split at CR LF, LF or CR, so the decoder gives
/// back `data` with LF line endings), then the blank line that dispatches it.
///
/// A line break inside `event_type` or `id` cannot be represented in the format; each one is
/// written as a space, so the output always decodes to exactly one event.
pub fn encode_event(out: &mut String, event_type: Option<&str>, id: Option<&str>, data: &str) {
    if let Some(event_type) = event_type {
        push_field(out, "event", event_type);
    }
    if let Some(id) = id {
        push_field(out, "id", id);
    }
    let mut rest = data;
    loop {
        let Some(end) = rest.find(['\r', '\n']) else {
            push_field(out, "data", rest);
            break;
        };
        push_field(out, "data", &rest[..end]);
        let skip = if rest[end..].starts_with("\r\n") {
            2
        } else {
            1
        };
        rest = &rest[end + skip..];
    }
    out.push('\n');
}

/// Appends a comment line (`: text`) to `out`; servers send these as keep-alives. Line breaks in
/// `text` are written as spaces.
pub fn encode_comment(out: &mut String, text: &str) {
    out.push(':');
    if !text.is_empty() {
        out.push(' ');
        push_single_line(out, text);
    }
    out.push('\n');
}

/// Appends a `retry:` line setting the reconnection time to `milliseconds`.
pub fn encode_retry(out: &mut String, milliseconds: u64) {
    out.push_str("retry: ");
    out.push_str(&milliseconds.to_string());
    out.push('\n');
}

/// `name: value\n`, with the one space the decoder strips (so a value that starts with a space
/// keeps it).
fn push_field(out: &mut String, name: &str, value: &str) {
    out.push_str(name);
    out.push_str(": ");
    push_single_line(out, value);
    out.push('\n');
}

fn push_single_line(out: &mut String, text: &str) {
    out.extend(
        text.chars()
            .map(|c| if c == '\r' || c == '\n' { ' ' } else { c }),
    );
}
