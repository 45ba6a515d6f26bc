//! The wasm face of the benchmark: corpora and an sse-codec decoder fed from JavaScript, chunk by
//! chunk, as the app feeds it (each chunk copied into wasm memory by wasm-bindgen).

use wasm_bindgen::prelude::*;

/// The corpus called `name` as a `Uint8Array` (empty for an unknown name).
#[wasm_bindgen]
pub fn corpus(name: &str) -> Vec<u8> {
    crate::corpus::generate(name).unwrap_or_default()
}

/// The names of the event stream corpora, in report order, separated by commas (the NDJSON one
/// is for the native records decoder only).
#[wasm_bindgen]
pub fn corpus_names() -> String {
    let names: Vec<_> = crate::corpus::NAMES
        .into_iter()
        .filter(|name| *name != "ndjson")
        .collect();
    names.join(",")
}

/// An sse-codec decoder that tallies what it dispatches.
#[wasm_bindgen]
#[derive(Default)]
pub struct BenchDecoder {
    decoder: sse_codec::Decoder,
    tally: crate::Tally,
}

#[wasm_bindgen]
impl BenchDecoder {
    /// A decoder at the start of a stream.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Self {
        Self::default()
    }

    /// Decodes the next chunk.
    pub fn feed(&mut self, chunk: &[u8]) {
        let tally = &mut self.tally;
        self.decoder.feed_with(chunk, |item| {
            if let sse_codec::ItemRef::Event(event) = item {
                tally.events += 1;
                tally.data_bytes += event.data.len() as u64;
            }
        });
    }

    /// Events dispatched so far.
    pub fn events(&self) -> f64 {
        self.tally.events as f64
    }

    /// Bytes of event data dispatched so far.
    pub fn data_bytes(&self) -> f64 {
        self.tally.data_bytes as f64
    }
}
