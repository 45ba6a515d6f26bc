//! `sse-bench`: times the native decoders on every corpus of the family at every chunking and
//! prints the results as a JSON array (`cargo xtask bench parser` merges in the browser's and
//! writes `target/bench/parser.json`): per decoder, corpus and chunking, the median throughput of
//! [`ROUNDS`] rounds in MB/s (MB = 10^6 bytes), the spread of the rounds around it, and events
//! (or records) per second. The NDJSON corpus is timed with the records decoder only.
//! `sse-bench NAMES [CORPUS [CHUNKS]]` times only the decoders NAMES (comma-separated; on CORPUS
//! only, fed in CHUNKS only: `1KiB`, `16KiB`, `64KiB` or `mixed`), for profiling.

use std::process::ExitCode;
use std::time::Instant;

use bytes::Bytes;
use sse_bench::corpus::{self, CHUNKINGS};
use sse_bench::{Tally, decoders, median_and_spread};

/// Rounds per cell: each round times every decoder once, in turn.
const ROUNDS: usize = 7;

/// Shortest time a decoder is timed for in one round, in seconds: a fast decoder goes through a
/// corpus in under 10 ms (64 MiB at 8 GB/s), short enough for one preemption or page fault on a
/// shared VM to move its figure by tens of percent, so it decodes the corpus again until this
/// much time has passed, and its figure is the time per pass.
const MIN_ROUND_SECONDS: f64 = 0.1;

fn main() -> ExitCode {
    let only = std::env::args().nth(1);
    let only_corpus = std::env::args().nth(2);
    let only_chunks = std::env::args().nth(3);
    let mut results = Vec::new();
    let mut mismatches = Vec::new();
    for name in corpus::NAMES {
        if only_corpus.as_deref().is_some_and(|only| only != name) {
            continue;
        }
        let bytes = Bytes::from(corpus::generate(name).unwrap_or_default());
        for chunking in CHUNKINGS {
            if only_chunks
                .as_deref()
                .is_some_and(|only| only != chunking.label().replace(' ', ""))
            {
                continue;
            }
            let chunks = chunking.split(&bytes);
            let is_ndjson = name == "ndjson";
            let expected = if is_ndjson {
                decoders::records(&chunks)
            } else {
                decoders::sse_codec(&chunks)
            };
            let byte_chunks = decoders::byte_chunks(&bytes, &chunks);
            // (name, timed loop, whether its tally must equal sse-codec's)
            let implementations: [(&str, &dyn Fn() -> Tally, bool); 5] = [
                ("records-native", &|| decoders::records(&chunks), true),
                ("sse-codec-native", &|| decoders::sse_codec(&chunks), true),
                ("sse-stream", &|| decoders::sse_stream(&byte_chunks), true),
                // It holds a CR that ends the stream waiting for an LF, so on CR-only line endings
                // it never dispatches the last event: its tally is one event short there.
                (
                    "eventsource-stream",
                    &|| decoders::eventsource_stream(&byte_chunks),
                    name != "cr",
                ),
                ("memchr2-scan", &|| decoders::memchr2_scan(&chunks), false),
            ];
            let selected: Vec<_> = implementations
                .iter()
                .filter(|(implementation, ..)| {
                    only.as_deref()
                        .is_none_or(|only| only.split(',').any(|only| only == *implementation))
                })
                // It searches its whole buffered line again for each chunk, so a long line costs it
                // time quadratic in its length: 3 MB/s on 1 KiB chunks, minutes of bench time
                // for a figure nobody compares against.
                .filter(|(implementation, ..)| {
                    !(*implementation == "eventsource-stream" && name == "long-lines")
                })
                // The records decoder on the NDJSON corpus only, and only it there.
                .filter(|(implementation, ..)| (*implementation == "records-native") == is_ndjson)
                .collect();
            // Round-robin: each round times every decoder once, so a change in the machine's speed
            // (a shared VM drifts by tens of percent) affects all of them alike. Each round starts
            // with the next decoder: the one timed after another inherits its heap and caches (a
            // decoder that reallocates its buffers ran up to 30% faster or slower depending on
            // which one came before it).
            let mut seconds = vec![Vec::with_capacity(ROUNDS); selected.len()];
            for round in 0..ROUNDS {
                for turn in 0..selected.len() {
                    let index = (round + turn) % selected.len();
                    let (implementation, run, compare) = selected[index];
                    let start = Instant::now();
                    let tally = run();
                    let mut passes = 1;
                    while start.elapsed().as_secs_f64() < MIN_ROUND_SECONDS {
                        run();
                        passes += 1;
                    }
                    seconds[index].push(start.elapsed().as_secs_f64() / f64::from(passes));
                    if round == 0 && *compare && tally != expected {
                        mismatches.push(format!(
                            "{implementation} on {name}/{}: {tally:?}, sse-codec {expected:?}",
                            chunking.label()
                        ));
                    }
                }
            }
            for ((implementation, ..), seconds) in selected.iter().zip(seconds) {
                let rates: Vec<f64> = seconds
                    .iter()
                    .map(|seconds| bytes.len() as f64 / 1e6 / seconds)
                    .collect();
                let (mb_per_s, spread_pct) = median_and_spread(&rates);
                let label = chunking.label();
                eprintln!(
                    "{implementation:>20} {name:>10} {label:>6} chunks: {mb_per_s:>8.0} MB/s ±{spread_pct:.0}%"
                );
                let chunk_bytes = chunking
                    .bytes()
                    .map_or("null".into(), |bytes| bytes.to_string());
                // Events (records) per second, for the per-record comparison of the two framings.
                let events_per_s = mb_per_s * 1e6 / bytes.len() as f64 * expected.events as f64;
                results.push(format!(
                    "{{\"impl\":\"{implementation}\",\"corpus\":\"{name}\",\"chunk_bytes\":{chunk_bytes},\
                     \"chunks\":\"{label}\",\"mb_per_s\":{mb_per_s:.1},\"spread_pct\":{spread_pct:.1},\
                     \"events_per_s\":{events_per_s:.0}}}"
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
