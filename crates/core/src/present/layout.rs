//! The workbench's splits: the size a splitter sets, kept within bounds, and read back from what
//! was remembered.

/// A pane's size set by a splitter, in CSS px, within `min_px..=max_px`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Split {
    /// The size.
    pub px: f64,
    /// The smallest it may be.
    pub min_px: f64,
    /// The largest it may be.
    pub max_px: f64,
}

impl Split {
    /// A split of `default_px` within `min_px..=max_px`, or of `remembered` (as stored: a number
    /// of px) when that reads as one, brought within the bounds.
    pub fn new(default_px: f64, min_px: f64, max_px: f64, remembered: Option<&str>) -> Self {
        let mut split = Self {
            px: min_px,
            min_px,
            max_px: max_px.max(min_px),
        };
        split.set(default_px);
        if let Some(stored) = remembered.and_then(|text| text.trim().parse::<f64>().ok()) {
            split.set(stored);
        }
        split
    }

    /// Sets the size to `px`, brought within the bounds (a size that is not a number leaves it).
    pub fn set(&mut self, px: f64) {
        if px.is_finite() {
            self.px = px.clamp(self.min_px, self.max_px);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_size_is_kept_within_its_bounds_and_junk_is_ignored() {
        assert_eq!(Split::new(300.0, 100.0, 500.0, Some("420")).px, 420.0);
        assert_eq!(Split::new(300.0, 100.0, 500.0, Some("9000")).px, 500.0);
        assert_eq!(Split::new(300.0, 100.0, 500.0, Some("-5")).px, 100.0);
        assert_eq!(Split::new(300.0, 100.0, 500.0, Some("wide")).px, 300.0);
        assert_eq!(Split::new(300.0, 100.0, 500.0, Some("NaN")).px, 300.0);
        let mut split = Split::new(300.0, 100.0, 500.0, None);
        split.set(f64::INFINITY);
        assert_eq!(split.px, 300.0);
        // Bounds that cross (a window narrower than the smallest pane) keep the smallest.
        assert_eq!(Split::new(300.0, 200.0, 150.0, None).px, 200.0);
    }
}
