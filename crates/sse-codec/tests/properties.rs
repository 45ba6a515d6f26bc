//! Property tests: for arbitrary bytes and arbitrary chunkings, the decoder agrees with itself
//! fed in one piece, and with a deliberately simple reference decoder written from the standard.

mod support;

use proptest::prelude::*;
use sse_codec::{End, Item, Limits};

/// A reference decoder, written straight from WHATWG HTML §9.2.6 and nothing else: decode the
/// whole stream as UTF-8 (BOM stripped once, U+FFFD for errors), split it into lines at CR LF, LF
/// or CR, drop the unterminated tail, and process each line. No incremental state, no spans.
/// What the reference decoder reports: (event type, data, last event ID) per event, retries in
/// ms, comments, the event type buffer of each block of fields that dispatched nothing, and
/// whether the stream ended mid-event.
type Decoded = (
    Vec<(String, String, String)>,
    Vec<u64>,
    Vec<String>,
    Vec<String>,
    bool,
);

fn reference(input: &[u8]) -> Decoded {
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    let text = String::from_utf8_lossy(input);
    let mut lines = Vec::new();
    let mut rest: &str = &text;
    while let Some(end) = rest.find(['\r', '\n']) {
        lines.push(&rest[..end]);
        let skip = if rest[end..].starts_with("\r\n") {
            2
        } else {
            1
        };
        rest = &rest[end + skip..];
    }
    let (mut events, mut retries, mut comments) = (Vec::new(), Vec::new(), Vec::new());
    let mut undispatched = Vec::new();
    let (mut event_type, mut data, mut id_buffer) = (String::new(), String::new(), String::new());
    let mut has_fields = false;
    for line in lines {
        if line.is_empty() {
            if data.is_empty() && std::mem::take(&mut has_fields) {
                undispatched.push(event_type.clone());
            }
            has_fields = false;
            if !data.is_empty() {
                if data.ends_with('\n') {
                    data.pop();
                }
                let name = if event_type.is_empty() {
                    "message".to_owned()
                } else {
                    event_type.clone()
                };
                events.push((name, std::mem::take(&mut data), id_buffer.clone()));
            }
            data.clear();
            event_type.clear();
            continue;
        }
        if let Some(comment) = line.strip_prefix(':') {
            comments.push(comment.strip_prefix(' ').unwrap_or(comment).to_owned());
            continue;
        }
        has_fields = true;
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line, ""),
        };
        match field {
            "event" => event_type = value.to_owned(),
            "data" => {
                data.push_str(value);
                data.push('\n');
            }
            "id" if !value.contains('\0') => id_buffer = value.to_owned(),
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                retries.push(value.bytes().fold(0u64, |n, d| {
                    n.saturating_mul(10).saturating_add(u64::from(d - b'0'))
                }));
            }
            _ => {}
        }
    }
    let truncated = has_fields || !rest.is_empty();
    (events, retries, comments, undispatched, truncated)
}

/// Streams made mostly of the pieces that matter to the grammar, with arbitrary bytes mixed in.
fn stream() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"data".to_vec()),
        Just(b"event".to_vec()),
        Just(b"id".to_vec()),
        Just(b"retry".to_vec()),
        Just(b":".to_vec()),
        Just(b" ".to_vec()),
        Just(b"\r".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\n\n".to_vec()),
        Just(b"42".to_vec()),
        Just(b"x".to_vec()),
        Just("é€𝄞".as_bytes().to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(b"\0".to_vec()),
        Just(b"\xE2\x82".to_vec()),
        Just(b"\xFF".to_vec()),
        any::<u8>().prop_map(|byte| vec![byte]),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|pieces| pieces.concat())
}

/// Decodes `input` cut at the given points (taken modulo its length, in order).
fn decode_cut(limits: Limits, input: &[u8], cuts: &[usize]) -> (Vec<Item>, End) {
    let mut points: Vec<usize> = cuts.iter().map(|cut| cut % (input.len() + 1)).collect();
    points.sort_unstable();
    let mut pieces = Vec::new();
    let mut start = 0;
    for point in points.into_iter().chain([input.len()]) {
        pieces.push(&input[start..point]);
        start = point;
    }
    support::decode_chunks(limits, &pieces)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn any_chunking_gives_the_same_items_spans_and_end(input in stream(), cuts in prop::collection::vec(any::<usize>(), 0..12)) {
        prop_assert_eq!(decode_cut(Limits::default(), &input, &cuts), support::decode_chunks(Limits::default(), &[&input]));
    }

    #[test]
    fn any_chunking_with_small_limits_gives_the_same_result(input in stream(), cuts in prop::collection::vec(any::<usize>(), 0..12), line in 1usize..24, event in 1usize..24) {
        let limits = Limits { max_line_bytes: line, max_event_bytes: event };
        prop_assert_eq!(decode_cut(limits, &input, &cuts), support::decode_chunks(limits, &[&input]));
    }

    #[test]
    fn a_chunk_of_many_kibibytes_gives_what_small_chunks_give(input in stream(), shift in any::<usize>()) {
        // The decoder works through a large chunk in pieces of 16 KiB: a comment line fills the
        // stream up to a point `shift` bytes before the piece boundary, so the boundary falls
        // anywhere inside the stream that follows.
        const PIECE_BYTES: usize = 16 * 1024;
        let shift = shift % (input.len() + 1);
        let mut whole = b":".to_vec();
        whole.resize(PIECE_BYTES - shift - 1, b'x');
        whole.push(b'\n');
        let filler_end = whole.len();
        whole.extend_from_slice(&input);
        let (head, tail) = whole.split_at(filler_end);
        prop_assert_eq!(support::decode_chunks(Limits::default(), &[&whole]), support::decode_chunks(Limits::default(), &[head, tail]));
    }

    #[test]
    fn the_decoder_agrees_with_the_reference_decoder(input in stream()) {
        let (items, end) = support::decode_chunks(Limits::default(), &[&input]);
        let mut events = Vec::new();
        let mut retries = Vec::new();
        let mut comments = Vec::new();
        let mut undispatched = Vec::new();
        for item in items {
            match item {
                Item::Event(e) => events.push((e.event_type, e.data, e.last_event_id)),
                Item::Retry(ms) => retries.push(ms),
                Item::Comment(text) => comments.push(text),
                Item::Undispatched(block) => undispatched.push(block.event_type),
                Item::LimitExceeded(exceeded) => prop_assert!(false, "no limit at 16 MiB: {:?}", exceeded),
            }
        }
        prop_assert_eq!((events, retries, comments, undispatched, matches!(end, End::Truncated { .. })), reference(&input));
    }

    #[test]
    fn spans_hold_their_events_and_pending_reaches_the_end(input in stream()) {
        let (items, end) = support::decode_chunks(Limits::default(), &[&input]);
        let mut previous_end = 0;
        for item in &items {
            if let Item::Event(event) = item {
                prop_assert!(previous_end <= event.span.start && event.span.start < event.span.end);
                prop_assert!(event.span.end <= input.len() as u64);
                // The block ends with its dispatching line ending.
                let last = input[event.span.end as usize - 1];
                prop_assert!(last == b'\n' || last == b'\r');
                previous_end = event.span.end;
            }
        }
        if let End::Truncated { pending } = end {
            prop_assert!(previous_end <= pending.start && pending.end == input.len() as u64);
        }
    }
}
