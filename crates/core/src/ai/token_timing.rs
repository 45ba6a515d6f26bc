//! Token timing: how soon the first token came and how fast the rest followed, from the arrival
//! times of the events that carried text, reasoning or tool arguments ("deltas"; a delta is one
//! or a few tokens, so its rate is what a user sees, not the model's token count).

/// Token timing figures.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenTiming {
    /// ms from the request start to the first delta.
    pub first_token_ms: f64,
    /// Deltas received.
    pub deltas: usize,
    /// Deltas per second from the first to the last (none for a single instant).
    pub per_second: Option<f64>,
    /// The longest wait between two deltas, in ms (none with fewer than two).
    pub largest_gap_ms: Option<f64>,
    /// Deltas per time slice, from the first delta to the last: [`SPARK_BINS`] slices, or one
    /// per delta when there are fewer (so a short answer is not drawn as lone spikes).
    pub sparkline: Vec<u32>,
}

/// Most slices in [`TokenTiming::sparkline`].
pub const SPARK_BINS: usize = 40;

impl TokenTiming {
    /// The timing of deltas that arrived at `times` (ms since the request started, in order),
    /// or `None` when there were none.
    pub fn of(times: &[f64]) -> Option<Self> {
        let (&first, &last) = (times.first()?, times.last()?);
        let span_ms = last - first;
        let largest_gap_ms = times
            .windows(2)
            .map(|pair| pair[1] - pair[0])
            .reduce(f64::max);
        let bins = SPARK_BINS.min(times.len());
        let mut sparkline = vec![0; bins];
        for time in times {
            let slice = if span_ms > 0.0 {
                (((time - first) / span_ms) * bins as f64) as usize
            } else {
                0
            };
            sparkline[slice.min(bins - 1)] += 1;
        }
        Some(Self {
            first_token_ms: first,
            deltas: times.len(),
            per_second: (span_ms > 0.0).then(|| (times.len() - 1) as f64 / (span_ms / 1000.0)),
            largest_gap_ms,
            sparkline,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_token_rate_and_largest_gap() {
        let timing = TokenTiming::of(&[250.0, 300.0, 350.0, 750.0, 800.0]).expect("deltas");
        assert_eq!(timing.first_token_ms, 250.0);
        assert_eq!(timing.deltas, 5);
        assert_eq!(timing.per_second, Some(4.0 / 0.55));
        assert_eq!(timing.largest_gap_ms, Some(400.0));
        assert_eq!(timing.sparkline.iter().sum::<u32>(), 5);
        assert_eq!(timing.sparkline, [3, 0, 0, 0, 2]);
    }

    #[test]
    fn one_delta_has_no_rate_and_none_has_no_timing() {
        let timing = TokenTiming::of(&[90.0]).expect("one delta");
        assert_eq!((timing.per_second, timing.largest_gap_ms), (None, None));
        assert_eq!(TokenTiming::of(&[]), None);
    }
}
