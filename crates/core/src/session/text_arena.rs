//! Event data kept in pages of text, so that a million events cost little more than their bytes.
//!
//! One growing `String` would double its capacity (up to 2× the data) and copy everything it
//! holds at each doubling, a pause that grows with the log. Pages never move once filled.

/// Bytes per page. A text longer than a quarter page gets a page of its own, exactly its size.
const PAGE_BYTES: usize = 1 << 20;

/// Where a text is in a [`TextArena`]: page index, byte offset in the page, length in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TextRef {
    page: u32,
    start: u32,
    len: u32,
}

impl TextRef {
    /// Length of the text, in bytes.
    pub fn len(self) -> usize {
        self.len as usize
    }

    /// Whether the text is empty.
    pub fn is_empty(self) -> bool {
        self.len == 0
    }
}

/// Append-only storage of texts, each read back by its [`TextRef`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextArena {
    pages: Vec<String>,
    /// The page that small texts are appended to.
    open_page: Option<usize>,
}

impl TextArena {
    /// Stores `text` and says where it is. Texts pushed one after another into the same page are
    /// adjacent in it, in order (what [`TextArena::page`] searches rely on).
    pub fn push(&mut self, text: &str) -> TextRef {
        if text.len() > PAGE_BYTES / 4 {
            self.pages.push(text.to_owned());
            return self.text_ref(self.pages.len() - 1, 0, text.len());
        }
        let page_index = match self.open_page {
            Some(index) if self.pages[index].len() + text.len() <= PAGE_BYTES => index,
            _ => {
                self.pages.push(String::with_capacity(PAGE_BYTES));
                self.open_page = Some(self.pages.len() - 1);
                self.pages.len() - 1
            }
        };
        let page = &mut self.pages[page_index];
        let start = page.len();
        page.push_str(text);
        self.text_ref(page_index, start, text.len())
    }

    /// The text stored at `text_ref` (empty for a reference from another arena that is out of range).
    pub fn get(&self, text_ref: TextRef) -> &str {
        let start = text_ref.start as usize;
        self.pages
            .get(text_ref.page as usize)
            .and_then(|page| page.get(start..start + text_ref.len()))
            .unwrap_or_default()
    }

    /// The whole page that holds `text_ref` and the byte range of its text in it, for searching
    /// many adjacent texts in one pass.
    pub fn page(&self, text_ref: TextRef) -> (&str, std::ops::Range<usize>) {
        let start = text_ref.start as usize;
        let page = self
            .pages
            .get(text_ref.page as usize)
            .map_or("", String::as_str);
        (page, start..start + text_ref.len())
    }

    /// Whether two references point into the same page.
    pub fn same_page(first: TextRef, second: TextRef) -> bool {
        first.page == second.page
    }

    fn text_ref(&self, page: usize, start: usize, len: usize) -> TextRef {
        // Pages hold at most `PAGE_BYTES` (or one text, which came from a wasm32 `&str`), and a
        // log never has 2^32 pages (that would be 4 PiB), so the casts cannot truncate.
        TextRef {
            page: page as u32,
            start: start as u32,
            len: len as u32,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_read_back_as_pushed() {
        let mut arena = TextArena::default();
        let first = arena.push("héllo");
        let empty = arena.push("");
        let second = arena.push("world");
        assert_eq!(arena.get(first), "héllo");
        assert_eq!(arena.get(empty), "");
        assert_eq!(arena.get(second), "world");
        assert_eq!(first.len(), 6);
    }

    #[test]
    fn adjacent_texts_share_a_page_in_order() {
        let mut arena = TextArena::default();
        let first = arena.push("ab");
        let second = arena.push("cd");
        let (page, range) = arena.page(second);
        assert!(TextArena::same_page(first, second));
        assert_eq!(&page[..range.end], "abcd");
    }

    #[test]
    fn a_full_page_is_followed_by_a_new_one_and_no_text_is_split() {
        let mut arena = TextArena::default();
        let quarter = "x".repeat(PAGE_BYTES / 4);
        let refs: Vec<_> = (0..5).map(|_| arena.push(&quarter)).collect();
        assert!(TextArena::same_page(refs[0], refs[3]));
        assert!(!TextArena::same_page(refs[3], refs[4]));
        assert!(refs.iter().all(|text_ref| arena.get(*text_ref) == quarter));
    }

    #[test]
    fn a_large_text_gets_its_own_page_and_small_ones_keep_filling_theirs() {
        let mut arena = TextArena::default();
        let small = arena.push("small");
        let large_text = "y".repeat(PAGE_BYTES + 1);
        let large = arena.push(&large_text);
        let after = arena.push("after");
        assert_eq!(arena.get(large), large_text);
        assert!(TextArena::same_page(small, after));
        assert_eq!(arena.pages.len(), 2);
    }
}
