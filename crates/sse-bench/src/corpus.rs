//! The two corpora, generated deterministically (a fixed-seed SplitMix64), so every run and every
//! platform times the same bytes.
//!
//! - `llm`: OpenAI-style `chat.completion.chunk` events carrying ~20 tokens each, an `id` line on
//!   every 10th event and a `: keep-alive` comment every 50th.
//! - `big`: `snapshot` events of 4–64 KiB: pretty-printed JSON, one `data:` line per JSON line.

/// Size of each corpus: 64 MiB.
pub const CORPUS_BYTES: usize = 64 << 20;

/// The corpus names, in report order.
pub const NAMES: [&str; 2] = ["llm", "big"];

/// The corpus called `name` ("llm" or "big"), `CORPUS_BYTES` long (cut at an event boundary just
/// past it); `None` for any other name.
pub fn generate(name: &str) -> Option<Vec<u8>> {
    match name {
        "llm" => Some(llm(CORPUS_BYTES)),
        "big" => Some(big(CORPUS_BYTES)),
        _ => None,
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

fn llm(target: usize) -> Vec<u8> {
    let mut random = Random(0x5EED_0001);
    let mut out = Vec::with_capacity(target + 1024);
    let mut index = 0u64;
    while out.len() < target {
        index += 1;
        if index.is_multiple_of(50) {
            out.extend_from_slice(b": keep-alive\n\n");
        }
        if index.is_multiple_of(10) {
            out.extend_from_slice(format!("id: {index}\n").as_bytes());
        }
        let mut content = String::new();
        for _ in 0..20 {
            content.push(' ');
            content.push_str(WORDS[random.below(WORDS.len() as u64) as usize]);
        }
        out.extend_from_slice(
            format!(
                "data: {{\"id\":\"chatcmpl-{:016x}\",\"object\":\"chat.completion.chunk\",\"created\":1795306002,\
                 \"model\":\"gpt-4o-mini\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"{content}\"}},\
                 \"logprobs\":null,\"finish_reason\":null}}]}}\n\n",
                random.next()
            )
            .as_bytes(),
        );
    }
    out
}

fn big(target: usize) -> Vec<u8> {
    let mut random = Random(0x5EED_0002);
    let mut out = Vec::with_capacity(target + (70 << 10));
    let mut index = 0u64;
    while out.len() < target {
        index += 1;
        let size = 4096 + random.below(60 * 1024) as usize;
        let start = out.len();
        out.extend_from_slice(format!("event: snapshot\nid: {index}\ndata: {{\n").as_bytes());
        let mut field = 0;
        while out.len() - start < size {
            field += 1;
            let mut value = String::new();
            for _ in 0..(4 + random.below(12)) {
                value.push_str(WORDS[random.below(WORDS.len() as u64) as usize]);
                value.push(' ');
            }
            out.extend_from_slice(format!("data:   \"field_{field}\": \"{value}\",\n").as_bytes());
        }
        out.extend_from_slice(b"data:   \"end\": true\ndata: }\n\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpora_are_deterministic_and_decode_to_events() {
        assert_eq!(llm(1 << 16), llm(1 << 16));
        for corpus in [llm(1 << 16), big(1 << 18)] {
            let tally = crate::decoders::sse_codec(&corpus, 1024);
            assert!(tally.events > 3, "{tally:?}");
        }
    }

    #[test]
    fn big_events_hold_valid_json() {
        let corpus = big(1 << 17);
        let mut decoder = sse_codec::Decoder::new();
        let mut items = Vec::new();
        decoder.feed(&corpus, &mut items);
        let Some(sse_codec::Item::Event(event)) = items.first() else {
            panic!("no event")
        };
        assert!(event.data.starts_with("{\n") && event.data.ends_with("\n}"));
        assert!(event.data.len() >= 4096);
    }
}
