//! The bytes of an event stream exactly as they came off the wire, kept in pages so the inspector
//! can show any event's raw lines and hex from its byte span.
//!
//! A network chunk is never split across pages, so whatever the decoder borrowed from one chunk
//! (an event's single `data` line) can be read back in place, and the log need not copy it.

use std::borrow::Cow;
use std::ops::Range;

/// Bytes per page, unless one chunk is larger (it then gets a page of its own size).
const PAGE_BYTES: usize = 4 << 20;

/// Where a run of bytes lies in a [`RawStream`]: page index, offset in the page, length (bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawRef {
    page: u32,
    start: u32,
    len: u32,
}

/// Append-only stream bytes, addressed by stream offset (bytes from the start of the body).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawStream {
    pages: Vec<Vec<u8>>,
    /// Stream offset of each page's first byte.
    page_starts: Vec<u64>,
    len: u64,
}

impl RawStream {
    /// Appends the next chunk of the stream, whole, to one page, and says where it went.
    pub fn push_chunk(&mut self, chunk: &[u8]) -> RawRef {
        let fits = self
            .pages
            .last()
            .is_some_and(|page| page.capacity() - page.len() >= chunk.len());
        if !fits {
            self.pages
                .push(Vec::with_capacity(PAGE_BYTES.max(chunk.len())));
            self.page_starts.push(self.len);
        }
        let page_index = self.pages.len() - 1;
        let page = &mut self.pages[page_index];
        let start = page.len();
        page.extend_from_slice(chunk);
        self.len += chunk.len() as u64;
        // A page holds at most max(4 MiB, one wasm32 chunk) bytes and a log never has 2^32
        // pages, so the casts cannot truncate.
        RawRef {
            page: page_index as u32,
            start: start as u32,
            len: chunk.len() as u32,
        }
    }

    /// The part of the chunk at `chunk` that starts `offset` bytes into it and is `len` long.
    pub fn within(chunk: RawRef, offset: usize, len: usize) -> Option<RawRef> {
        (offset + len <= chunk.len as usize).then(|| RawRef {
            page: chunk.page,
            start: chunk.start + offset as u32,
            len: len as u32,
        })
    }

    /// The bytes at `raw_ref`.
    pub fn get(&self, raw_ref: RawRef) -> &[u8] {
        let (page, range) = self.page(raw_ref);
        page.get(range).unwrap_or_default()
    }

    /// The whole page that holds `raw_ref` and the byte range of its bytes in it, for searching
    /// many nearby runs in one pass.
    pub fn page(&self, raw_ref: RawRef) -> (&[u8], Range<usize>) {
        let start = raw_ref.start as usize;
        let page = self
            .pages
            .get(raw_ref.page as usize)
            .map_or(&[][..], Vec::as_slice);
        (page, start..start + raw_ref.len as usize)
    }

    /// Whether two references point into the same page.
    pub fn same_page(first: RawRef, second: RawRef) -> bool {
        first.page == second.page
    }

    /// The stored bytes, page by page, in stream order.
    pub fn pages(&self) -> impl Iterator<Item = &[u8]> {
        self.pages.iter().map(Vec::as_slice)
    }

    /// Bytes stored so far.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether no byte is stored.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The bytes at stream offsets `range`, cut to what is stored: borrowed when they lie in one
    /// page, copied when they cross pages.
    pub fn bytes(&self, range: Range<u64>) -> Cow<'_, [u8]> {
        let end = range.end.min(self.len);
        let start = range.start.min(end);
        if start == end {
            return Cow::Borrowed(&[]);
        }
        let page_of = |offset: u64| self.page_starts.partition_point(|&first| first <= offset) - 1;
        let (first_page, last_page) = (page_of(start), page_of(end - 1));
        let within = |page: usize, offset: u64| (offset - self.page_starts[page]) as usize;
        if first_page == last_page {
            return Cow::Borrowed(
                &self.pages[first_page][within(first_page, start)..within(first_page, end)],
            );
        }
        let mut out = Vec::with_capacity((end - start) as usize);
        out.extend_from_slice(&self.pages[first_page][within(first_page, start)..]);
        for page in &self.pages[first_page + 1..last_page] {
            out.extend_from_slice(page);
        }
        out.extend_from_slice(&self.pages[last_page][..within(last_page, end)]);
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
            stream.push_chunk(piece);
        }
        assert_eq!(stream.len(), all.len() as u64);
        assert!(stream.pages.len() >= 3);
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
        stream.push_chunk(b"data: x\n\n");
        assert_eq!(&*stream.bytes(6..100), b"x\n\n");
        assert_eq!(&*stream.bytes(50..100), b"");
    }

    #[test]
    fn a_chunk_is_never_split_and_its_parts_read_back_in_place() {
        let mut stream = RawStream::default();
        stream.push_chunk(&vec![b'a'; PAGE_BYTES - 3]);
        let chunk = stream.push_chunk(b"data: hello\n\n");
        let hello = RawStream::within(chunk, 6, 5).expect("inside the chunk");
        assert_eq!(stream.get(hello), b"hello");
        assert_eq!(stream.pages.len(), 2);
        assert_eq!(RawStream::within(chunk, 10, 5), None);
        let huge = stream.push_chunk(&vec![b'z'; PAGE_BYTES + 1]);
        assert_eq!(stream.get(huge).len(), PAGE_BYTES + 1);
    }
}
