//! Throughput benchmark of the SSE decoders: a family of deterministic corpora, the chunkings they
//! are fed in, and the decoding loops that are timed. The native binary times sse-codec against other Rust decoders; the wasm build exposes
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

/// The median of `values` and their spread around it: (largest − smallest) / median, in percent.
/// `(NaN, NaN)` for no values.
pub fn median_and_spread(values: &[f64]) -> (f64, f64) {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let Some((&smallest, &largest)) = sorted.first().zip(sorted.last()) else {
        return (f64::NAN, f64::NAN);
    };
    let middle = sorted.len() / 2;
    let median = if sorted.len() % 2 == 1 {
        sorted[middle]
    } else {
        (sorted[middle - 1] + sorted[middle]) / 2.0
    };
    (median, (largest - smallest) / median * 100.0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_median_and_the_spread_of_rounds() {
        let (median, spread) = super::median_and_spread(&[100.0, 90.0, 110.0, 200.0, 95.0]);
        assert_eq!(median, 100.0);
        assert!((spread - 110.0).abs() < 1e-9);
        assert_eq!(super::median_and_spread(&[1.0, 3.0]), (2.0, 100.0));
        assert!(super::median_and_spread(&[]).0.is_nan());
    }
}
