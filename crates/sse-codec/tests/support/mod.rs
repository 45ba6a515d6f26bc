//! Shared by the test files: decode an input in every chunking and insist they all agree.
// Each test file compiles this module on its own and uses only part of it.
#![allow(dead_code)]

use sse_codec::{Decoder, End, Item, Limits};

/// Decodes `input` whole, split at every byte position, and one byte at a time; asserts that all
/// give the same items and end, and returns that result.
pub fn decode_all_splits(limits: Limits, input: &[u8]) -> (Vec<Item>, End) {
    let whole = decode_chunks(limits, &[input]);
    for split in 0..=input.len() {
        let (head, tail) = input.split_at(split);
        assert_eq!(
            decode_chunks(limits, &[head, tail]),
            whole,
            "split at byte {split} of {input:?}"
        );
    }
    let bytes: Vec<&[u8]> = input.chunks(1).collect();
    assert_eq!(
        decode_chunks(limits, &bytes),
        whole,
        "one byte at a time: {input:?}"
    );
    whole
}

/// Decodes the stream made of `chunks`, in order.
pub fn decode_chunks(limits: Limits, chunks: &[&[u8]]) -> (Vec<Item>, End) {
    let mut decoder = Decoder::with_limits(limits);
    let mut items = Vec::new();
    for chunk in chunks {
        decoder.feed(chunk, &mut items);
    }
    (items, decoder.finish())
}
