//! `sse-bench`: times the native decoders on both corpora at 64 KiB and 1 KiB chunks and prints
//! the results as a JSON array (`cargo xtask bench parser` merges in the browser's and writes
//! `target/bench/parser.json`). Throughput is MB/s with MB = 10^6 bytes, best of five rounds.
//! `sse-bench NAME [CORPUS]` times only the decoder NAME (on CORPUS only), for profiling.

use std::process::ExitCode;
use std::time::Instant;

use bytes::Bytes;
use sse_bench::{Tally, corpus, decoders};

const CHUNK_SIZES: [usize; 2] = [64 << 10, 1 << 10];
const RUNS: usize = 5;

fn main() -> ExitCode {
    let only = std::env::args().nth(1);
    let only_corpus = std::env::args().nth(2);
    let mut results = Vec::new();
    let mut mismatches = Vec::new();
    for name in corpus::NAMES {
        if only_corpus.as_deref().is_some_and(|only| only != name) {
            continue;
        }
        let bytes = Bytes::from(corpus::generate(name).unwrap_or_default());
        for chunk_bytes in CHUNK_SIZES {
            let expected = decoders::sse_codec(&bytes, chunk_bytes);
            let chunks = decoders::byte_chunks(&bytes, chunk_bytes);
            // (name, timed loop, whether its tally must equal sse-codec's)
            let implementations: [(&str, &dyn Fn() -> Tally, bool); 4] = [
                (
                    "sse-codec-native",
                    &|| decoders::sse_codec(&bytes, chunk_bytes),
                    true,
                ),
                ("sse-stream", &|| decoders::sse_stream(&chunks), true),
                (
                    "eventsource-stream",
                    &|| decoders::eventsource_stream(&chunks),
                    true,
                ),
                (
                    "memchr2-scan",
                    &|| decoders::memchr2_scan(&bytes, chunk_bytes),
                    false,
                ),
            ];
            let selected: Vec<_> = implementations
                .iter()
                .filter(|(implementation, ..)| {
                    only.as_deref().is_none_or(|only| only == *implementation)
                })
                .collect();
            // Round-robin: each round times every decoder once, so a change in the machine's speed
            // (a shared VM drifts by tens of percent) affects all of them alike.
            let mut best = vec![f64::INFINITY; selected.len()];
            for _ in 0..RUNS {
                for ((implementation, run, compare), best) in selected.iter().zip(&mut best) {
                    let start = Instant::now();
                    let tally = run();
                    *best = best.min(start.elapsed().as_secs_f64());
                    if *compare && tally != expected {
                        mismatches.push(format!(
                            "{implementation} on {name}/{chunk_bytes}: {tally:?}, sse-codec {expected:?}"
                        ));
                    }
                }
            }
            for ((implementation, ..), best) in selected.iter().zip(best) {
                let mb_per_s = bytes.len() as f64 / 1e6 / best;
                eprintln!(
                    "{implementation:>20} {name:>4} {chunk_bytes:>6} B chunks: {mb_per_s:>8.0} MB/s"
                );
                results.push(format!(
                    "{{\"impl\":\"{implementation}\",\"corpus\":\"{name}\",\"chunk_bytes\":{chunk_bytes},\"mb_per_s\":{mb_per_s:.1}}}"
                ));
            }
        }
    }
    println!("[{}]", results.join(","));
    if mismatches.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!("decoders disagree:\n{}", mismatches.join("\n"));
        ExitCode::FAILURE
    }
}
