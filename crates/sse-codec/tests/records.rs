//! Line-delimited JSON records (NDJSON, JSON Lines, RFC 7464 sequences): the same records in
//! every chunking, spans that point at their text, limits, bytes that are not UTF-8, and a
//! property test against a reference written from the formats' definitions.

use proptest::prelude::*;
use sse_codec::{End, Framing, Record, RecordDecoder};

fn decode(framing: Framing, max: usize, chunks: &[&[u8]]) -> (Vec<Record>, End) {
    let mut decoder = RecordDecoder::with_limit(framing, max);
    let mut records = Vec::new();
    for chunk in chunks {
        decoder.feed(chunk, &mut records);
    }
    let end = decoder.finish(|record| records.push(record.to_record()));
    (records, end)
}

/// Decodes `input` whole, split at every position, and a byte at a time; all must agree.
fn every_split(framing: Framing, max: usize, input: &[u8]) -> (Vec<Record>, End) {
    let whole = decode(framing, max, &[input]);
    for at in 0..=input.len() {
        let (head, tail) = input.split_at(at);
        assert_eq!(decode(framing, max, &[head, tail]), whole, "split at {at}");
    }
    let bytes: Vec<&[u8]> = input.chunks(1).collect();
    assert_eq!(decode(framing, max, &bytes), whole, "a byte at a time");
    whole
}

fn texts(records: &[Record]) -> Vec<&str> {
    records
        .iter()
        .filter_map(|record| match record {
            Record::Record { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

/// Each record's span holds exactly its text.
fn spans_hold_their_text(input: &[u8], records: &[Record]) {
    for record in records {
        if let Record::Record { text, span } = record {
            let bytes = &input[span.start as usize..span.end as usize];
            assert_eq!(bytes, text.as_bytes());
        }
    }
}

#[test]
fn ndjson_lines_with_crlf_blank_lines_split_characters_and_a_last_line_without_lf() {
    let input =
        "{\"message\":{\"content\":\"caf\u{e9}\"},\"done\":false}\r\n\n  \n{\"done\":true}\n[1,2]"
            .as_bytes();
    let (records, end) = every_split(Framing::Lines, 1 << 20, input);
    assert_eq!(
        texts(&records),
        [
            "{\"message\":{\"content\":\"caf\u{e9}\"},\"done\":false}",
            "{\"done\":true}",
            "[1,2]"
        ]
    );
    spans_hold_their_text(input, &records);
    let last = input.len() as u64 - 5..input.len() as u64;
    assert_eq!(
        end,
        End::Truncated { pending: last },
        "the last line had no LF"
    );
    let (_, clean) = every_split(Framing::Lines, 1 << 20, b"{}\n");
    assert_eq!(clean, End::Clean);
}

#[test]
fn json_text_sequences_end_at_the_lf_that_closes_a_text_or_at_the_next_rs() {
    let input = b"\x1e{\"a\":\n  [1, \"]\\\"}\"]\n}\n\x1e42\n\x1e\"x\"\x1e{\"b\":2}";
    let (records, end) = every_split(Framing::JsonSeq, 1 << 20, input);
    assert_eq!(
        texts(&records),
        ["{\"a\":\n  [1, \"]\\\"}\"]\n}", "42", "\"x\"", "{\"b\":2}"]
    );
    spans_hold_their_text(input, &records);
    assert!(matches!(end, End::Truncated { .. }));
}

#[test]
fn a_record_over_the_limit_is_reported_once_skipped_and_decoding_goes_on() {
    let input = b"{\"ok\":1}\n{\"too\":\"long, long\"}\n{\"ok\":2}\n";
    let (records, end) = every_split(Framing::Lines, 12, input);
    assert_eq!(
        records,
        [
            Record::Record {
                text: "{\"ok\":1}".into(),
                span: 0..8
            },
            Record::TooLong {
                offset: 9,
                max_bytes: 12
            },
            Record::Record {
                text: "{\"ok\":2}".into(),
                span: 30..38
            },
        ]
    );
    assert_eq!(end, End::Clean);
    let (records, _) = every_split(Framing::JsonSeq, 4, b"\x1e[1,2,3,4]\n\x1e[5]\n");
    assert_eq!(records.len(), 2, "{records:?}");
    assert!(matches!(records[0], Record::TooLong { offset: 1, .. }));
}

#[test]
fn a_record_that_is_not_utf8_is_reported_with_its_span() {
    let (records, _) = every_split(Framing::Lines, 1 << 20, b"{\"a\":\"\xff\"}\n{}\n");
    assert_eq!(
        records,
        [
            Record::NotUtf8 { span: 0..9 },
            Record::Record {
                text: "{}".into(),
                span: 10..12
            },
        ]
    );
}

#[test]
fn media_types_name_their_framing() {
    for lines in [
        "application/x-ndjson",
        "Application/JSONL; charset=utf-8",
        "application/jsonlines",
    ] {
        assert_eq!(
            Framing::of_media_type(lines),
            Some(Framing::Lines),
            "{lines}"
        );
    }
    assert_eq!(
        Framing::of_media_type("application/json-seq"),
        Some(Framing::JsonSeq)
    );
    for other in ["application/json", "text/event-stream", ""] {
        assert_eq!(Framing::of_media_type(other), None, "{other}");
    }
}

/// NDJSON as its definition reads: split at LF, trim whitespace, skip blank lines, each line a
/// record (UTF-8 or not).
fn reference_lines(input: &[u8]) -> Vec<Result<String, ()>> {
    input
        .split(|&b| b == b'\n')
        .map(|line| line.trim_ascii())
        .filter(|line| !line.is_empty())
        .map(|line| String::from_utf8(line.to_vec()).map_err(|_| ()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_bytes_in_any_chunking_give_the_records_of_the_whole_and_of_the_reference(
        input in proptest::collection::vec(prop_oneof![
            Just(b'\n'), Just(b'\r'), Just(0x1e), Just(b'"'), Just(b'\\'), Just(b'{'), Just(b'}'),
            Just(b'['), Just(b']'), Just(b' '), Just(0xff), Just(0xc3), Just(0xa9), b'a'..=b'z',
        ], 0..200),
        cuts in proptest::collection::vec(0..200usize, 0..8),
        max in 1..40usize,
    ) {
        let mut cuts: Vec<usize> = cuts.into_iter().map(|cut| cut.min(input.len())).collect();
        cuts.sort_unstable();
        let mut chunks = Vec::new();
        let mut from = 0;
        for cut in cuts.into_iter().chain([input.len()]) {
            chunks.push(&input[from..cut]);
            from = cut;
        }
        for framing in [Framing::Lines, Framing::JsonSeq] {
            let whole = decode(framing, max, &[&input]);
            prop_assert_eq!(&decode(framing, max, &chunks), &whole);
            spans_hold_their_text(&input, &whole.0);
        }
        // Without a limit in reach, lines are exactly the reference's.
        let (records, _) = decode(Framing::Lines, 1 << 20, &chunks);
        let got: Vec<Result<String, ()>> = records
            .into_iter()
            .map(|record| match record {
                Record::Record { text, .. } => Ok(text),
                _ => Err(()),
            })
            .collect();
        prop_assert_eq!(got, reference_lines(&input));
    }
}
