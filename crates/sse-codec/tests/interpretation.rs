//! WHATWG HTML §9.2.6 "Interpreting an event stream" (and the §9.2.5 stream grammar), rule by rule;
//! each test quotes the rule it checks. Every input is decoded whole,
//! split at every byte position, and fed one byte at a time; all must agree before any assertion.

mod support;

use sse_codec::{Decoder, End, Event, Item, Limits, Undispatched};

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

/// The item for a block at `span` with event type buffer `event_type` that dispatched nothing.
fn undispatched(event_type: &str, span: std::ops::Range<u64>) -> Item {
    Item::Undispatched(Undispatched {
        event_type: event_type.into(),
        span,
    })
}

/// §9.2.6: "If the line is empty (a blank line): Dispatch the event" — with type "message" when the event type buffer is empty.
#[test]
fn blank_line_dispatches_a_message_event() {
    assert_eq!(
        triples(b"data: hello\n\n"),
        [triple("message", "hello", "")]
    );
}

/// §9.2.6: "Append the field value to the data buffer, then append a single U+000A LINE FEED (LF) character"; dispatch step 3: "If the data buffer's last character is a U+000A LINE FEED (LF) character, then remove the last character".
#[test]
fn data_lines_are_joined_with_lf_and_the_trailing_lf_removed() {
    assert_eq!(
        triples(b"data: a\ndata: b\ndata:\n\n"),
        [triple("message", "a\nb\n", "")]
    );
}

/// §9.2.6: "Set the event type buffer to field value"; dispatch step 6: "Set the data buffer and the event type buffer to the empty string."
#[test]
fn event_field_sets_the_type_and_it_resets_after_dispatch() {
    assert_eq!(
        triples(b"event: tick\ndata: 1\n\ndata: 2\n\n"),
        [triple("tick", "1", ""), triple("message", "2", "")]
    );
}

/// §9.2.6: Dispatch step 5: "If the event type buffer has a value other than the empty string, change the type of the newly created event to equal the value of the event type buffer."
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

/// §9.2.6: Dispatch step 2: "If the data buffer is an empty string, set the data buffer and the event type buffer to the empty string and return."
#[test]
fn event_type_is_reset_even_when_the_block_had_no_data() {
    assert_eq!(
        triples(b"event: lost\n\ndata: x\n\n"),
        [triple("message", "x", "")]
    );
}

/// §9.2.6: "If value starts with a U+0020 SPACE character, remove it from value."
#[test]
fn only_one_leading_space_is_removed_from_a_value() {
    assert_eq!(triples(b"data:  two\n\n"), [triple("message", " two", "")]);
    assert_eq!(triples(b"data:none\n\n"), [triple("message", "none", "")]);
    assert_eq!(triples(b"data: \n\n"), [triple("message", "", "")]);
}

/// §9.2.6: "If value starts with a U+0020 SPACE character, remove it from value" (one space only).
#[test]
fn a_space_only_value_keeps_all_but_one_space() {
    assert_eq!(triples(b"data:   \n\n"), [triple("message", "  ", "")]);
}

/// §9.2.6: "Collect the characters on the line before the first U+003A COLON character (:), and let field be that string. Collect the characters on the line after the first U+003A COLON character (:), and let value be that string."
#[test]
fn only_the_first_colon_separates_field_and_value() {
    assert_eq!(
        triples(b"data: a: b:c\n\n"),
        [triple("message", "a: b:c", "")]
    );
}

/// §9.2.6: "Otherwise, the string is not empty but does not contain a U+003A COLON character (:): Process the field using the whole line as the field name, and the empty string as the field value."
#[test]
fn a_line_without_colon_is_a_field_with_an_empty_value() {
    // "data" alone appends "" + LF, so the data buffer is not empty and an event with empty data
    // is dispatched.
    assert_eq!(triples(b"data\n\n"), [triple("message", "", "")]);
    assert_eq!(triples(b"data\ndata\n\n"), [triple("message", "\n", "")]);
}

/// §9.2.6: Dispatch step 2: "If the data buffer is an empty string, set the data buffer and the event type buffer to the empty string and return."
#[test]
fn an_empty_data_buffer_dispatches_nothing() {
    // Nothing is dispatched; the decoder reports the block (its `event` field is lost) once, and
    // the blank lines after it are no block at all.
    assert_eq!(
        decode(b"event: x\nid: 1\n\n\n\n").0,
        [undispatched("x", 0..16)]
    );
}

/// §9.2.6: "If the line starts with a U+003A COLON character (:): Ignore the line." (Reported as a comment, dispatching nothing.)
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

/// §9.2.6: "If the line starts with a U+003A COLON character (:): Ignore the line."
#[test]
fn a_comment_inside_a_block_does_not_break_the_event() {
    assert_eq!(
        triples(b"data: a\n: note\ndata: b\n\n"),
        [triple("message", "a\nb", "")]
    );
}

/// §9.2.6: "If the field name is \"data\"" … "Otherwise: The field is ignored." Field names are compared exactly.
#[test]
fn field_names_are_case_sensitive() {
    assert_eq!(
        decode(b"Data: x\nDATA: y\nEvent: e\n\n").0,
        [undispatched("", 0..26)]
    );
    assert_eq!(
        triples(b"Event: e\ndata: x\n\n"),
        [triple("message", "x", "")]
    );
}

/// §9.2.6: "Otherwise: The field is ignored."
#[test]
fn unknown_fields_are_ignored() {
    assert_eq!(
        triples(b"foo: bar\ndata: x\nbaz\n\n"),
        [triple("message", "x", "")]
    );
}

/// §9.2.6: Dispatch step 1: "Set the last event ID string of the event source to the value of the last event ID buffer. The buffer does not get reset, so the last event ID string of the event source remains set to this value until the next time it is set by the server."
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

/// §9.2.6: "If the field name is \"id\": If the field value does not contain U+0000 NULL, then set the last event ID buffer to the field value" — an empty value included.
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

/// §9.2.6: "If the field value does not contain U+0000 NULL, then set the last event ID buffer to the field value. Otherwise, ignore the field."
#[test]
fn id_containing_nul_is_ignored() {
    assert_eq!(
        triples(b"id: 1\ndata: a\n\nid: 2\x003\ndata: b\n\n"),
        [triple("message", "a", "1"), triple("message", "b", "1")]
    );
}

/// §9.2.6: Dispatch step 1 happens before step 2's early return for an empty data buffer.
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
    assert_eq!(items, [undispatched("", 0..8)]);
}

/// §9.2.6: Dispatch step 1 sets the last event ID string from the buffer, wherever in the block the id field was.
#[test]
fn id_applies_to_the_event_of_its_own_block() {
    assert_eq!(
        triples(b"data: a\nid: 3\n\n"),
        [triple("message", "a", "3")]
    );
}

/// §9.2.6: "If the field value consists of only ASCII digits, then interpret the field value as an integer in base ten, and set the event stream's reconnection time to that integer."
#[test]
fn retry_with_ascii_digits_sets_the_reconnection_time() {
    assert_eq!(decode(b"retry: 2500\n").0, [Item::Retry(2500)]);
    assert_eq!(decode(b"retry:0\n").0, [Item::Retry(0)]);
}

/// §9.2.6: "If the field value consists of only ASCII digits, then … Otherwise, ignore the field."
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

/// §9.2.6: "interpret the field value as an integer in base ten": beyond u64::MAX we take u64::MAX (documented on Item::Retry).
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

/// §9.2.6: "set the event stream's reconnection time to that integer" — the latest one wins.
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

/// §9.2.6: Grammar: "end-of-line = ( cr lf / cr / lf )".
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

/// §9.2.6: Grammar: "end-of-line = ( cr lf / cr / lf )" — a CR LF pair is one line ending, wherever the chunks split.
#[test]
fn crlf_split_across_chunks_is_one_line_ending() {
    let chunks: [&[u8]; 3] = [b"data: a\r", b"\ndata: b\r", b"\n\r\n"];
    let (items, end) = decode_chunks(&chunks);
    assert_eq!(items.len(), 1, "{items:?}");
    assert!(matches!(&items[0], Item::Event(e) if e.data == "a\nb"));
    assert_eq!(end, End::Clean);
}

/// §9.2.6: Grammar: "end-of-line = ( cr lf / cr / lf )" — LF then CR is two line endings.
#[test]
fn lf_cr_is_two_line_endings() {
    // LF then CR: the CR ends a second, blank line, which dispatches.
    assert_eq!(triples(b"data: a\n\r"), [triple("message", "a", "")]);
}

/// §9.2.6: Grammar: a lone CR is a line ending, also as the last byte of the stream.
#[test]
fn cr_at_end_of_stream_ends_the_line() {
    let (items, end) = decode(b"data: a\r\r");
    assert_eq!(items.len(), 1);
    assert_eq!(end, End::Clean);
}

/// §9.2.6: "The stream must then be parsed by reading everything line by line" — a CR already ends the line.
#[test]
fn cr_at_end_of_the_first_chunk_dispatches_without_waiting_for_more() {
    let mut decoder = Decoder::new();
    let mut items = Vec::new();
    decoder.feed(b"data: now\r\r", &mut items);
    assert_eq!(items.len(), 1, "the event must not wait for the next chunk");
}

/// §9.2.6: "The UTF-8 decode algorithm strips one leading UTF-8 Byte Order Mark (BOM), if any."
#[test]
fn one_leading_bom_is_stripped() {
    assert_eq!(
        triples(b"\xEF\xBB\xBFdata: x\n\n"),
        [triple("message", "x", "")]
    );
}

/// §9.2.6: Only "one leading" BOM is stripped; a second one is a character of the field name or value.
#[test]
fn a_second_bom_is_data_not_a_bom() {
    // After the first BOM is stripped, the second makes the field name "\u{FEFF}data": unknown.
    assert_eq!(
        decode(b"\xEF\xBB\xBF\xEF\xBB\xBFdata: x\n\n").0,
        [undispatched("", 3..15)]
    );
    assert_eq!(
        triples(b"data: \xEF\xBB\xBFx\n\n"),
        [triple("message", "\u{FEFF}x", "")]
    );
}

/// §9.2.6: The BOM is stripped only at the start of the stream.
#[test]
fn a_bom_after_the_first_line_is_not_stripped() {
    assert_eq!(
        triples(b"data: a\n\n\xEF\xBB\xBFdata: b\n\ndata: c\n\n"),
        [triple("message", "a", ""), triple("message", "c", "")]
    );
}

/// §9.2.6: "Event streams are always decoded as UTF-8" — a sequence split across chunks decodes as if whole.
#[test]
fn multi_byte_characters_survive_every_split() {
    assert_eq!(
        triples("event: ünïcødé\ndata: €𝄞 日本\nid: ☃\n\n".as_bytes()),
        [triple("ünïcødé", "€𝄞 日本", "☃")]
    );
}

/// §9.2.6: UTF-8 decode (WHATWG Encoding): each maximal invalid subpart becomes one U+FFFD REPLACEMENT CHARACTER.
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
    // E0 80 can never start a character (E0 needs A0–BF next): two U+FFFD, however the chunks
    // cut it; a sequence cut short by the line ending is one.
    assert_eq!(
        triples(b"data: \xC3\xA9\xE0\x80x\xF0\x9F\ndata:\xE2\x82\xAC\n\n"),
        [triple(
            "message",
            "\u{e9}\u{FFFD}\u{FFFD}x\u{FFFD}\n\u{20ac}",
            ""
        )]
    );
    assert_eq!(
        triples(b"\xEF\xBB\xBFdata: a\xC3\xA9\r\ndata:b\n\n"),
        [triple("message", "a\u{e9}\nb", "")]
    );
}

/// §9.2.6: A field name with U+FFFD in it matches no known field: "Otherwise: The field is ignored."
#[test]
fn invalid_bytes_in_field_names_make_them_unknown() {
    assert_eq!(decode(b"dat\xE1: x\n\n").0, [undispatched("", 0..9)]);
}

/// §9.2.6: Our byte spans (not in the standard): see `Event::span`.
#[test]
fn event_span_covers_the_block_through_the_dispatching_line_ending() {
    let input = b": c\ndata: a\n\nid: 1\r\ndata: b\r\n\r\n";
    let spans: Vec<_> = events(input).into_iter().map(|e| e.span).collect();
    // First block: ": c\ndata: a\n\n" = 0..13. Second starts at 13; its blank line's CR is byte 29.
    assert_eq!(spans, [0..13, 13..30]);
    assert_eq!(&input[13..30], b"id: 1\r\ndata: b\r\n\r");
}

/// §9.2.6: Our byte spans (not in the standard): see `Event::span`.
#[test]
fn event_span_starts_after_a_bom_and_after_extra_blank_lines() {
    let input = b"\xEF\xBB\xBFdata: a\n\n\n\ndata: b\n\n";
    let spans: Vec<_> = events(input).into_iter().map(|e| e.span).collect();
    assert_eq!(spans, [3..12, 14..23]);
}

/// §9.2.6: "Once the end of the file is reached, any pending data must be discarded" — here there is none.
#[test]
fn end_is_clean_at_an_event_boundary() {
    assert_eq!(decode(b"").1, End::Clean);
    assert_eq!(decode(b"data: a\n\n").1, End::Clean);
    assert_eq!(decode(b"data: a\n\n: trailing comment\n").1, End::Clean);
    assert_eq!(decode(b"\xEF\xBB\xBF").1, End::Clean);
}

/// §9.2.6: "If the file ends in the middle of an event, before the final empty line, the incomplete event is not dispatched."
#[test]
fn a_partial_line_at_the_end_is_truncated_and_not_dispatched() {
    let (items, end) = decode(b"data: a\n\ndata: b");
    assert_eq!(items.len(), 1);
    assert_eq!(end, End::Truncated { pending: 9..16 });
}

/// §9.2.6: "If the file ends in the middle of an event, before the final empty line, the incomplete event is not dispatched."
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

/// §9.2.6: Grammar: a line needs its end-of-line; a partial line at the end is pending data, discarded.
#[test]
fn a_partial_comment_line_is_truncated() {
    assert_eq!(
        decode(b": no line end").1,
        End::Truncated { pending: 0..13 }
    );
}

/// Ours (browsers' behaviour, see `Decoder::resuming`): a stream that resumes an earlier one
/// starts from its last event ID string, until an `id` field changes it.
#[test]
fn a_resumed_stream_keeps_the_last_event_id_until_an_id_field() {
    let mut decoder = Decoder::new().resuming("41");
    let mut items = Vec::new();
    decoder.feed(b"data: a\n\nid: 42\ndata: b\n\nid\ndata: c\n\n", &mut items);
    let ids: Vec<_> = items
        .iter()
        .filter_map(|item| match item {
            Item::Event(event) => Some(event.last_event_id.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(ids, ["41", "42", ""]);
    assert_eq!(Decoder::new().resuming("a\0b").last_event_id(), "");
}
