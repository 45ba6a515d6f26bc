//! Our limits (the standard sets none): what exceeds them is reported, discarded, and decoding
//! goes on, identically in every chunking.

mod support;

use sse_codec::{End, Item, Limit, LimitExceeded, Limits};

fn limits(max_line_bytes: usize, max_event_bytes: usize) -> Limits {
    Limits {
        max_line_bytes,
        max_event_bytes,
    }
}

fn exceeded(limit: Limit, offset: u64, max_bytes: usize) -> Item {
    Item::LimitExceeded(LimitExceeded {
        limit,
        offset,
        max_bytes,
    })
}

fn data_of(items: &[Item]) -> Vec<&str> {
    items
        .iter()
        .filter_map(|item| match item {
            Item::Event(event) => Some(event.data.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_default_limits_are_16_mib() {
    assert_eq!(Limits::default(), limits(16 << 20, 16 << 20));
}

#[test]
fn a_line_over_the_limit_is_reported_once_discarded_and_decoding_goes_on() {
    let input = b"data: 0123456789\n\ndata: ok\n\n";
    let (items, end) = support::decode_all_splits(limits(10, 100), input);
    assert_eq!(items[0], exceeded(Limit::Line, 0, 10));
    assert_eq!(
        data_of(&items),
        ["ok"],
        "the discarded line's event is not dispatched"
    );
    assert_eq!(items.len(), 2);
    assert_eq!(end, End::Clean);
}

/// A `data` line cut by a chunk streams into the data buffer (see `Decoder`); over the limit,
/// it ends as a line decoded whole would, a leading BOM included in its offset and the stream's
/// pending data alike.
#[test]
fn a_data_line_over_the_limit_after_a_bom_ends_alike_in_every_chunking() {
    let input = b"\xEF\xBB\xBFdata:4242data42data";
    let (items, end) = support::decode_all_splits(limits(9, 100), input);
    assert_eq!(items, [exceeded(Limit::Line, 0, 9)]);
    assert_eq!(end, End::Truncated { pending: 0..22 });
}

#[test]
fn a_line_exactly_at_the_limit_is_kept() {
    let (items, _) = support::decode_all_splits(limits(10, 100), b"data: 1234\r\n\r\n");
    assert_eq!(data_of(&items), ["1234"]);
}

#[test]
fn a_discarded_line_does_not_lose_the_rest_of_its_block() {
    let input = b"id: 7\ndata: a\nevent: 0123456789abcdef\ndata: b\n\n";
    let (items, _) = support::decode_all_splits(limits(12, 100), input);
    assert_eq!(items[0], exceeded(Limit::Line, 14, 12));
    let Item::Event(event) = &items[1] else {
        panic!("expected an event, got {items:?}")
    };
    assert_eq!(
        (
            event.event_type.as_str(),
            event.data.as_str(),
            event.last_event_id.as_str()
        ),
        ("message", "a\nb", "7")
    );
}

#[test]
fn an_event_over_the_limit_is_reported_and_not_dispatched() {
    let input = b": c\ndata: 12345\ndata: 678\ndata: 9\nevent: big\n\ndata: x\n\n";
    let (items, end) = support::decode_all_splits(limits(100, 8), input);
    assert_eq!(items[0], Item::Comment("c".into()));
    assert_eq!(items[1], exceeded(Limit::Event, 0, 8));
    assert_eq!(data_of(&items), ["x"]);
    let Some(Item::Event(event)) = items.last() else {
        panic!("expected an event last")
    };
    assert_eq!(
        event.event_type, "message",
        "the discarded event's type does not leak into the next"
    );
    assert_eq!(end, End::Clean);
}

#[test]
fn an_event_exactly_at_the_limit_is_dispatched() {
    // Data buffer "12345\n67\n" is 9 bytes, including the joining LFs.
    let (items, _) = support::decode_all_splits(limits(100, 9), b"data: 12345\ndata: 67\n\n");
    assert_eq!(data_of(&items), ["12345\n67"]);
}

#[test]
fn a_stream_ending_inside_an_overlong_line_is_truncated() {
    let input = b"data: ok\n\ndata: 0123456789abc";
    let (items, end) = support::decode_all_splits(limits(10, 100), input);
    assert_eq!(data_of(&items), ["ok"]);
    assert_eq!(items.last(), Some(&exceeded(Limit::Line, 10, 10)));
    assert_eq!(end, End::Truncated { pending: 10..29 });
}

#[test]
fn an_endless_line_fed_in_large_chunks_is_reported_once() {
    let mut decoder = sse_codec::Decoder::with_limits(limits(1 << 20, 1 << 20));
    let mut items = Vec::new();
    let chunk = vec![b'x'; 1 << 16];
    for _ in 0..64 {
        decoder.feed(&chunk, &mut items);
    }
    decoder.feed(b"\ndata: after\n\n", &mut items);
    assert_eq!(items.len(), 2, "{:?}", items.first());
    assert_eq!(items[0], exceeded(Limit::Line, 0, 1 << 20));
    assert_eq!(data_of(&items), ["after"]);
}
