//! WHATWG HTML §9.2.6 "Interpreting an event stream", rule by rule. Every input is decoded whole,
//! split at every byte position, and fed one byte at a time; all must agree before any assertion.

mod support;

use sse_codec::{Decoder, End, Event, Item, Limits};

/// Decodes `input` in every chunking (see `support`) with the default limits.
fn decode(input: &[u8]) -> (Vec<Item>, End) {
    support::decode_all_splits(Limits::default(), input)
}

fn decode_chunks(chunks: &[&[u8]]) -> (Vec<Item>, End) {
    support::decode_chunks(Limits::default(), chunks)
}

fn events(input: &[u8]) -> Vec<Event> {
    decode(input)
        .0
        .into_iter()
        .filter_map(|item| match item {
            Item::Event(event) => Some(event),
            _ => None,
        })
        .collect()
}

/// (event type, data, last event ID) of each event.
fn triples(input: &[u8]) -> Vec<(String, String, String)> {
    events(input)
        .into_iter()
        .map(|e| (e.event_type, e.data, e.last_event_id))
        .collect()
}

fn triple(event_type: &str, data: &str, id: &str) -> (String, String, String) {
    (event_type.into(), data.into(), id.into())
}

#[test]
fn blank_line_dispatches_a_message_event() {
    assert_eq!(
        triples(b"data: hello\n\n"),
        [triple("message", "hello", "")]
    );
}

#[test]
fn data_lines_are_joined_with_lf_and_the_trailing_lf_removed() {
    assert_eq!(
        triples(b"data: a\ndata: b\ndata:\n\n"),
        [triple("message", "a\nb\n", "")]
    );
}

#[test]
fn event_field_sets_the_type_and_it_resets_after_dispatch() {
    assert_eq!(
        triples(b"event: tick\ndata: 1\n\ndata: 2\n\n"),
        [triple("tick", "1", ""), triple("message", "2", "")]
    );
}

#[test]
fn last_event_field_wins_and_empty_event_type_means_message() {
    assert_eq!(
        triples(b"event: a\nevent: b\ndata: x\n\n"),
        [triple("b", "x", "")]
    );
    assert_eq!(
        triples(b"event:\ndata: x\n\n"),
        [triple("message", "x", "")]
    );
}

#[test]
fn event_type_is_reset_even_when_the_block_had_no_data() {
    assert_eq!(
        triples(b"event: lost\n\ndata: x\n\n"),
        [triple("message", "x", "")]
    );
}

#[test]
fn only_one_leading_space_is_removed_from_a_value() {
    assert_eq!(triples(b"data:  two\n\n"), [triple("message", " two", "")]);
    assert_eq!(triples(b"data:none\n\n"), [triple("message", "none", "")]);
    assert_eq!(triples(b"data: \n\n"), [triple("message", "", "")]);
}

#[test]
fn a_space_only_value_keeps_all_but_one_space() {
    assert_eq!(triples(b"data:   \n\n"), [triple("message", "  ", "")]);
}

#[test]
fn only_the_first_colon_separates_field_and_value() {
    assert_eq!(
        triples(b"data: a: b:c\n\n"),
        [triple("message", "a: b:c", "")]
    );
}

#[test]
fn a_line_without_colon_is_a_field_with_an_empty_value() {
    // "data" alone appends "" + LF, so the data buffer is not empty and an event with empty data
    // is dispatched.
    assert_eq!(triples(b"data\n\n"), [triple("message", "", "")]);
    assert_eq!(triples(b"data\ndata\n\n"), [triple("message", "\n", "")]);
}

#[test]
fn an_empty_data_buffer_dispatches_nothing() {
    assert_eq!(decode(b"event: x\nid: 1\n\n\n\n").0, []);
}

#[test]
fn comment_lines_are_reported_and_dispatch_nothing() {
    assert_eq!(
        decode(b": keep-alive\n:no-space\n:\n\n").0,
        [
            Item::Comment("keep-alive".into()),
            Item::Comment("no-space".into()),
            Item::Comment(String::new()),
        ]
    );
}

#[test]
fn a_comment_inside_a_block_does_not_break_the_event() {
    assert_eq!(
        triples(b"data: a\n: note\ndata: b\n\n"),
        [triple("message", "a\nb", "")]
    );
}

#[test]
fn field_names_are_case_sensitive() {
    assert_eq!(decode(b"Data: x\nDATA: y\nEvent: e\n\n").0, []);
    assert_eq!(
        triples(b"Event: e\ndata: x\n\n"),
        [triple("message", "x", "")]
    );
}

#[test]
fn unknown_fields_are_ignored() {
    assert_eq!(
        triples(b"foo: bar\ndata: x\nbaz\n\n"),
        [triple("message", "x", "")]
    );
}

#[test]
fn id_persists_across_events_until_changed() {
    assert_eq!(
        triples(b"id: 7\ndata: a\n\ndata: b\n\nid: 8\ndata: c\n\n"),
        [
            triple("message", "a", "7"),
            triple("message", "b", "7"),
            triple("message", "c", "8")
        ]
    );
}

#[test]
fn id_with_no_value_resets_the_last_event_id_to_empty() {
    assert_eq!(
        triples(b"id: 1\ndata: a\n\nid\ndata: b\n\nid: 2\ndata: c\n\nid:\ndata: d\n\n"),
        [
            triple("message", "a", "1"),
            triple("message", "b", ""),
            triple("message", "c", "2"),
            triple("message", "d", ""),
        ]
    );
}

#[test]
fn id_containing_nul_is_ignored() {
    assert_eq!(
        triples(b"id: 1\ndata: a\n\nid: 2\x003\ndata: b\n\n"),
        [triple("message", "a", "1"), triple("message", "b", "1")]
    );
}

#[test]
fn last_event_id_is_set_at_dispatch_even_without_data() {
    let mut decoder = Decoder::new();
    let mut items = Vec::new();
    decoder.feed(b"id: 42\n", &mut items);
    assert_eq!(
        decoder.last_event_id(),
        "",
        "the buffer is not the string until dispatch"
    );
    decoder.feed(b"\n", &mut items);
    assert_eq!(decoder.last_event_id(), "42");
    assert!(items.is_empty());
}

#[test]
fn id_applies_to_the_event_of_its_own_block() {
    assert_eq!(
        triples(b"data: a\nid: 3\n\n"),
        [triple("message", "a", "3")]
    );
}

#[test]
fn retry_with_ascii_digits_sets_the_reconnection_time() {
    assert_eq!(decode(b"retry: 2500\n").0, [Item::Retry(2500)]);
    assert_eq!(decode(b"retry:0\n").0, [Item::Retry(0)]);
}

#[test]
fn retry_with_anything_but_digits_is_ignored() {
    for input in [
        &b"retry: 1.5\n"[..],
        b"retry: -1\n",
        b"retry: 10ms\n",
        b"retry:  100\n",
        b"retry: \n",
        b"retry\n",
        b"retry: \xd9\xa1\n", // ARABIC-INDIC DIGIT ONE is a digit, but not an ASCII digit
    ] {
        assert_eq!(decode(input).0, [], "{input:?}");
    }
}

#[test]
fn retry_beyond_u64_saturates_instead_of_overflowing() {
    assert_eq!(
        decode(b"retry: 99999999999999999999999999\n").0,
        [Item::Retry(u64::MAX)]
    );
    assert_eq!(
        decode(b"retry: 18446744073709551615\n").0,
        [Item::Retry(u64::MAX)]
    );
    assert_eq!(
        decode(b"retry: 018446744073709551614\n").0,
        [Item::Retry(u64::MAX - 1)]
    );
}

#[test]
fn retry_is_reported_in_stream_order_and_remembered() {
    let mut decoder = Decoder::new();
    let mut items = Vec::new();
    decoder.feed(b"data: a\nretry: 10\n\nretry: 20\n", &mut items);
    assert!(matches!(
        &items[..],
        [Item::Retry(10), Item::Event(_), Item::Retry(20)]
    ));
    assert_eq!(decoder.reconnection_time(), Some(20));
}

#[test]
fn lf_cr_and_crlf_all_end_lines() {
    let expected = [triple("message", "a\nb", ""), triple("e", "c", "")];
    assert_eq!(
        triples(b"data: a\ndata: b\n\nevent: e\ndata: c\n\n"),
        expected
    );
    assert_eq!(
        triples(b"data: a\rdata: b\r\revent: e\rdata: c\r\r"),
        expected
    );
    assert_eq!(
        triples(b"data: a\r\ndata: b\r\n\r\nevent: e\r\ndata: c\r\n\r\n"),
        expected
    );
    assert_eq!(
        triples(b"data: a\rdata: b\r\n\nevent: e\r\ndata: c\n\r"),
        expected
    );
}

#[test]
fn crlf_split_across_chunks_is_one_line_ending() {
    let chunks: [&[u8]; 3] = [b"data: a\r", b"\ndata: b\r", b"\n\r\n"];
    let (items, end) = decode_chunks(&chunks);
    assert_eq!(items.len(), 1, "{items:?}");
    assert!(matches!(&items[0], Item::Event(e) if e.data == "a\nb"));
    assert_eq!(end, End::Clean);
}

#[test]
fn lf_cr_is_two_line_endings() {
    // LF then CR: the CR ends a second, blank line, which dispatches.
    assert_eq!(triples(b"data: a\n\r"), [triple("message", "a", "")]);
}

#[test]
fn cr_at_end_of_stream_ends_the_line() {
    let (items, end) = decode(b"data: a\r\r");
    assert_eq!(items.len(), 1);
    assert_eq!(end, End::Clean);
}

#[test]
fn cr_at_end_of_the_first_chunk_dispatches_without_waiting_for_more() {
    let mut decoder = Decoder::new();
    let mut items = Vec::new();
    decoder.feed(b"data: now\r\r", &mut items);
    assert_eq!(items.len(), 1, "the event must not wait for the next chunk");
}

#[test]
fn one_leading_bom_is_stripped() {
    assert_eq!(
        triples(b"\xEF\xBB\xBFdata: x\n\n"),
        [triple("message", "x", "")]
    );
}

#[test]
fn a_second_bom_is_data_not_a_bom() {
    // After the first BOM is stripped, the second makes the field name "\u{FEFF}data": unknown.
    assert_eq!(decode(b"\xEF\xBB\xBF\xEF\xBB\xBFdata: x\n\n").0, []);
    assert_eq!(
        triples(b"data: \xEF\xBB\xBFx\n\n"),
        [triple("message", "\u{FEFF}x", "")]
    );
}

#[test]
fn a_bom_after_the_first_line_is_not_stripped() {
    assert_eq!(
        triples(b"data: a\n\n\xEF\xBB\xBFdata: b\n\ndata: c\n\n"),
        [triple("message", "a", ""), triple("message", "c", "")]
    );
}

#[test]
fn multi_byte_characters_survive_every_split() {
    assert_eq!(
        triples("event: ünïcødé\ndata: €𝄞 日本\nid: ☃\n\n".as_bytes()),
        [triple("ünïcødé", "€𝄞 日本", "☃")]
    );
}

#[test]
fn invalid_utf8_becomes_one_replacement_character_per_maximal_subpart() {
    // WHATWG Encoding, UTF-8 decoder: E2 82 then a non-continuation byte is one U+FFFD; a lone
    // continuation byte or FF is one U+FFFD each; a truncated 4-byte sequence is one U+FFFD.
    assert_eq!(
        triples(b"data: a\xE2\x82b\n\n"),
        [triple("message", "a\u{FFFD}b", "")]
    );
    assert_eq!(
        triples(b"data: \x80\xFF\n\n"),
        [triple("message", "\u{FFFD}\u{FFFD}", "")]
    );
    assert_eq!(
        triples(b"data: \xF0\x9F\x98\n\n"),
        [triple("message", "\u{FFFD}", "")]
    );
    assert_eq!(
        triples(b"data: \xED\xA0\x80\n\n"),
        [triple("message", "\u{FFFD}\u{FFFD}\u{FFFD}", "")]
    );
}

#[test]
fn invalid_bytes_in_field_names_make_them_unknown() {
    assert_eq!(decode(b"dat\xE1: x\n\n").0, []);
}

#[test]
fn event_span_covers_the_block_through_the_dispatching_line_ending() {
    let input = b": c\ndata: a\n\nid: 1\r\ndata: b\r\n\r\n";
    let spans: Vec<_> = events(input).into_iter().map(|e| e.span).collect();
    // First block: ": c\ndata: a\n\n" = 0..13. Second starts at 13; its blank line's CR is byte 29.
    assert_eq!(spans, [0..13, 13..30]);
    assert_eq!(&input[13..30], b"id: 1\r\ndata: b\r\n\r");
}

#[test]
fn event_span_starts_after_a_bom_and_after_extra_blank_lines() {
    let input = b"\xEF\xBB\xBFdata: a\n\n\n\ndata: b\n\n";
    let spans: Vec<_> = events(input).into_iter().map(|e| e.span).collect();
    assert_eq!(spans, [3..12, 14..23]);
}

#[test]
fn end_is_clean_at_an_event_boundary() {
    assert_eq!(decode(b"").1, End::Clean);
    assert_eq!(decode(b"data: a\n\n").1, End::Clean);
    assert_eq!(decode(b"data: a\n\n: trailing comment\n").1, End::Clean);
    assert_eq!(decode(b"\xEF\xBB\xBF").1, End::Clean);
}

#[test]
fn a_partial_line_at_the_end_is_truncated_and_not_dispatched() {
    let (items, end) = decode(b"data: a\n\ndata: b");
    assert_eq!(items.len(), 1);
    assert_eq!(end, End::Truncated { pending: 9..16 });
}

#[test]
fn fields_without_a_closing_blank_line_are_truncated_and_not_dispatched() {
    let (items, end) = decode(b"data: a\n\n: c\nevent: x\ndata: b\n");
    assert_eq!(
        items,
        [
            Item::Event(events(b"data: a\n\n")[0].clone()),
            Item::Comment("c".into())
        ]
    );
    assert_eq!(end, End::Truncated { pending: 9..30 });
}

#[test]
fn a_partial_comment_line_is_truncated() {
    assert_eq!(
        decode(b": no line end").1,
        End::Truncated { pending: 0..13 }
    );
}
