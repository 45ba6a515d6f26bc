//! Line-delimited JSON records, the second framing beside event streams: NDJSON
//! (`application/x-ndjson`) and JSON Lines (`application/jsonl`) — a record per line, LF-ended
//! (a CR before the LF dropped, blank lines skipped, a last line without LF still a record) —
//! and JSON text sequences (`application/json-seq`, RFC 7464) — each record after an RS (0x1E),
//! ended by the LF that closes its JSON text, or by the next RS.
//!
//! Incremental and chunk-boundary-invariant like [`crate::Decoder`]: the same records (text and
//! byte span) whatever the chunking; a record longer than the limit is reported once and skipped
//! to its end; text that is not UTF-8 is reported with its span, never decoded lossily. It does
//! not parse JSON: a record is whatever its line (or sequence element) holds; for JSON text
//! sequences it follows strings and brackets only to tell which LF ends a text that spans lines.

use std::ops::Range;

/// Which framing a stream uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// NDJSON and JSON Lines: one record per line.
    Lines,
    /// RFC 7464 JSON text sequences: RS, a JSON text, LF.
    JsonSeq,
}

impl Framing {
    /// The framing of the media type `media_type` (its essence, any case, no parameters):
    /// `application/x-ndjson`, `application/ndjson`, `application/jsonl`,
    /// `application/x-jsonlines` and `application/jsonlines` are lines; `application/json-seq`
    /// a sequence; anything else `None`.
    pub fn of_media_type(media_type: &str) -> Option<Self> {
        let essence = media_type.split(';').next().unwrap_or_default().trim();
        let is = |name: &str| essence.eq_ignore_ascii_case(name);
        if [
            "application/x-ndjson",
            "application/ndjson",
            "application/jsonl",
        ]
        .into_iter()
        .chain(["application/x-jsonlines", "application/jsonlines"])
        .any(is)
        {
            Some(Self::Lines)
        } else if is("application/json-seq") {
            Some(Self::JsonSeq)
        } else {
            None
        }
    }
}

/// What the decoder found, borrowed from the chunk or its own buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordRef<'a> {
    /// A record: its text (without the line ending, a JSON text sequence's RS, or surrounding
    /// whitespace of a sequence element) and its byte span in the stream (the same bytes).
    Record {
        /// The text.
        text: &'a str,
        /// Byte offsets of the text in the stream.
        span: Range<u64>,
    },
    /// A record that is not UTF-8: its byte span (the caller has the bytes if it kept them).
    NotUtf8 {
        /// Byte offsets of the record in the stream.
        span: Range<u64>,
    },
    /// A record over the limit, discarded: reported once, as soon as it is known to be too long.
    TooLong {
        /// Stream offset of its first byte.
        offset: u64,
        /// The limit in force, in bytes.
        max_bytes: usize,
    },
}

/// An owned [`RecordRef`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    /// See [`RecordRef::Record`].
    Record {
        /// The text.
        text: String,
        /// Byte offsets of the text in the stream.
        span: Range<u64>,
    },
    /// See [`RecordRef::NotUtf8`].
    NotUtf8 {
        /// Byte offsets of the record in the stream.
        span: Range<u64>,
    },
    /// See [`RecordRef::TooLong`].
    TooLong {
        /// Stream offset of its first byte.
        offset: u64,
        /// The limit in force, in bytes.
        max_bytes: usize,
    },
}

impl RecordRef<'_> {
    /// An owned copy.
    pub fn to_record(&self) -> Record {
        match self {
            Self::Record { text, span } => Record::Record {
                text: (*text).to_owned(),
                span: span.clone(),
            },
            Self::NotUtf8 { span } => Record::NotUtf8 { span: span.clone() },
            Self::TooLong { offset, max_bytes } => Record::TooLong {
                offset: *offset,
                max_bytes: *max_bytes,
            },
        }
    }
}

/// Where a JSON text sequence element stands: enough of JSON to tell the LF that ends it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Scan {
    depth: u32,
    in_string: bool,
    escaped: bool,
    /// Whether anything but whitespace came.
    seen: bool,
}

impl Scan {
    fn step(&mut self, byte: u8) {
        if self.in_string {
            match byte {
                _ if self.escaped => self.escaped = false,
                b'\\' => self.escaped = true,
                b'"' => self.in_string = false,
                _ => {}
            }
            return;
        }
        match byte {
            b'"' => self.in_string = true,
            b'{' | b'[' => self.depth = self.depth.saturating_add(1),
            b'}' | b']' => self.depth = self.depth.saturating_sub(1),
            b' ' | b'\t' | b'\r' | b'\n' => return,
            _ => {}
        }
        self.seen = true;
    }

    /// Whether an LF here ends the element: a whole JSON text has come.
    fn is_complete(&self) -> bool {
        self.seen && self.depth == 0 && !self.in_string
    }
}

/// The incremental decoder of line-delimited JSON records (see the module's description).
#[derive(Debug, Clone)]
pub struct RecordDecoder {
    framing: Framing,
    max_record_bytes: usize,
    /// The record begun in an earlier chunk (its bytes so far).
    pending: Vec<u8>,
    /// Stream offset of `pending`'s first byte.
    start: u64,
    /// Bytes fed so far.
    consumed: u64,
    /// Skipping a record over the limit to its end.
    skipping: bool,
    /// A JSON text sequence element's scanner.
    scan: Scan,
}

impl RecordDecoder {
    /// The default limit on a record, 16 MiB (as [`crate::Limits`]).
    pub const DEFAULT_MAX_RECORD_BYTES: usize = crate::Limits::DEFAULT_BYTES;

    /// A decoder of `framing` with the default limit.
    pub fn new(framing: Framing) -> Self {
        Self::with_limit(framing, Self::DEFAULT_MAX_RECORD_BYTES)
    }

    /// A decoder of `framing` that discards records over `max_record_bytes` bytes.
    pub fn with_limit(framing: Framing, max_record_bytes: usize) -> Self {
        Self {
            framing,
            max_record_bytes,
            pending: Vec::new(),
            start: 0,
            consumed: 0,
            skipping: false,
            scan: Scan::default(),
        }
    }

    /// Its framing.
    pub fn framing(&self) -> Framing {
        self.framing
    }

    /// Bytes fed so far.
    pub fn bytes_consumed(&self) -> u64 {
        self.consumed
    }

    /// Decodes the next `chunk` of the stream, handing each record found to `on_record`.
    pub fn feed_with(&mut self, chunk: &[u8], mut on_record: impl FnMut(RecordRef<'_>)) {
        match self.framing {
            Framing::Lines => self.feed_lines(chunk, &mut on_record),
            Framing::JsonSeq => self.feed_seq(chunk, &mut on_record),
        }
    }

    /// Decodes the next `chunk`, appending owned records to `out`.
    pub fn feed(&mut self, chunk: &[u8], out: &mut Vec<Record>) {
        self.feed_with(chunk, |record| out.push(record.to_record()));
    }

    /// The stream ended: hands on a last record that had no end (a last line without LF, a last
    /// sequence element), and says whether the stream ended at a record boundary
    /// ([`crate::End::Clean`]) or inside that last record ([`crate::End::Truncated`] with its
    /// span).
    pub fn finish(mut self, mut on_record: impl FnMut(RecordRef<'_>)) -> crate::End {
        let pending = std::mem::take(&mut self.pending);
        if self.skipping || is_blank(&pending) {
            return crate::End::Clean;
        }
        let span = self.start..self.consumed;
        emit(&pending, self.start, &mut on_record);
        crate::End::Truncated { pending: span }
    }

    fn feed_lines(&mut self, chunk: &[u8], on_record: &mut dyn FnMut(RecordRef<'_>)) {
        let mut rest = chunk;
        while let Some(end) = memchr::memchr(b'\n', rest) {
            let (line, after) = rest.split_at(end);
            self.take(line, false, on_record);
            self.end_record(line, on_record);
            self.consumed += end as u64 + 1;
            self.start = self.consumed;
            rest = after.get(1..).unwrap_or_default();
        }
        self.take(rest, true, on_record);
        self.consumed += rest.len() as u64;
    }

    fn feed_seq(&mut self, chunk: &[u8], on_record: &mut dyn FnMut(RecordRef<'_>)) {
        let mut from = 0;
        for (at, &byte) in chunk.iter().enumerate() {
            let is_end = match byte {
                0x1E => true,
                b'\n' => self.scan.is_complete(),
                _ => {
                    self.scan.step(byte);
                    false
                }
            };
            if is_end {
                let piece = chunk.get(from..at).unwrap_or_default();
                self.take(piece, false, on_record);
                self.end_record(piece, on_record);
                self.consumed += (at - from) as u64 + 1;
                self.start = self.consumed;
                self.scan = Scan::default();
                from = at + 1;
            }
        }
        let rest = chunk.get(from..).unwrap_or_default();
        self.take(rest, true, on_record);
        self.consumed += rest.len() as u64;
    }

    /// Checks `bytes` of the record being read against the limit — over it, the record is
    /// reported (once) and skipped to its end — and keeps them when `keep` (the record goes on in
    /// the next chunk; one that ends in this chunk is read in place by `end_record`).
    fn take(&mut self, bytes: &[u8], keep: bool, on_record: &mut dyn FnMut(RecordRef<'_>)) {
        if self.skipping || bytes.is_empty() {
            return;
        }
        if self.pending.len() + bytes.len() > self.max_record_bytes {
            on_record(RecordRef::TooLong {
                offset: self.start,
                max_bytes: self.max_record_bytes,
            });
            self.skipping = true;
            self.pending.clear();
        } else if keep {
            self.pending.extend_from_slice(bytes);
        }
    }

    /// The record whose last bytes are `tail` (in this chunk) ended.
    fn end_record(&mut self, tail: &[u8], on_record: &mut dyn FnMut(RecordRef<'_>)) {
        if std::mem::take(&mut self.skipping) {
            self.pending.clear();
            return;
        }
        if self.pending.is_empty() {
            emit(tail, self.start, on_record);
        } else {
            self.pending.extend_from_slice(tail);
            emit(&self.pending, self.start, on_record);
            self.pending.clear();
        }
    }
}

/// Hands on the record `bytes` (starting at stream offset `start`), trimmed of its line ending
/// or surrounding whitespace; blank records are skipped.
fn emit(bytes: &[u8], start: u64, on_record: &mut dyn FnMut(RecordRef<'_>)) {
    let Some(first) = bytes.iter().position(|b| !b.is_ascii_whitespace()) else {
        return;
    };
    let last = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .unwrap_or(first);
    let text = bytes.get(first..=last).unwrap_or_default();
    let span = start + first as u64..start + last as u64 + 1;
    match simdutf8::basic::from_utf8(text) {
        Ok(text) => on_record(RecordRef::Record { text, span }),
        Err(_) => on_record(RecordRef::NotUtf8 { span }),
    }
}

fn is_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_whitespace)
}
