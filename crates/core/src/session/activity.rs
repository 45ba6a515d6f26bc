//! A run's activity over time, kept as events arrive so a chart costs nothing per event: events
//! counted per [`BUCKET_MS`] since the request start, and the gaps between consecutive events
//! counted per decade ([`GAP_BUCKETS`]). Charts re-bin these into as many bars as they draw.

/// Width of an activity bucket, in ms.
pub const BUCKET_MS: f64 = 100.0;

/// The gap histogram's buckets: (label, upper bound in ms), the last unbounded.
pub const GAP_BUCKETS: [(&str, f64); 6] = [
    ("<1 ms", 1.0),
    ("1–10 ms", 10.0),
    ("10–100 ms", 100.0),
    ("0.1–1 s", 1000.0),
    ("1–10 s", 10_000.0),
    ("≥10 s", f64::INFINITY),
];

/// Events over time and the spread of the gaps between them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Activity {
    /// Events dispatched in each [`BUCKET_MS`] from the request start.
    per_bucket: Vec<u32>,
    /// Gaps between consecutive events, counted per [`GAP_BUCKETS`] entry.
    gaps: [u64; 6],
}

impl Activity {
    /// Counts an event dispatched `at_ms` after the request start, `gap_ms` after the previous
    /// one (`None` for the first).
    pub fn record(&mut self, at_ms: f64, gap_ms: Option<f64>) {
        let bucket = (at_ms.max(0.0) / BUCKET_MS) as usize;
        if self.per_bucket.len() <= bucket {
            self.per_bucket.resize(bucket + 1, 0);
        }
        self.per_bucket[bucket] += 1;
        if let Some(gap) = gap_ms {
            let index = GAP_BUCKETS
                .iter()
                .position(|(_, below)| gap < *below)
                .unwrap_or(GAP_BUCKETS.len() - 1);
            self.gaps[index] += 1;
        }
    }

    /// Events over `0..until_ms` in `bars` equal bars (fewer when the run is short): each bar's
    /// count, and the ms one bar spans.
    pub fn bars(&self, until_ms: f64, bars: usize) -> (Vec<u32>, f64) {
        let buckets = ((until_ms / BUCKET_MS).ceil() as usize)
            .max(self.per_bucket.len())
            .max(1);
        let per_bar = buckets.div_ceil(bars.max(1));
        let counts = (0..buckets.div_ceil(per_bar))
            .map(|bar| {
                let from = bar * per_bar;
                let to = (from + per_bar).min(self.per_bucket.len());
                self.per_bucket.get(from..to).map_or(0, |b| b.iter().sum())
            })
            .collect();
        (counts, per_bar as f64 * BUCKET_MS)
    }

    /// Gaps between consecutive events per [`GAP_BUCKETS`] entry.
    pub fn gaps(&self) -> [u64; 6] {
        self.gaps
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_binned_over_time_and_gaps_by_decade() {
        let mut activity = Activity::default();
        let mut previous = None;
        for at_ms in [5.0, 50.0, 150.0, 155.0, 2500.0] {
            activity.record(at_ms, previous.map(|p| at_ms - p));
            previous = Some(at_ms);
        }
        // 3 s in 10 bars: 3 buckets of 100 ms each.
        let (bars, bar_ms) = activity.bars(3000.0, 10);
        assert_eq!(bar_ms, 300.0);
        assert_eq!(bars, vec![4, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
        // Gaps: 45, 100, 5, 2345 ms.
        assert_eq!(activity.gaps(), [0, 1, 1, 1, 1, 0]);
    }

    #[test]
    fn a_short_run_gets_one_bar_per_bucket() {
        let mut activity = Activity::default();
        activity.record(10.0, None);
        assert_eq!(activity.bars(120.0, 60), (vec![1, 0], 100.0));
    }
}
