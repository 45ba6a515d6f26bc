//! `OpenStreams`: how many streams SSE Studio has open to each origin, across its request tabs,
//! so that a stream held back by the browser's connection limit can say so (see
//! `model::connection_limit`).

use std::collections::HashMap;

use leptos::prelude::*;

/// The counts, shared by every tab (a `Copy` handle).
#[derive(Debug, Clone, Copy)]
pub struct OpenStreams {
    counts: StoredValue<HashMap<String, usize>>,
}

impl OpenStreams {
    /// No stream open.
    pub fn new() -> Self {
        Self {
            counts: StoredValue::new(HashMap::new()),
        }
    }

    /// Counts a stream to `origin` as open; returns how many others were open to it.
    pub fn open(self, origin: &str) -> usize {
        self.counts
            .try_update_value(|counts| {
                let count = counts.entry(origin.to_owned()).or_insert(0);
                *count += 1;
                *count - 1
            })
            .unwrap_or_default()
    }

    /// Counts a stream to `origin` (counted by [`OpenStreams::open`]) as closed.
    pub fn close(self, origin: &str) {
        self.counts.try_update_value(|counts| {
            if let Some(count) = counts.get_mut(origin) {
                *count = count.saturating_sub(1);
                if *count == 0 {
                    counts.remove(origin);
                }
            }
        });
    }
}
