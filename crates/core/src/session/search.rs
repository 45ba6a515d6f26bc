//! Case-insensitive text search, fast enough to scan a million events' data as the user types.
//!
//! Letters match across ASCII case (`Delta` finds `delta` and `DELTA`); other characters, non-ASCII
//! letters included, match exactly. The scan looks for the needle's rarest byte with `memchr`
//! (SIMD, also in wasm) and only compares the whole needle around those candidates.

use std::ops::Range;

use memchr::{memchr, memchr2};

/// What the user typed into a search box, ready to search with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    needle: Vec<u8>,
    /// Position in `needle` of the byte searched for first (the rarest by [`byte_rank`]).
    anchor: usize,
}

impl Query {
    /// A query for `text`, or `None` when it is empty (an empty search matches everything, which
    /// callers treat as "no search").
    pub fn new(text: &str) -> Option<Self> {
        if text.is_empty() {
            return None;
        }
        let needle = text.as_bytes().to_ascii_lowercase();
        let anchor = (0..needle.len())
            .min_by_key(|&position| byte_rank(needle[position]))
            .unwrap_or(0);
        Some(Self { needle, anchor })
    }

    /// Length of the needle, in bytes.
    pub fn len(&self) -> usize {
        self.needle.len()
    }

    /// Whether the needle is empty (never: [`Query::new`] gives no query for empty text).
    pub fn is_empty(&self) -> bool {
        self.needle.is_empty()
    }

    /// Byte offset of the first match in `haystack` at or after `from`, if any.
    pub fn find_from(&self, haystack: &[u8], from: usize) -> Option<usize> {
        let anchor_byte = self.needle[self.anchor];
        let upper = anchor_byte.to_ascii_uppercase();
        // Candidates for the anchor byte are searched from where a match starting at `from` would
        // have it.
        let mut at = from.checked_add(self.anchor)?;
        loop {
            let rest = haystack.get(at..)?;
            let found = if upper == anchor_byte {
                memchr(anchor_byte, rest)
            } else {
                memchr2(anchor_byte, upper, rest)
            }?;
            let start = at + found - self.anchor;
            if haystack
                .get(start..start + self.needle.len())
                .is_some_and(|window| window.eq_ignore_ascii_case(&self.needle))
            {
                return Some(start);
            }
            at += found + 1;
        }
    }

    /// Whether `text` contains the query.
    pub fn is_in(&self, text: &str) -> bool {
        self.find_from(text.as_bytes(), 0).is_some()
    }

    /// Byte ranges of the non-overlapping matches in `text`, in order (for highlighting). A match
    /// always starts and ends on character boundaries: the needle is whole UTF-8.
    pub fn matches(&self, text: &str) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(start) = self.find_from(text.as_bytes(), from) {
            found.push(start..start + self.needle.len());
            from = start + self.needle.len();
        }
        found
    }
}

/// `text` cut into pieces, each marked whether it matches `query` (for highlighting); one
/// unmarked piece when there is no query.
pub fn highlight<'text>(text: &'text str, query: Option<&Query>) -> Vec<(&'text str, bool)> {
    let mut pieces = Vec::new();
    let mut done = 0;
    for found in query.map(|query| query.matches(text)).unwrap_or_default() {
        // Matches are on character boundaries (see [`Query::matches`]); `get` keeps it checked.
        if found.start > done {
            pieces.push((text.get(done..found.start).unwrap_or_default(), false));
        }
        pieces.push((text.get(found.clone()).unwrap_or_default(), true));
        done = found.end;
    }
    if done < text.len() || pieces.is_empty() {
        pieces.push((text.get(done..).unwrap_or_default(), false));
    }
    pieces
}

/// How common a (lowercased) byte is in event data, lower is rarer: JSON punctuation, spaces,
/// vowels and common consonants are everywhere; digits and rare letters less so; other bytes
/// (uppercase is folded, non-ASCII bytes, symbols) are rare.
fn byte_rank(byte: u8) -> u8 {
    const COMMON: &[u8] = b" \"e:,tao{}insrhld";
    const MIDDLE: &[u8] = b"0123456789cumwfgypb_-.";
    if let Some(position) = COMMON.iter().position(|&common| common == byte) {
        255 - position as u8
    } else if MIDDLE.contains(&byte) {
        128
    } else if byte.is_ascii_alphabetic() {
        64
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_search_is_no_query() {
        assert_eq!(Query::new(""), None);
    }

    #[test]
    fn letters_match_in_any_ascii_case() {
        let query = Query::new("DeLta").expect("not empty");
        assert!(query.is_in(r#"{"delta":1}"#));
        assert!(query.is_in("DELTA"));
        assert!(!query.is_in("delt a"));
    }

    #[test]
    fn non_ascii_text_matches_exactly() {
        let query = Query::new("über").expect("not empty");
        assert!(query.is_in("x über y"));
        assert!(!query.is_in("x ÜBER y"));
        assert_eq!(query.matches("über Über über"), vec![0..5, 12..17]);
    }

    #[test]
    fn matches_are_found_wherever_the_anchor_byte_repeats() {
        let query = Query::new("zz1").expect("not empty");
        assert_eq!(query.matches("z zz zz1 zzz1 1"), vec![5..8, 10..13]);
        assert_eq!(query.find_from(b"zz1 zz1", 1), Some(4));
        assert_eq!(query.find_from(b"zz1", 9), None);
    }

    #[test]
    fn highlighting_marks_each_match() {
        let query = Query::new("ab").expect("not empty");
        assert_eq!(
            highlight("xAby ab", Some(&query)),
            vec![("x", false), ("Ab", true), ("y ", false), ("ab", true)]
        );
        assert_eq!(highlight("xy", None), vec![("xy", false)]);
        assert_eq!(highlight("", Some(&query)), vec![("", false)]);
    }

    #[test]
    fn the_anchor_is_the_rarest_byte() {
        assert_eq!(Query::new("the quick").expect("not empty").anchor, 4);
        assert_eq!(Query::new("\"seq\":42").expect("not empty").anchor, 3);
    }
}
