//! Showing payloads: JSON pretty-printed (key order kept), anything else as it came.

/// `text` pretty-printed with 2-space indentation if it is one JSON value, else `None`.
/// Key order is preserved (serde_json's `preserve_order`).
pub fn pretty_json(text: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    serde_json::to_string_pretty(&value).ok()
}

/// The first line of `data`, cut to at most `max_chars` characters with an ellipsis when cut, for
/// a one-line preview. Multi-line data gets a trailing `⏎` so the preview does not look complete.
pub fn first_line_preview(data: &str, max_chars: usize) -> String {
    let line = data.split('\n').next().unwrap_or_default();
    let mut preview: String = line.chars().take(max_chars).collect();
    if line.chars().nth(max_chars).is_some() {
        preview.push('…');
    } else if line.len() < data.len() {
        preview.push_str(" ⏎");
    }
    preview
}

/// Characters of context kept before a search match when the preview starts at it.
const CONTEXT_CHARS: usize = 16;

/// A one-line preview of `data` that shows the search match at byte `match_start` (a character
/// boundary): the usual [`first_line_preview`] when the match is within its first
/// `max_chars / 4` characters, else one starting a little before the match with a leading `…`.
pub fn preview_at_match(data: &str, match_start: usize, max_chars: usize) -> String {
    let before = data.get(..match_start).unwrap_or_default();
    let chars_before = before.chars().count();
    if chars_before <= max_chars / 4 || before.contains('\n') {
        return first_line_preview(data, max_chars);
    }
    // Regression: `chars_before - CONTEXT_CHARS` underflowed when `max_chars` was under 64.
    let skip = chars_before.saturating_sub(CONTEXT_CHARS);
    let start = data.char_indices().nth(skip).map_or(0, |(index, _)| index);
    let from_start = data.get(start..).unwrap_or(data);
    format!("…{}", first_line_preview(from_start, max_chars))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_pretty_printed_keeping_key_order() {
        assert_eq!(
            pretty_json(r#"{"b":1,"a":[true,null]}"#).as_deref(),
            Some("{\n  \"b\": 1,\n  \"a\": [\n    true,\n    null\n  ]\n}")
        );
    }

    #[test]
    fn non_json_is_not_pretty_printed() {
        assert_eq!(pretty_json("[DONE]"), None);
        assert_eq!(pretty_json("{\"a\":1} trailing"), None);
        assert_eq!(pretty_json(""), None);
    }

    #[test]
    fn a_preview_starts_near_a_match_far_into_the_line() {
        let data = format!("{}needle tail", "é".repeat(100));
        let at = data.find("needle").expect("present");
        assert_eq!(
            preview_at_match(&data, at, 40),
            format!("…{}needle tail", "é".repeat(16))
        );
        assert_eq!(preview_at_match("ab needle", 3, 40), "ab needle");
    }

    #[test]
    fn preview_is_the_first_line_cut_with_an_ellipsis() {
        assert_eq!(first_line_preview("hello", 10), "hello");
        assert_eq!(first_line_preview("héllo wörld", 5), "héllo…");
        assert_eq!(first_line_preview("one\ntwo", 10), "one ⏎");
    }
}
