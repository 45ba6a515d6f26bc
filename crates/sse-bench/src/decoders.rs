//! The timed loops: each decodes a whole corpus fed chunk by chunk (see `corpus::Chunking`) and
//! tallies events.

use crate::Tally;

/// sse-codec through its borrowing API, as the app uses it.
pub fn sse_codec(chunks: &[&[u8]]) -> Tally {
    let mut decoder = sse_codec::Decoder::new();
    let mut tally = Tally::default();
    for chunk in chunks {
        decoder.feed_with(chunk, |item| {
            if let sse_codec::ItemRef::Event(event) = item {
                tally.events += 1;
                tally.data_bytes += event.data.len() as u64;
            }
        });
    }
    tally
}

/// sse-codec's records decoder (NDJSON), through its borrowing API, as the app uses it.
pub fn records(chunks: &[&[u8]]) -> Tally {
    let mut decoder = sse_codec::RecordDecoder::new(sse_codec::Framing::Lines);
    let mut tally = Tally::default();
    for chunk in chunks {
        decoder.feed_with(chunk, |record| {
            if let sse_codec::RecordRef::Record { text, .. } = record {
                tally.events += 1;
                tally.data_bytes += text.len() as u64;
            }
        });
    }
    tally
}

/// The floor no decoder can beat: find every line ending (CR or LF) and nothing else. Counts
/// blank lines as events, so its tally is not compared.
pub fn memchr2_scan(chunks: &[&[u8]]) -> Tally {
    let mut tally = Tally::default();
    let mut previous_was_line_end = false;
    for chunk in chunks {
        let mut last = None;
        for position in memchr::memchr2_iter(b'\r', b'\n', chunk) {
            if last == Some(position.wrapping_sub(1)) || (position == 0 && previous_was_line_end) {
                tally.events += 1;
            }
            last = Some(position);
        }
        previous_was_line_end = last == Some(chunk.len().wrapping_sub(1));
    }
    tally
}

#[cfg(not(target_arch = "wasm32"))]
pub use native::{byte_chunks, eventsource_stream, sse_stream};

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::pin::Pin;
    use std::task::{Context, Poll, Waker};

    use bytes::Bytes;
    use futures_util::{Stream, stream};

    use crate::Tally;

    /// `chunks` (slices of `corpus`, in order) as `Bytes` (shared, not copied), as an HTTP client
    /// would yield them; made before timing, and cloned (a reference count each) into the timed
    /// stream.
    pub fn byte_chunks(corpus: &Bytes, chunks: &[&[u8]]) -> Vec<Bytes> {
        chunks.iter().map(|chunk| corpus.slice_ref(chunk)).collect()
    }

    /// The chunks as the infallible byte stream both crates take.
    fn byte_stream(
        chunks: &[Bytes],
    ) -> impl Stream<Item = Result<Bytes, std::convert::Infallible>> + Unpin + '_ {
        stream::iter(chunks.iter().cloned().map(Ok))
    }

    /// Drains a stream that never waits (its source is in memory), without an executor.
    fn drain<S: Stream + Unpin>(mut stream: S, mut each: impl FnMut(S::Item)) {
        let mut context = Context::from_waker(Waker::noop());
        while let Poll::Ready(Some(item)) = Pin::new(&mut stream).poll_next(&mut context) {
            each(item);
        }
    }

    /// The `sse-stream` crate's `SseByteStream`.
    pub fn sse_stream(chunks: &[Bytes]) -> Tally {
        let mut tally = Tally::default();
        drain(
            sse_stream::SseByteStream::new(byte_stream(chunks)),
            |item| {
                if let Ok(sse) = item
                    && let Some(data) = sse.data
                {
                    tally.events += 1;
                    tally.data_bytes += data.len() as u64;
                }
            },
        );
        tally
    }

    /// The `eventsource-stream` crate's `EventStream`.
    pub fn eventsource_stream(chunks: &[Bytes]) -> Tally {
        use eventsource_stream::Eventsource;
        let mut tally = Tally::default();
        drain(byte_stream(chunks).eventsource(), |item| {
            if let Ok(event) = item {
                tally.events += 1;
                tally.data_bytes += event.data.len() as u64;
            }
        });
        tally
    }
}
