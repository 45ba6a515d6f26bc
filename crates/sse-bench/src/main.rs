//! `sse-bench`: times the native decoders on both corpora at 64 KiB and 1 KiB chunks and prints
//! the results as a JSON array (`cargo xtask bench parser` merges in the browser's and writes
//! `target/bench/parser.json`). Throughput is MB/s with MB = 10^6 bytes, best of five runs.
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
            let mut time = |implementation: &str, run: &dyn Fn() -> Tally, compare: bool| {
                if only.as_deref().is_some_and(|only| only != implementation) {
                    return;
                }
                let mut best = f64::INFINITY;
                for _ in 0..RUNS {
                    let start = Instant::now();
                    let tally = run();
                    best = best.min(start.elapsed().as_secs_f64());
                    if compare && tally != expected {
                        mismatches.push(format!("{implementation} on {name}/{chunk_bytes}: {tally:?}, sse-codec {expected:?}"));
                    }
                }
                let mb_per_s = bytes.len() as f64 / 1e6 / best;
                eprintln!(
                    "{implementation:>20} {name:>4} {chunk_bytes:>6} B chunks: {mb_per_s:>8.0} MB/s"
                );
                results.push(format!(
                    "{{\"impl\":\"{implementation}\",\"corpus\":\"{name}\",\"chunk_bytes\":{chunk_bytes},\"mb_per_s\":{mb_per_s:.1}}}"
                ));
            };
            time(
                "sse-codec-native",
                &|| decoders::sse_codec(&bytes, chunk_bytes),
                true,
            );
            time("sse-stream", &|| decoders::sse_stream(&chunks), true);
            time(
                "eventsource-stream",
                &|| decoders::eventsource_stream(&chunks),
                true,
            );
            time(
                "memchr2-scan",
                &|| decoders::memchr2_scan(&bytes, chunk_bytes),
                false,
            );
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
