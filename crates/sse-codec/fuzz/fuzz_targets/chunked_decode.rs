//! Feeds arbitrary bytes in an arbitrary chunking, with small limits, and checks that the decoder
//! neither panics nor depends on the chunking, and stays within its limits.
//!
//! Input layout: byte 0 picks the line limit, byte 1 the event limit, bytes 2..10 seed the chunk
//! sizes, the rest is the stream.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sse_codec::{Decoder, Item, Limits};

fuzz_target!(|input: &[u8]| {
    let Some((head, stream)) = input.split_first_chunk::<10>() else { return };
    let limits = Limits { max_line_bytes: usize::from(head[0]) + 1, max_event_bytes: usize::from(head[1]) + 1 };

    let mut whole = Decoder::with_limits(limits);
    let mut expected = Vec::new();
    whole.feed(stream, &mut expected);
    let expected_end = whole.finish();

    let mut chunked = Decoder::with_limits(limits);
    let mut items = Vec::new();
    let mut rest = stream;
    let mut seeds = head[2..].iter().cycle();
    while !rest.is_empty() {
        let size = usize::from(*seeds.next().unwrap_or(&1)).max(1).min(rest.len());
        let (chunk, tail) = rest.split_at(size);
        chunked.feed(chunk, &mut items);
        rest = tail;
    }
    assert_eq!(items, expected, "chunking changed the items");
    assert_eq!(chunked.finish(), expected_end, "chunking changed the end");

    for item in &items {
        if let Item::Event(event) = item {
            assert!(event.data.len() < limits.max_event_bytes, "an event over the limit was dispatched");
        }
    }
});
