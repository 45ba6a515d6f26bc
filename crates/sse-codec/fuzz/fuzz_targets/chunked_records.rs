//! Feeds arbitrary bytes in an arbitrary chunking to the records decoder (both framings, a small
//! limit), and checks that it neither panics nor depends on the chunking, that each record's
//! span holds its text, and that no record over the limit is handed on.
//!
//! Input layout: byte 0 picks the framing (its low bit) and the limit, bytes 1..9 seed the chunk
//! sizes, the rest is the stream.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sse_codec::{Framing, Record, RecordDecoder};

fn decode(framing: Framing, max: usize, chunks: &[&[u8]]) -> (Vec<Record>, sse_codec::End) {
    let mut decoder = RecordDecoder::with_limit(framing, max);
    let mut records = Vec::new();
    for chunk in chunks {
        decoder.feed(chunk, &mut records);
    }
    let end = decoder.finish(|record| records.push(record.to_record()));
    (records, end)
}

fuzz_target!(|input: &[u8]| {
    let Some((head, stream)) = input.split_first_chunk::<9>() else { return };
    let framing = if head[0] & 1 == 0 { Framing::Lines } else { Framing::JsonSeq };
    let max = usize::from(head[0] >> 1) + 1;

    let whole = decode(framing, max, &[stream]);
    let mut chunks = Vec::new();
    let mut rest = stream;
    let mut seeds = head[1..].iter().cycle();
    while !rest.is_empty() {
        let size = usize::from(*seeds.next().unwrap_or(&1)).max(1).min(rest.len());
        let (chunk, tail) = rest.split_at(size);
        chunks.push(chunk);
        rest = tail;
    }
    assert_eq!(decode(framing, max, &chunks), whole, "chunking changed the records");
    for record in &whole.0 {
        if let Record::Record { text, span } = record {
            assert_eq!(&stream[span.start as usize..span.end as usize], text.as_bytes());
            assert!(text.len() <= max, "a record over the limit was handed on");
        }
    }
});
