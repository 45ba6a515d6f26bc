//! How much of a large text is kept a second time and drawn: a hostile or just huge response
//! (100 MB of `text/plain`, 50 MB with no line end) must not be copied into strings and laid out
//! whole, which froze the page for 25 s. The bytes themselves are kept once; what is shown is
//! their first [`EXCERPT_BYTES`], with the size.

/// Bytes of a large text shown (and kept as a string) at most: 64 KiB.
pub const EXCERPT_BYTES: usize = 64 << 10;

/// The first [`EXCERPT_BYTES`] of `bytes` as text (invalid UTF-8 as U+FFFD), cut before a
/// character that would not fit whole.
pub fn excerpt(bytes: &[u8]) -> String {
    let mut end = bytes.len().min(EXCERPT_BYTES);
    if end < bytes.len() {
        // Back to the start of the character the cut falls in (at most 3 continuation bytes).
        let continuation = |index: usize| bytes.get(index).is_some_and(|&byte| byte & 0xc0 == 0x80);
        let mut steps = 0;
        while steps < 3 && end > 0 && continuation(end) {
            end -= 1;
            steps += 1;
        }
    }
    String::from_utf8_lossy(bytes.get(..end).unwrap_or_default()).into_owned()
}

/// Whether [`excerpt`] of `total_bytes` bytes leaves some out.
pub fn is_cut(total_bytes: u64) -> bool {
    total_bytes > EXCERPT_BYTES as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_text_is_whole() {
        assert_eq!(excerpt("héllo".as_bytes()), "héllo");
        assert!(!is_cut(5));
    }

    #[test]
    fn a_long_text_is_cut_at_64_kib_never_inside_a_character() {
        let text = format!("{}é{}", "a".repeat(EXCERPT_BYTES - 1), "b".repeat(100));
        let shown = excerpt(text.as_bytes());
        assert_eq!(shown.len(), EXCERPT_BYTES - 1);
        assert!(!shown.contains('\u{fffd}'));
        assert!(is_cut(text.len() as u64));
    }
}
