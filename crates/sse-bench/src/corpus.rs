//! The corpus family, generated deterministically (a fixed-seed SplitMix64 per corpus), so every
//! run and every platform times the same bytes. Each is [`CORPUS_BYTES`] long, cut at an event
//! boundary just past it; each stresses one shape of stream that users' servers send:
//!
//! - `tokens`: tiny events, one 20–60 B data line each (a token per event, as most LLM APIs).
//! - `llm`: OpenAI-style `chat.completion.chunk` objects of 300–400 B, with `event:` and `id:`.
//! - `ndjson`: the same objects as NDJSON records, a line each (for the records decoder; the
//!   SSE decoders are not timed on it).
//! - `multiline`: events of 1,000–4,000 data lines of 20–40 B (pretty-printed JSON, log tails).
//! - `long-lines`: single data lines of 16 KiB–1 MiB (base64 images, embedded files).
//! - `crlf`, `cr`: `llm` with CR LF, and with CR-only line endings.
//! - `comments`: `tokens` with a `: keep-alive` comment block between events.
//! - `utf8`: data lines of dense multi-byte UTF-8 (CJK, accented Latin, emoji).

/// Size of each corpus: 64 MiB.
pub const CORPUS_BYTES: usize = 64 << 20;

/// The corpus names, in report order.
pub const NAMES: [&str; 9] = [
    "tokens",
    "llm",
    "ndjson",
    "multiline",
    "long-lines",
    "crlf",
    "cr",
    "comments",
    "utf8",
];

/// The corpus called `name` (one of [`NAMES`]), [`CORPUS_BYTES`] long; `None` for any other name.
pub fn generate(name: &str) -> Option<Vec<u8>> {
    generate_bytes(name, CORPUS_BYTES)
}

/// The corpus called `name`, `target` bytes long (cut at an event boundary just past it).
pub fn generate_bytes(name: &str, target: usize) -> Option<Vec<u8>> {
    Some(match name {
        "tokens" => events(target, 1, token_event),
        "llm" => events(target, 2, llm_event),
        "ndjson" => events(target, 2, llm_record),
        "multiline" => events(target, 3, multiline_event),
        "long-lines" => events(target, 4, long_line_event),
        "crlf" => with_line_ends(&events(target, 2, llm_event), b"\r\n"),
        "cr" => with_line_ends(&events(target, 2, llm_event), b"\r"),
        "comments" => events(target, 5, |random, out| {
            out.extend_from_slice(b": keep-alive\n\n");
            token_event(random, out);
        }),
        "utf8" => events(target, 6, utf8_event),
        _ => return None,
    })
}

/// How a corpus is cut into the chunks a decoder is fed, as network reads would cut it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chunking {
    /// Every chunk this many bytes (the last one shorter).
    Fixed(usize),
    /// Sizes from 1 B to 64 KiB, log-uniform (as many small reads as large), from a fixed seed.
    Mixed,
}

/// The chunkings of the benchmark, in report order: 1 KiB, 16 KiB, 64 KiB and the mix.
pub const CHUNKINGS: [Chunking; 4] = [
    Chunking::Fixed(1 << 10),
    Chunking::Fixed(16 << 10),
    Chunking::Fixed(64 << 10),
    Chunking::Mixed,
];

impl Chunking {
    /// Its size in bytes, as `parser.json`'s `chunk_bytes` (`None` for the mix).
    pub fn bytes(self) -> Option<usize> {
        match self {
            Self::Fixed(bytes) => Some(bytes),
            Self::Mixed => None,
        }
    }

    /// Its name in tables: "1 KiB", "16 KiB", "64 KiB", "mixed".
    pub fn label(self) -> String {
        match self {
            Self::Fixed(bytes) => format!("{} KiB", bytes >> 10),
            Self::Mixed => "mixed".into(),
        }
    }

    /// The chunks of `corpus`, in order.
    pub fn split(self, corpus: &[u8]) -> Vec<&[u8]> {
        match self {
            Self::Fixed(bytes) => corpus.chunks(bytes).collect(),
            Self::Mixed => {
                let mut random = Random(0x5EED_C4A7);
                let mut chunks = Vec::new();
                let mut rest = corpus;
                while !rest.is_empty() {
                    // Log-uniform: a power of two from 1 to 32 Ki, then up to twice that.
                    let low = 1usize << random.below(16);
                    let size = random.between(low, (2 * low - 1).min(1 << 16));
                    let (chunk, after) = rest.split_at(size.min(rest.len()));
                    chunks.push(chunk);
                    rest = after;
                }
                chunks
            }
        }
    }
}

/// SplitMix64: tiny, fast, and the same on every platform.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below((high - low + 1) as u64) as usize
    }
}

const WORDS: [&str; 24] = [
    "the",
    "stream",
    "event",
    "token",
    "model",
    "server",
    "sent",
    "data",
    "chunk",
    "reply",
    "über",
    "naïve",
    "résumé",
    "答案",
    "流",
    "😀",
    "line",
    "buffer",
    "parse",
    "fast",
    "quote\\\"d",
    "tab\\t",
    "and",
    "of",
];

/// Multi-byte words only: 2-, 3- and 4-byte UTF-8 sequences.
const WIDE_WORDS: [&str; 12] = [
    "答案",
    "服务器",
    "事件流",
    "データ",
    "ストリーム",
    "응답",
    "토큰",
    "😀",
    "🚀",
    "✨",
    "façade",
    "Ωμέγα",
];

/// Events from `event` until the corpus reaches `target` bytes, from the seed `seed`.
fn events(target: usize, seed: u64, mut event: impl FnMut(&mut Random, &mut Vec<u8>)) -> Vec<u8> {
    let mut random = Random(0x5EED_0000 + seed);
    let mut out = Vec::with_capacity(target + (1 << 20) + 1024);
    while out.len() < target {
        event(&mut random, &mut out);
    }
    out
}

/// Words from `words`, separated by spaces, exactly `length` bytes (the last word cut at a
/// character boundary and not inside an escape, then padded with spaces).
fn words_of(random: &mut Random, words: &[&str], length: usize) -> String {
    let mut text = String::new();
    while text.len() < length {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(words[random.below(words.len() as u64) as usize]);
    }
    text.truncate(text.floor_char_boundary(length));
    while text.ends_with('\\') {
        text.pop();
    }
    while text.len() < length {
        text.push(' ');
    }
    text
}

/// `data: {"t":"…"}`, 20–60 B with the line ending.
fn token_event(random: &mut Random, out: &mut Vec<u8>) {
    let length = random.between(20, 60) - "data: {\"t\":\"\"}\n".len();
    let text = words_of(random, &WORDS, length);
    out.extend_from_slice(format!("data: {{\"t\":\"{text}\"}}\n\n").as_bytes());
}

fn llm_event(random: &mut Random, out: &mut Vec<u8>) {
    let (id, json) = llm_chunk(random);
    out.extend_from_slice(
        format!("event: completion.chunk\nid: {id}\ndata: {json}\n\n").as_bytes(),
    );
}

/// The `llm` corpus's chunk objects as NDJSON records, a line each (the same sequence: the same
/// seed gives the same objects).
fn llm_record(random: &mut Random, out: &mut Vec<u8>) {
    let (_, json) = llm_chunk(random);
    out.extend_from_slice(json.as_bytes());
    out.push(b'\n');
}

/// An OpenAI-style `chat.completion.chunk` object of 300–400 B, and its id.
fn llm_chunk(random: &mut Random) -> (u64, String) {
    let id = random.next();
    let head = format!(
        "{{\"id\":\"chatcmpl-{id:016x}\",\"object\":\"chat.completion.chunk\",\"created\":1795306002,\
         \"model\":\"gpt-4o-mini\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\""
    );
    let tail = "\"},\"logprobs\":null,\"finish_reason\":null}]}";
    let length = random.between(300, 400) - head.len() - tail.len();
    let content = words_of(random, &WORDS, length);
    (id, format!("{head}{content}{tail}"))
}

fn multiline_event(random: &mut Random, out: &mut Vec<u8>) {
    out.extend_from_slice(b"event: snapshot\ndata: {\n");
    for field in 0..random.between(1000, 4000) {
        // `data:   "fNNN": "…",` is 20–40 B with its line ending.
        let length = random.between(20, 40).saturating_sub(20);
        let value = words_of(random, &WORDS[..10], length);
        out.extend_from_slice(
            format!("data:   \"f{:03}\": \"{value}\",\n", field % 1000).as_bytes(),
        );
    }
    out.extend_from_slice(b"data:   \"end\": true\ndata: }\n\n");
}

fn long_line_event(random: &mut Random, out: &mut Vec<u8>) {
    const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    // Log-uniform from 16 KiB to 1 MiB.
    let length = (16usize << 10) << random.below(7);
    let length = random.between(length, (length * 2).min(1 << 20));
    out.extend_from_slice(b"event: image\ndata: data:image/png;base64,");
    out.extend((0..length).map(|_| BASE64[random.below(64) as usize]));
    out.extend_from_slice(b"\n\n");
}

fn utf8_event(random: &mut Random, out: &mut Vec<u8>) {
    let length = random.between(100, 400);
    let text = words_of(random, &WIDE_WORDS, length);
    out.extend_from_slice(format!("data: {text}\n\n").as_bytes());
}

/// `corpus` (LF line endings only) with every LF replaced by `ending`.
fn with_line_ends(corpus: &[u8], ending: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(corpus.len() * 11 / 10);
    for line in corpus.split_inclusive(|&byte| byte == b'\n') {
        match line.strip_suffix(b"\n") {
            Some(line) => {
                out.extend_from_slice(line);
                out.extend_from_slice(ending);
            }
            None => out.extend_from_slice(line),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decoders::sse_codec;

    #[test]
    fn every_corpus_is_deterministic_and_decodes_to_events() {
        for name in NAMES {
            let corpus = generate_bytes(name, 4 << 20).expect(name);
            assert_eq!(
                Some(&corpus),
                generate_bytes(name, 4 << 20).as_ref(),
                "{name}"
            );
            let chunks = Chunking::Fixed(1024).split(&corpus);
            let tally = if name == "ndjson" {
                crate::decoders::records(&chunks)
            } else {
                sse_codec(&chunks)
            };
            assert!(tally.events > 3, "{name}: {tally:?}");
        }
        assert_eq!(generate("fax"), None);
    }

    #[test]
    fn the_ndjson_corpus_holds_the_llm_corpus_objects_as_records() {
        let llm = generate_bytes("llm", 1 << 20).expect("llm");
        let ndjson = generate_bytes("ndjson", 1 << 20).expect("ndjson");
        let mut objects = Vec::new();
        sse_codec::Decoder::new().feed_with(&llm, |item| {
            if let sse_codec::ItemRef::Event(event) = item {
                objects.push(event.data.to_owned());
            }
        });
        let mut records = Vec::new();
        sse_codec::RecordDecoder::new(sse_codec::Framing::Lines).feed_with(&ndjson, |record| {
            if let sse_codec::RecordRef::Record { text, .. } = record {
                records.push(text.to_owned());
            }
        });
        let shared = objects.len().min(records.len());
        assert!(shared > 1000, "{shared}");
        assert_eq!(records[..shared], objects[..shared]);
    }

    #[test]
    fn each_corpus_has_the_shape_it_names() {
        let events = |name: &str| {
            let mut decoder = sse_codec::Decoder::new();
            let mut items = Vec::new();
            decoder.feed(&generate_bytes(name, 4 << 20).expect(name), &mut items);
            items
                .into_iter()
                .filter_map(|item| match item {
                    sse_codec::Item::Event(event) => Some(event),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        let tokens = events("tokens");
        assert!(tokens.iter().all(|e| (13..=53).contains(&e.data.len())));
        let llm = events("llm");
        assert!(llm.iter().all(|e| e.event_type == "completion.chunk"
            && !e.last_event_id.is_empty()
            && (300..=400).contains(&e.data.len())));
        // CR LF and CR alone decode to the very events LF does.
        assert_eq!(events("crlf").len(), llm.len());
        assert_eq!(events("cr")[..100], llm[..100]);
        let multiline = events("multiline");
        assert!(
            multiline
                .iter()
                .all(|e| (1003..=4003).contains(&e.data.lines().count()))
        );
        assert!(
            events("long-lines")
                .iter()
                .all(|e| e.data.len() >= 16 << 10)
        );
        let utf8 = events("utf8");
        assert!(
            utf8.iter()
                .all(|e| 2 * e.data.len() > 3 * e.data.chars().count())
        );
    }

    #[test]
    fn the_mixed_chunking_covers_the_corpus_in_reads_of_1_b_to_64_kib() {
        let corpus = generate_bytes("tokens", 4 << 20).expect("tokens");
        let chunks = Chunking::Mixed.split(&corpus);
        assert_eq!(chunks.concat(), corpus);
        assert!(
            chunks
                .iter()
                .all(|chunk| (1..=1 << 16).contains(&chunk.len()))
        );
        assert!(chunks.iter().any(|chunk| chunk.len() < 16));
        assert!(chunks.iter().any(|chunk| chunk.len() > 16 << 10));
    }
}
