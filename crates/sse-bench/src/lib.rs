//! Throughput benchmark of the SSE decoders: deterministic corpora, and the decoding loops that are
//! timed. The native binary times sse-codec against other Rust decoders; the wasm build exposes
//! the same corpora and the sse-codec loop to Chromium, where `cargo xtask bench parser` times it
//! beside the JavaScript `eventsource-parser`.

pub mod corpus;
pub mod decoders;
#[cfg(target_arch = "wasm32")]
mod wasm;

/// What a decoding run counted, compared across decoders so a fast but wrong one shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    /// Events dispatched.
    pub events: u64,
    /// Bytes of event data (UTF-8), summed.
    pub data_bytes: u64,
}
