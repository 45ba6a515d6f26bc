//! The incremental decoder: WHATWG HTML §9.2.6 "Interpreting an event stream".

use std::borrow::Cow;
use std::ops::Range;

use memchr::{memchr, memchr2};

/// Largest piece of a chunk decoded at once, in bytes. Each piece is read three times (validated,
/// searched for line endings, copied into the data buffer); a piece that fits in the L1 cache is
/// read from memory once.
const PIECE_BYTES: usize = 16 * 1024;

/// The UTF-8 byte order mark, which the UTF-8 decode algorithm strips once at the start of a stream.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One thing the decoder found in the stream, in stream order (owned; see [`ItemRef`] for the
/// borrowing form that [`Decoder::feed_with`] yields without allocating).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// An event the standard says to dispatch (a blank line ended a block whose data buffer was
    /// not empty).
    Event(Event),
    /// A `retry` field whose value is all ASCII digits: the new reconnection time, in milliseconds.
    ///
    /// The standard says to "interpret the field value as an integer in base ten"; a value beyond
    /// `u64::MAX` is taken as `u64::MAX` (~584 million years, so no client waits that long either
    /// way). An empty value is not a number and is ignored, like any non-digit value.
    Retry(u64),
    /// A comment line (one starting with `:`): the text after the colon, with one leading space
    /// removed if present, so `: ping` gives `ping`. The standard ignores comments; debuggers show
    /// them because servers use them as keep-alives.
    Comment(String),
    /// A line or an event was larger than the decoder's [`Limits`] and was discarded.
    LimitExceeded(LimitExceeded),
    /// A block of fields ended by a blank line with an empty data buffer: the standard dispatches
    /// nothing for it ("If the data buffer is an empty string … return"). Its `id` and `retry`
    /// fields still took effect; an `event` field with no `data` is lost, which is a common server
    /// bug, so the decoder says so. Blocks of comments alone are not reported.
    Undispatched(Undispatched),
}

/// A block that ended without dispatching an event (see [`Item::Undispatched`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undispatched {
    /// The event type buffer at the blank line (empty when the block had no `event` field).
    pub event_type: String,
    /// Byte offsets of the block in the stream, like [`Event::span`].
    pub span: Range<u64>,
}

/// A dispatched event: what a browser's `EventSource` would deliver as a `MessageEvent`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The event type: the last `event` field of the block, or `message` when there was none or
    /// it was empty.
    pub event_type: String,
    /// The data buffer: each `data` field's value joined with U+000A LF, without a trailing LF.
    pub data: String,
    /// The last event ID string at dispatch: the value of the most recent `id` field in the
    /// stream so far (it persists across events), or empty if none was seen or an empty `id`
    /// reset it.
    pub last_event_id: String,
    /// Byte offsets in the stream of this event's block, start inclusive, end exclusive: from the
    /// first byte of the block's first line (comments included; after a leading BOM) through the
    /// first byte of the line ending of the blank line that dispatched it. For a CR LF line ending
    /// that is the CR: the decoder dispatches at the CR without waiting to see whether an LF follows
    /// in the next chunk, and the span must not depend on where chunks were split.
    pub span: Range<u64>,
}

/// [`Item`], borrowed from the decoder's buffers for the duration of a [`Decoder::feed_with`]
/// callback: no allocation per item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemRef<'a> {
    /// See [`Item::Event`].
    Event(EventRef<'a>),
    /// See [`Item::Retry`] (ms).
    Retry(u64),
    /// See [`Item::Comment`].
    Comment(&'a str),
    /// See [`Item::LimitExceeded`].
    LimitExceeded(LimitExceeded),
    /// See [`Item::Undispatched`]: the block's event type buffer and span.
    Undispatched {
        /// See [`Undispatched::event_type`].
        event_type: &'a str,
        /// See [`Undispatched::span`] (byte offsets).
        span: Range<u64>,
    },
}

/// [`Event`], borrowed from the decoder's buffers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRef<'a> {
    /// See [`Event::event_type`].
    pub event_type: &'a str,
    /// See [`Event::data`].
    pub data: &'a str,
    /// See [`Event::last_event_id`].
    pub last_event_id: &'a str,
    /// See [`Event::span`] (byte offsets).
    pub span: Range<u64>,
}

impl EventRef<'_> {
    /// An owned copy.
    pub fn to_event(&self) -> Event {
        Event {
            event_type: self.event_type.to_owned(),
            data: self.data.to_owned(),
            last_event_id: self.last_event_id.to_owned(),
            span: self.span.clone(),
        }
    }
}

impl ItemRef<'_> {
    /// An owned copy.
    pub fn to_item(&self) -> Item {
        match self {
            Self::Event(event) => Item::Event(event.to_event()),
            Self::Retry(milliseconds) => Item::Retry(*milliseconds),
            Self::Comment(text) => Item::Comment((*text).to_owned()),
            Self::LimitExceeded(exceeded) => Item::LimitExceeded(exceeded.clone()),
            Self::Undispatched { event_type, span } => Item::Undispatched(Undispatched {
                event_type: (*event_type).to_owned(),
                span: span.clone(),
            }),
        }
    }
}

/// How large a line or an event may grow before the decoder discards it, so that no input makes
/// it buffer without bound. The standard sets no limits; these are ours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Longest line kept, in bytes, without its line ending (a leading BOM counts). A longer line
    /// is discarded whole: reported once as [`Limit::Line`] as soon as it is known to be too long,
    /// then skipped up to its line ending, and the block it was in is no longer clean.
    /// Default 16 MiB.
    pub max_line_bytes: usize,
    /// Largest data buffer, in bytes of UTF-8 (the LFs that join lines included). An event whose
    /// data would grow past it is discarded: reported once as [`Limit::Event`], its remaining
    /// `data` lines ignored, and nothing dispatched at its blank line. Default 16 MiB.
    pub max_event_bytes: usize,
}

impl Limits {
    /// 16 MiB, the default for both limits.
    pub const DEFAULT_BYTES: usize = 16 * 1024 * 1024;
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_line_bytes: Self::DEFAULT_BYTES,
            max_event_bytes: Self::DEFAULT_BYTES,
        }
    }
}

/// Which of the [`Limits`] was exceeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// [`Limits::max_line_bytes`].
    Line,
    /// [`Limits::max_event_bytes`].
    Event,
}

/// A line or an event that was discarded for exceeding the [`Limits`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitExceeded {
    /// Which limit.
    pub limit: Limit,
    /// Stream offset (bytes) of the discarded line's first byte, or of the first line of the
    /// discarded event's block.
    pub offset: u64,
    /// The limit in force, in bytes.
    pub max_bytes: usize,
}

/// How a stream ended, as reported by [`Decoder::finish`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum End {
    /// The stream ended at an event boundary: nothing the standard would have dispatched was lost.
    Clean,
    /// The stream ended in the middle of an event: with a partial line (bytes after the last line
    /// ending), or with fields since the last blank line. The standard discards this pending data;
    /// `pending` is its byte range in the stream, so a caller that kept the raw bytes can show it.
    Truncated {
        /// Byte offsets of the discarded data: from the first line of the unfinished block (or of
        /// the partial line, if no complete line of the block came first) to the end of the stream.
        pending: Range<u64>,
    },
}

/// A `data` line being streamed into the data buffer (see `Decoder::data_line`).
#[derive(Debug, Clone)]
struct DataLine {
    /// Length of the data buffer before this line's value, to undo it if the line is too long.
    buffer_start: usize,
    /// Bytes of the line received so far (field name and colon included), for the line limit.
    line_bytes: usize,
    /// Stream offset of the line's first byte after a leading BOM (where its block starts if it
    /// is the block's first line).
    start: u64,
}

/// An incremental event stream decoder.
///
/// Feed it a stream's bytes in chunks of any size with [`feed`](Self::feed) (owned items) or
/// [`feed_with`](Self::feed_with) (borrowed items, no allocation per item), then call
/// [`finish`](Self::finish). It follows WHATWG HTML §9.2.6 to the letter:
///
/// - bytes are decoded as UTF-8 with U+FFFD for invalid sequences (also when a sequence is split
///   across chunks), and one leading BOM is stripped;
/// - lines end at CR LF, LF or CR; a CR at the end of one chunk and an LF at the start of the next
///   are one line ending, yet the line is processed as soon as the CR arrives;
/// - a blank line dispatches the event; `:` starts a comment; `field:value` loses one leading space
///   of the value; a line without a colon is a field name with an empty value;
/// - `data`, `event`, `id` (ignored if it contains U+0000) and `retry` (ASCII digits only) are
///   processed; other fields are ignored.
///
/// Memory: the current partial line (at most [`Limits::max_line_bytes`]; a `data` line's value is
/// kept in the data buffer as it arrives) and the current block's data buffer (at most
/// [`Limits::max_event_bytes`] at each line's end). Decoding never fails and never panics,
/// whatever the bytes; what exceeds the limits is reported as [`Item::LimitExceeded`] and skipped.
#[derive(Debug, Clone, Default)]
pub struct Decoder {
    limits: Limits,
    /// Bytes of the current line received so far, when it began in an earlier chunk (and is not
    /// a data line being streamed, see `data_line`).
    line: Vec<u8>,
    /// The current line is a `data` line that began in an earlier chunk: its value goes straight
    /// into the data buffer as it arrives (one copy, validated while it is in cache), instead of
    /// being kept in `line` and copied again at its end.
    data_line: Option<DataLine>,
    /// The start of a UTF-8 sequence of the streamed data line cut by the end of the last chunk
    /// (at most 3 bytes; kept here so that its capacity is reused).
    cut_sequence: Vec<u8>,
    /// Stream offset of the first byte of the current line.
    line_start: u64,
    /// Stream offset just past the last byte fed.
    consumed: u64,
    /// The previous chunk ended in a CR line ending: an LF at the start of the next is part of it.
    skip_lf: bool,
    /// The current line is over the line limit: skip to its line ending.
    is_discarding_line: bool,
    /// The current block's data is over the event limit: ignore its data lines, dispatch nothing.
    is_discarding_event: bool,
    /// A line of the current block was over the line limit (already reported; a block left with
    /// no data is then not reported again as undispatched).
    block_lost_line: bool,
    /// The first line has been processed (a BOM can only be at its start).
    past_first_line: bool,
    /// Stream offset of the first line of the current block, if the block has any line yet.
    block_start: Option<u64>,
    /// A field line (not a comment) has been processed since the last blank line.
    has_fields: bool,
    event_type_buffer: String,
    data_buffer: String,
    /// Zero-copy form of the data buffer: when set, the data buffer is the value of one `data`
    /// line at these byte offsets in the text of the chunk being fed, plus an LF, and
    /// `data_buffer` is empty. An event dispatched in the same chunk borrows it from there; it is
    /// copied into `data_buffer` before a second `data` line or when the chunk ends.
    data_in_chunk: Option<Range<usize>>,
    last_event_id_buffer: String,
    /// An `id` field set the last event ID buffer since the last dispatch (so the last event ID
    /// string is set from it then: comparing the two at every dispatch cost more than half the
    /// decoding time of a stream of tiny events).
    has_new_id: bool,
    /// The last event ID string, set from the buffer at each dispatch.
    last_event_id: String,
    /// The reconnection time from the last valid `retry` field, in ms.
    reconnection_time: Option<u64>,
}

impl Decoder {
    /// A decoder at the start of a stream, with the default [`Limits`] (16 MiB each).
    pub fn new() -> Self {
        Self::default()
    }

    /// A decoder at the start of a stream, with the given limits.
    pub fn with_limits(limits: Limits) -> Self {
        Self {
            limits,
            ..Self::default()
        }
    }

    /// This decoder, for a stream that resumes an earlier one whose last event ID string was
    /// `last_event_id`: events dispatched before the new stream sends an `id` field carry it.
    ///
    /// The standard initialises a new stream's last event ID buffer to the empty string, but the
    /// `EventSource` object's last event ID string persists across reconnections, and browsers
    /// (Chromium's `EventSourceParser`, Firefox's `EventSource`) seed each new connection's parser
    /// with it, so that `lastEventId` and the next `Last-Event-ID` header do not fall back to
    /// empty. This follows the browsers. A value containing U+0000 is ignored, as an `id` field
    /// with one would be.
    #[must_use]
    pub fn resuming(mut self, last_event_id: &str) -> Self {
        if memchr(0, last_event_id.as_bytes()).is_none() {
            last_event_id.clone_into(&mut self.last_event_id_buffer);
            last_event_id.clone_into(&mut self.last_event_id);
        }
        self
    }

    /// Decodes the next `chunk` of the stream, appending what it completes to `out`, in stream
    /// order. Chunks may be split anywhere, even inside a UTF-8 sequence or between CR and LF; an
    /// empty chunk does nothing.
    pub fn feed(&mut self, chunk: &[u8], out: &mut Vec<Item>) {
        self.feed_with(chunk, |item| out.push(item.to_item()));
    }

    /// Decodes the next `chunk` of the stream like [`feed`](Self::feed), calling `on_item` with
    /// each item it completes, borrowed from the decoder's buffers: no allocation per event when
    /// the data is valid UTF-8.
    pub fn feed_with(&mut self, chunk: &[u8], mut on_item: impl FnMut(ItemRef<'_>)) {
        for piece in chunk.chunks(PIECE_BYTES) {
            self.feed_piece(piece, &mut on_item);
        }
    }

    /// [`feed_with`](Self::feed_with) for one piece of a chunk.
    fn feed_piece(&mut self, chunk: &[u8], mut on_item: impl FnMut(ItemRef<'_>)) {
        let base = self.consumed;
        self.consumed += chunk.len() as u64;
        let mut pos = 0;
        if self.skip_lf && !chunk.is_empty() {
            self.skip_lf = false;
            if chunk[0] == b'\n' {
                pos = 1;
                self.line_start += 1;
            }
        }
        // Validate the chunk as UTF-8 in one pass, from the first byte that does not continue a
        // sequence cut by the last chunk to the last that does not start one cut by this chunk's
        // end; failing that (invalid bytes), up to the first invalid byte. Lines inside the valid
        // text are slices of it; any other line is decoded on its own with U+FFFD replacements. A
        // line ending is ASCII, so no sequence spans one and the two ways decode alike.
        let continued = chunk[pos..]
            .iter()
            .take(3)
            .take_while(|&&byte| byte & 0xC0 == 0x80)
            .count();
        let text_start = pos + continued;
        // The whole rest first: reading the chunk's end before its start (to look for a cut
        // sequence) stalled on memory the prefetcher had not reached yet (10% of 1 KiB chunks).
        let rest = &chunk[text_start..];
        let text = simdutf8::basic::from_utf8(rest)
            .unwrap_or_else(|_| valid_prefix(&rest[..rest.len() - cut_tail(rest)]));
        let text_end = text_start + text.len();
        while let Some(found) = find_line_ending(&chunk[pos..]) {
            let end = pos + found;
            let mut next = end + 1;
            if chunk[end] == b'\r' {
                match chunk.get(next) {
                    Some(b'\n') => next += 1,
                    Some(_) => {}
                    None => self.skip_lf = true,
                }
            }
            // The span of a line ending counts its first byte only (see `Event::span`).
            let ending_end = base + end as u64 + 1;
            if self.is_discarding_line {
                self.is_discarding_line = false;
            } else if self.data_line.is_some() {
                let rest = ChunkBytes::new(&chunk[pos..end], pos, text, text_start);
                self.finish_data_line(rest, &mut on_item);
            } else if !self.line.is_empty() {
                self.finish_partial_line(&chunk[pos..end], text, ending_end, &mut on_item);
            } else if end - pos > self.limits.max_line_bytes {
                self.line_too_long(&mut on_item);
            } else {
                let line = if text_start <= pos && end <= text_end {
                    Cow::Borrowed(&text[pos - text_start..end - text_start])
                } else {
                    decode(&chunk[pos..end])
                };
                self.process_line(&line, text, ending_end, &mut on_item);
            }
            self.line_start = base + next as u64;
            pos = next;
        }
        self.copy_data_in_chunk(text);
        if pos < chunk.len() {
            let rest = ChunkBytes::new(&chunk[pos..], pos, text, text_start);
            self.buffer_partial_line(rest, &mut on_item);
        }
    }

    /// Ends the stream and says whether it ended cleanly.
    ///
    /// "Once the end of the file is reached, any pending data must be discarded. (If the file ends
    /// in the middle of an event, before the final empty line, the incomplete event is not
    /// dispatched.)" So this yields no items; it reports [`End::Truncated`] when there was pending
    /// data: a partial line, or fields since the last blank line.
    pub fn finish(self) -> End {
        let bom = self.leading_bom(&self.line);
        let partial = &self.line[bom..];
        let line_start = self.line_start + bom as u64;
        if partial.is_empty()
            && !self.has_fields
            && !self.is_discarding_line
            && self.data_line.is_none()
        {
            return End::Clean;
        }
        let line_start = self
            .data_line
            .as_ref()
            .map_or(line_start, |line| line.start);
        let start = self.block_start.unwrap_or(line_start);
        End::Truncated {
            pending: start..self.consumed,
        }
    }

    /// The last event ID string: the last event ID buffer as it was at the most recent dispatch
    /// (the value a browser sends as `Last-Event-ID` when it reconnects). Empty at first.
    pub fn last_event_id(&self) -> &str {
        &self.last_event_id
    }

    /// The reconnection time in ms from the most recent valid `retry` field, if any.
    pub fn reconnection_time(&self) -> Option<u64> {
        self.reconnection_time
    }

    /// Total bytes fed so far.
    pub fn bytes_consumed(&self) -> u64 {
        self.consumed
    }

    /// The length of the BOM that `line`, the current partial line, starts with: 3 if it is the
    /// stream's first line and begins with one, else 0.
    fn leading_bom(&self, line: &[u8]) -> usize {
        if !self.past_first_line && line.starts_with(BOM) {
            BOM.len()
        } else {
            0
        }
    }

    /// Keeps the start of a line whose ending is in a later chunk, up to the line limit: a `data`
    /// line's value goes into the data buffer as soon as the line is known to be one (its field
    /// name and the space after the colon, if any, have arrived); any other line is kept whole.
    fn buffer_partial_line(&mut self, rest: ChunkBytes<'_>, on_item: &mut impl FnMut(ItemRef<'_>)) {
        if self.is_discarding_line {
            return;
        }
        let bytes = rest.bytes;
        if let Some(data_line) = &mut self.data_line {
            data_line.line_bytes += bytes.len();
            if data_line.line_bytes > self.limits.max_line_bytes {
                self.line_too_long(on_item);
                self.is_discarding_line = true;
            } else if !self.is_discarding_event {
                rest.push_to(&mut self.data_buffer, &mut self.cut_sequence, false);
            }
            return;
        }
        if self.line.len() + bytes.len() > self.limits.max_line_bytes {
            self.line_too_long(on_item);
            self.is_discarding_line = true;
            return;
        }
        // A `data` line begun in this chunk (the common case: most lines are) goes from the
        // chunk's validated text to the data buffer, not through `line` (a copy and a validation).
        if self.line.is_empty()
            && self.past_first_line
            && let Some(after_colon) = bytes.strip_prefix(b"data:")
            && let Some(&first) = after_colon.first()
        {
            let value_start = b"data:".len() + usize::from(first == b' ');
            self.begin_data_line(bytes.len());
            if !self.is_discarding_event {
                rest.skip(value_start).push_to(
                    &mut self.data_buffer,
                    &mut self.cut_sequence,
                    false,
                );
            }
            return;
        }
        self.line.extend_from_slice(bytes);
        self.start_data_line();
    }

    /// Marks the current line as a `data` line streamed into the data buffer, `line_bytes` of it
    /// received so far.
    fn begin_data_line(&mut self, line_bytes: usize) {
        self.data_line = Some(DataLine {
            buffer_start: self.data_buffer.len(),
            line_bytes,
            start: self.line_start,
        });
        self.cut_sequence.clear();
        // Room for a whole sequence once, rather than an allocation the first time one is cut.
        self.cut_sequence.reserve(4);
    }

    /// Starts streaming the partial line into the data buffer if it is a `data` line whose value
    /// has begun (so whether one leading space is removed is known).
    fn start_data_line(&mut self) {
        let bom = self.leading_bom(&self.line);
        let Some(after_colon) = self.line[bom..].strip_prefix(b"data:") else {
            return;
        };
        let Some(&first) = after_colon.first() else {
            return;
        };
        let value_start = bom + b"data:".len() + usize::from(first == b' ');
        self.past_first_line = true;
        self.begin_data_line(self.line.len());
        if let Some(data_line) = &mut self.data_line {
            data_line.start += bom as u64;
        }
        if !self.is_discarding_event {
            push_decoded(
                &mut self.data_buffer,
                &mut self.cut_sequence,
                &self.line[value_start..],
                false,
            );
        }
        self.line.clear();
    }

    /// Ends a streamed `data` line with its `rest` (up to its line ending): WHATWG "process the
    /// field" for `data`, with the line limit and then the event limit checked as for a line
    /// decoded whole.
    fn finish_data_line(&mut self, rest: ChunkBytes<'_>, on_item: &mut impl FnMut(ItemRef<'_>)) {
        let Some(data_line) = &self.data_line else {
            return;
        };
        if data_line.line_bytes + rest.bytes.len() > self.limits.max_line_bytes {
            // It takes the line's value back out of the data buffer.
            self.line_too_long(on_item);
            return;
        }
        let start = data_line.start;
        self.data_line = None;
        // As `process_line` does for a line decoded whole.
        self.block_start.get_or_insert(start);
        self.has_fields = true;
        if self.is_discarding_event {
            return;
        }
        rest.push_to(&mut self.data_buffer, &mut self.cut_sequence, true);
        if self.data_buffer.len() + 1 > self.limits.max_event_bytes {
            self.event_too_large(on_item);
        } else {
            self.data_buffer.push('\n');
        }
    }

    /// Completes a line begun in an earlier chunk with its `rest`, up to the line limit.
    fn finish_partial_line(
        &mut self,
        rest: &[u8],
        chunk_text: &str,
        ending_end: u64,
        on_item: &mut impl FnMut(ItemRef<'_>),
    ) {
        if self.line.len() + rest.len() > self.limits.max_line_bytes {
            self.line_too_long(on_item);
            return;
        }
        self.line.extend_from_slice(rest);
        let line = std::mem::take(&mut self.line);
        self.process_line(&decode(&line), chunk_text, ending_end, on_item);
        self.line = line;
        self.line.clear();
    }

    /// Reports the current line as too long and drops what was kept of it. The block it was in
    /// has lost a line, so it counts as having fields (a stream ending now is truncated).
    fn line_too_long(&mut self, on_item: &mut impl FnMut(ItemRef<'_>)) {
        self.line.clear();
        if let Some(data_line) = self.data_line.take() {
            self.data_buffer.truncate(data_line.buffer_start);
        }
        self.past_first_line = true;
        self.has_fields = true;
        self.block_lost_line = true;
        self.block_start.get_or_insert(self.line_start);
        on_item(ItemRef::LimitExceeded(LimitExceeded {
            limit: Limit::Line,
            offset: self.line_start,
            max_bytes: self.limits.max_line_bytes,
        }));
    }

    /// Processes one complete line (without its line ending), already decoded from UTF-8.
    /// `chunk_text` is the valid text of the chunk being fed (see `data_in_chunk`); `ending_end`
    /// is the stream offset just past the first byte of the line's line ending.
    fn process_line(
        &mut self,
        line: &str,
        chunk_text: &str,
        ending_end: u64,
        on_item: &mut impl FnMut(ItemRef<'_>),
    ) {
        let mut line = line;
        let mut line_start = self.line_start;
        if !self.past_first_line {
            self.past_first_line = true;
            // UTF-8 decode: "If buffer is 0xEF 0xBB 0xBF, then read three bytes" (once, at the
            // start). Those bytes decode to U+FEFF, and nothing else does.
            if let Some(rest) = line.strip_prefix('\u{FEFF}') {
                line = rest;
                line_start += BOM.len() as u64;
            }
        }
        // "If the line is empty (a blank line): Dispatch the event."
        if line.is_empty() {
            self.dispatch(chunk_text, ending_end, on_item);
            return;
        }
        self.block_start.get_or_insert(line_start);
        // "If the line starts with a U+003A COLON character (:): Ignore the line."
        if let Some(comment) = line.strip_prefix(':') {
            on_item(ItemRef::Comment(
                comment.strip_prefix(' ').unwrap_or(comment),
            ));
            return;
        }
        // "If the line contains a U+003A COLON character (:): collect the characters on the line
        // before the first colon, and let field be that string; collect the characters after it,
        // and let value be that string. If value starts with a U+0020 SPACE character, remove it.
        // Otherwise, the string is not empty but does not contain a colon: use the whole line as
        // the field name, and the empty string as the field value."
        // The known fields are recognised by their first bytes, which skips the search for the
        // colon (`data:` lines are most lines; `event:` and `id:` come with many events).
        let known = match line.as_bytes().first() {
            Some(b'd') => line.strip_prefix("data:").map(|value| ("data", value)),
            Some(b'e') => line.strip_prefix("event:").map(|value| ("event", value)),
            Some(b'i') => line.strip_prefix("id:").map(|value| ("id", value)),
            _ => None,
        };
        let (field, value) = known.unwrap_or_else(|| match memchr(b':', line.as_bytes()) {
            Some(colon) => (&line[..colon], &line[colon + 1..]),
            None => (line, ""),
        });
        let value = value.strip_prefix(' ').unwrap_or(value);
        self.has_fields = true;
        self.process_field(field, value, chunk_text, on_item);
    }

    /// WHATWG HTML §9.2.6 "process the field". Field names are compared case-sensitively.
    fn process_field(
        &mut self,
        field: &str,
        value: &str,
        chunk_text: &str,
        on_item: &mut impl FnMut(ItemRef<'_>),
    ) {
        match field {
            // "Set the event type buffer to field value."
            "event" => {
                self.event_type_buffer.clear();
                self.event_type_buffer.push_str(value);
            }
            // "Append the field value to the data buffer, then append a single U+000A LINE FEED
            // (LF) character to the data buffer."
            "data" if !self.is_discarding_event => {
                let buffered = self
                    .data_in_chunk
                    .as_ref()
                    .map_or(self.data_buffer.len(), |range| range.len() + 1);
                if buffered + value.len() + 1 > self.limits.max_event_bytes {
                    self.event_too_large(on_item);
                } else if let Some(range) =
                    subslice_range(chunk_text, value).filter(|_| buffered == 0)
                {
                    self.data_in_chunk = Some(range);
                } else {
                    self.copy_data_in_chunk(chunk_text);
                    self.data_buffer.push_str(value);
                    self.data_buffer.push('\n');
                }
            }
            // "If the field value does not contain U+0000 NULL, then set the last event ID buffer
            // to the field value. Otherwise, ignore the field."
            "id" if !value.as_bytes().contains(&0) => {
                self.last_event_id_buffer.clear();
                self.last_event_id_buffer.push_str(value);
                self.has_new_id = true;
            }
            // "If the field value consists of only ASCII digits, then interpret the field value as
            // an integer in base ten, and set the event stream's reconnection time to that integer.
            // Otherwise, ignore the field."
            "retry" if !value.is_empty() && value.bytes().all(|byte| byte.is_ascii_digit()) => {
                let time = value.bytes().fold(0u64, |time, digit| {
                    time.saturating_mul(10)
                        .saturating_add(u64::from(digit - b'0'))
                });
                self.reconnection_time = Some(time);
                on_item(ItemRef::Retry(time));
            }
            // "Otherwise: The field is ignored."
            _ => {}
        }
    }

    /// Discards the current block's data, which a `data` line would take past the event limit,
    /// and reports it; the block's remaining `data` lines are ignored.
    fn event_too_large(&mut self, on_item: &mut impl FnMut(ItemRef<'_>)) {
        self.data_buffer.clear();
        self.data_in_chunk = None;
        self.is_discarding_event = true;
        on_item(ItemRef::LimitExceeded(LimitExceeded {
            limit: Limit::Event,
            offset: self.block_start.unwrap_or(self.line_start),
            max_bytes: self.limits.max_event_bytes,
        }));
    }

    /// Moves a data buffer held as a slice of the chunk's text into `data_buffer`.
    fn copy_data_in_chunk(&mut self, chunk_text: &str) {
        if let Some(range) = self.data_in_chunk.take() {
            self.data_buffer
                .push_str(chunk_text.get(range).unwrap_or_default());
            self.data_buffer.push('\n');
        }
    }

    /// WHATWG HTML §9.2.6 "dispatch the event", at a blank line whose line ending's first byte ends
    /// at `ending_end`.
    fn dispatch(
        &mut self,
        chunk_text: &str,
        ending_end: u64,
        on_item: &mut impl FnMut(ItemRef<'_>),
    ) {
        let start = self.block_start.take().unwrap_or(self.line_start);
        let had_fields = std::mem::take(&mut self.has_fields);
        let was_discarded = std::mem::take(&mut self.is_discarding_event)
            | std::mem::take(&mut self.block_lost_line);
        // 1. "Set the last event ID string of the event source to the value of the last event ID
        //    buffer. The buffer does not get reset."
        if std::mem::take(&mut self.has_new_id) {
            self.last_event_id.clone_from(&self.last_event_id_buffer);
        }
        let data = match self.data_in_chunk.take() {
            // The data buffer is one line's value plus an LF, which step 3 removes.
            Some(range) => chunk_text.get(range).unwrap_or_default(),
            None => {
                // 2. "If the data buffer is an empty string, set the data buffer and the event type
                //    buffer to the empty string and return." (A discarded oversized event has an
                //    empty buffer.)
                if self.data_buffer.is_empty() {
                    if had_fields && !was_discarded {
                        on_item(ItemRef::Undispatched {
                            event_type: &self.event_type_buffer,
                            span: start..ending_end,
                        });
                    }
                    self.event_type_buffer.clear();
                    return;
                }
                // 3. "If the data buffer's last character is a U+000A LINE FEED (LF) character,
                //    then remove the last character from the data buffer."
                if self.data_buffer.ends_with('\n') {
                    self.data_buffer.pop();
                }
                &self.data_buffer
            }
        };
        // 4–5. The event's type is the event type buffer, or "message" when it is empty.
        let event_type = if self.event_type_buffer.is_empty() {
            "message"
        } else {
            &self.event_type_buffer
        };
        on_item(ItemRef::Event(EventRef {
            event_type,
            data,
            last_event_id: &self.last_event_id,
            span: start..ending_end,
        }));
        // 6. "Set the data buffer and the event type buffer to the empty string." (Clearing keeps
        //    their capacity for the next event.)
        self.data_buffer.clear();
        self.event_type_buffer.clear();
    }
}

/// The byte range of `inner` within `outer`, if `inner` is a slice of it. (Comparing addresses is
/// exact: distinct live strings never overlap.)
fn subslice_range(outer: &str, inner: &str) -> Option<Range<usize>> {
    let start = (inner.as_ptr() as usize).checked_sub(outer.as_ptr() as usize)?;
    (start + inner.len() <= outer.len()).then(|| start..start + inner.len())
}

/// The position of the first CR or LF in `bytes`: the first 8 bytes looked at as one word
/// (SWAR), the rest with `memchr2`. Measured on the parser bench: a blank line is found without
/// calling `memchr2`, and a short line's rest (under 32 bytes) takes `memchr2`'s quicker path for
/// short haystacks (+13% on events of many 20–40 B lines; more words looked at this way cost
/// more than they saved, through mispredicted branches).
fn find_line_ending(bytes: &[u8]) -> Option<usize> {
    const LF: u64 = u64::from_ne_bytes([b'\n'; 8]);
    const CR: u64 = u64::from_ne_bytes([b'\r'; 8]);
    let Some((word, rest)) = bytes.split_first_chunk::<8>() else {
        return memchr2(b'\r', b'\n', bytes);
    };
    let word = u64::from_le_bytes(*word);
    let found = zero_bytes(word ^ LF) | zero_bytes(word ^ CR);
    if found != 0 {
        return Some((found.trailing_zeros() / 8) as usize);
    }
    memchr2(b'\r', b'\n', rest).map(|found| 8 + found)
}

/// The high bit of each byte of `word` that is zero, and no other bit (exact, unlike the
/// shorter `(x - 0x01…) & !x & 0x80…`, whose borrows can mark the byte after a zero).
fn zero_bytes(word: u64) -> u64 {
    const LOW7: u64 = u64::from_ne_bytes([0x7F; 8]);
    !(((word & LOW7) + LOW7) | word | LOW7)
}

/// Bytes of the chunk being fed, with the chunk's valid UTF-8 text, so that the part of them
/// inside the text is not validated again.
#[derive(Clone, Copy)]
struct ChunkBytes<'a> {
    /// The bytes.
    bytes: &'a [u8],
    /// Their offset in the chunk.
    offset: usize,
    /// The chunk's text (see `Decoder::feed_with`)…
    text: &'a str,
    /// …and its offset in the chunk.
    text_start: usize,
}

impl<'a> ChunkBytes<'a> {
    fn new(bytes: &'a [u8], offset: usize, text: &'a str, text_start: usize) -> Self {
        Self {
            bytes,
            offset,
            text,
            text_start,
        }
    }

    /// Them without their first `count` bytes.
    fn skip(self, count: usize) -> Self {
        let count = count.min(self.bytes.len());
        Self {
            bytes: &self.bytes[count..],
            offset: self.offset + count,
            ..self
        }
    }

    /// Appends them to `out` as [`push_decoded`] does: the part inside the text as it is, the
    /// rest (continuing a sequence `cut` short, or cut short themselves, or invalid) decoded.
    fn push_to(self, out: &mut String, cut: &mut Vec<u8>, is_line_end: bool) {
        let end = self.offset + self.bytes.len();
        let valid_start = self.offset.max(self.text_start);
        let valid_end = end.min(self.text_start + self.text.len());
        // valid_start ≥ text_start, so neither subtraction underflows once the range is not empty.
        let valid = (valid_start < valid_end)
            .then(|| {
                self.text
                    .get(valid_start - self.text_start..valid_end - self.text_start)
            })
            .flatten();
        let Some(valid) = valid else {
            push_decoded(out, cut, self.bytes, is_line_end);
            return;
        };
        push_decoded(out, cut, &self.bytes[..valid_start - self.offset], false);
        // The text never starts with a continuation byte: a sequence still cut is invalid.
        if !cut.is_empty() {
            cut.clear();
            out.push('\u{FFFD}');
        }
        out.push_str(valid);
        push_decoded(
            out,
            cut,
            &self.bytes[valid_end - self.offset..],
            is_line_end,
        );
    }
}

/// Appends `cut ++ bytes` to `out`, decoded as UTF-8 with U+FFFD for invalid sequences, except a
/// sequence cut by the end of `bytes`, which is left in `cut` for the next call — unless
/// `is_line_end`, when it is invalid (the line ending is not a continuation byte). Appending
/// piece by piece this way gives what decoding the whole line at once gives.
fn push_decoded(out: &mut String, cut: &mut Vec<u8>, mut bytes: &[u8], is_line_end: bool) {
    // First complete (or give up on) the sequence cut by the last chunk, a byte at a time: the
    // first byte that does not continue it is not part of it, and is decoded afresh below.
    while let (false, Some(&next)) = (cut.is_empty(), bytes.first()) {
        cut.push(next);
        match simdutf8::compat::from_utf8(cut) {
            Ok(text) => {
                out.push_str(text);
                cut.clear();
                bytes = &bytes[1..];
            }
            Err(error) if error.error_len().is_none() => bytes = &bytes[1..],
            Err(_) => {
                cut.clear();
                out.push('\u{FFFD}');
            }
        }
    }
    if bytes.is_empty() {
        if is_line_end && !cut.is_empty() {
            cut.clear();
            out.push('\u{FFFD}');
        }
        return;
    }
    // The common case: valid, perhaps but for a sequence cut at the end, validated in one pass.
    let whole = if is_line_end {
        bytes.len()
    } else {
        bytes.len() - cut_tail(bytes)
    };
    if let Ok(text) = simdutf8::basic::from_utf8(&bytes[..whole]) {
        out.push_str(text);
    } else {
        out.push_str(&String::from_utf8_lossy(&bytes[..whole]));
    }
    cut.extend_from_slice(&bytes[whole..]);
}

/// How many bytes at the end of `bytes` are the valid start of a UTF-8 sequence that they cut
/// short (0 to 3): a lead byte among the last three with fewer continuation bytes after it than
/// it announces, all of them allowed there (bytes that can never complete a sequence decode to
/// U+FFFD whatever follows, so they are not kept).
fn cut_tail(bytes: &[u8]) -> usize {
    for back in 1..=bytes.len().min(3) {
        let byte = bytes[bytes.len() - back];
        if byte & 0xC0 != 0x80 {
            let length = match byte {
                0xC2..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF4 => 4,
                _ => 1,
            };
            let tail = &bytes[bytes.len() - back..];
            let is_cut_short = length > back
                && simdutf8::compat::from_utf8(tail)
                    .is_err_and(|error| error.error_len().is_none());
            return if is_cut_short { back } else { 0 };
        }
    }
    0
}

/// The longest prefix of `bytes` that is valid UTF-8 (all of it, in the common case: one SIMD
/// pass).
fn valid_prefix(bytes: &[u8]) -> &str {
    simdutf8::basic::from_utf8(bytes).unwrap_or_else(|_| {
        let valid =
            simdutf8::compat::from_utf8(bytes).map_or_else(|error| error.valid_up_to(), str::len);
        simdutf8::basic::from_utf8(&bytes[..valid]).unwrap_or_default()
    })
}

/// UTF-8 decode with U+FFFD for each maximal invalid subpart, which is what the WHATWG Encoding
/// standard's UTF-8 decoder produces. Lines are split on ASCII bytes, which never belong to a
/// multi-byte sequence, so decoding line by line equals decoding the whole stream.
fn decode(bytes: &[u8]) -> Cow<'_, str> {
    // Valid input (the common case) is checked with SIMD; `from_utf8_lossy` walks byte by byte,
    // so it only runs on invalid input.
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}
