//! `OpenStreams`: how many streams SSE Studio has open to each origin, across its request tabs,
//! so that a stream held back by the browser's connection limit can say so (see
//! `model::session::connection_limit`).

use leptos::prelude::*;

/// The counts, shared by every tab (a `Copy` handle): (origin, streams open), a few at most.
#[derive(Debug, Clone, Copy)]
pub struct OpenStreams {
    counts: StoredValue<Vec<(String, usize)>>,
}

impl OpenStreams {
    /// No stream open.
    pub fn new() -> Self {
        Self {
            counts: StoredValue::new(Vec::new()),
        }
    }

    /// Counts a stream to `origin` as open; returns how many others were open to it.
    pub fn open(self, origin: &str) -> usize {
        self.counts
            .try_update_value(|counts| {
                if let Some((_, count)) = counts.iter_mut().find(|(known, _)| known == origin) {
                    *count += 1;
                    *count - 1
                } else {
                    counts.push((origin.to_owned(), 1));
                    0
                }
            })
            .unwrap_or_default()
    }

    /// Counts a stream to `origin` (counted by [`OpenStreams::open`]) as closed.
    pub fn close(self, origin: &str) {
        self.counts.try_update_value(|counts| {
            if let Some((_, count)) = counts.iter_mut().find(|(known, _)| known == origin) {
                *count = count.saturating_sub(1);
            }
            counts.retain(|(_, count)| *count > 0);
        });
    }
}
