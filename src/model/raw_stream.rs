//! The bytes of an event stream exactly as they came off the wire, kept in fixed-size pages so the
//! inspector can show any event's raw lines and hex from its byte span.

use std::borrow::Cow;
use std::ops::Range;

/// Bytes per page.
const PAGE_BYTES: usize = 1 << 20;

/// Append-only stream bytes, addressed by stream offset (bytes from the start of the body).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawStream {
    pages: Vec<Vec<u8>>,
    len: u64,
}

impl RawStream {
    /// Appends the next bytes of the stream.
    pub fn extend(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        while !bytes.is_empty() {
            if self
                .pages
                .last()
                .is_none_or(|page| page.len() == PAGE_BYTES)
            {
                self.pages.push(Vec::with_capacity(PAGE_BYTES));
            }
            let Some(page) = self.pages.last_mut() else {
                return;
            };
            let take = (PAGE_BYTES - page.len()).min(bytes.len());
            page.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
        }
    }

    /// Bytes stored so far.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// The bytes at stream offsets `range`, cut to what is stored: borrowed when they lie in one
    /// page, copied when they cross pages.
    pub fn bytes(&self, range: Range<u64>) -> Cow<'_, [u8]> {
        let end = range.end.min(self.len);
        let start = range.start.min(end);
        let page_of = |offset: u64| (offset / PAGE_BYTES as u64) as usize;
        let within = |offset: u64| (offset % PAGE_BYTES as u64) as usize;
        if start == end {
            return Cow::Borrowed(&[]);
        }
        let (first_page, last_page) = (page_of(start), page_of(end - 1));
        if first_page == last_page {
            return Cow::Borrowed(&self.pages[first_page][within(start)..=within(end - 1)]);
        }
        let mut out = Vec::with_capacity((end - start) as usize);
        out.extend_from_slice(&self.pages[first_page][within(start)..]);
        for page in &self.pages[first_page + 1..last_page] {
            out.extend_from_slice(page);
        }
        out.extend_from_slice(&self.pages[last_page][..=within(end - 1)]);
        Cow::Owned(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_range_reads_back_the_bytes_appended_there() {
        let mut stream = RawStream::default();
        let all: Vec<u8> = (0..(2 * PAGE_BYTES + 10))
            .map(|i| (i % 251) as u8)
            .collect();
        for piece in all.chunks(PAGE_BYTES / 3 + 7) {
            stream.extend(piece);
        }
        assert_eq!(stream.len(), all.len() as u64);
        let page = PAGE_BYTES as u64;
        for range in [0..5, page - 3..page + 4, 10..2 * page + 5, page..page] {
            let expected = all
                .get(range.start as usize..range.end as usize)
                .unwrap_or_default();
            assert_eq!(&*stream.bytes(range.clone()), expected, "{range:?}");
        }
    }

    #[test]
    fn a_range_past_the_end_is_cut_to_what_is_stored() {
        let mut stream = RawStream::default();
        stream.extend(b"data: x\n\n");
        assert_eq!(&*stream.bytes(6..100), b"x\n\n");
        assert_eq!(&*stream.bytes(50..100), b"");
    }
}
