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
    fn preview_is_the_first_line_cut_with_an_ellipsis() {
        assert_eq!(first_line_preview("hello", 10), "hello");
        assert_eq!(first_line_preview("héllo wörld", 5), "héllo…");
        assert_eq!(first_line_preview("one\ntwo", 10), "one ⏎");
    }
}
