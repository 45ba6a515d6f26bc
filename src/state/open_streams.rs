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

    /// Counts a stream to `origin` as open until the returned guard is dropped (when the
    /// stream ends, or its tab's task is dropped with the tab); also returns how many others
    /// were open to it.
    pub fn open(self, origin: &str) -> (OpenStream, usize) {
        let others = {
            let mut counts = self.counts.write_value();
            if let Some((_, count)) = counts.iter_mut().find(|(known, _)| known == origin) {
                *count += 1;
                *count - 1
            } else {
                counts.push((origin.to_owned(), 1));
                0
            }
        };
        let stream = OpenStream {
            streams: self,
            origin: origin.to_owned(),
        };
        (stream, others)
    }
}

/// One stream counted as open by [`OpenStreams::open`]; dropping it counts it as closed.
pub struct OpenStream {
    streams: OpenStreams,
    origin: String,
}

impl Drop for OpenStream {
    fn drop(&mut self) {
        self.streams.counts.update_value(|counts| {
            if let Some((_, count)) = counts.iter_mut().find(|(known, _)| *known == self.origin) {
                *count = count.saturating_sub(1);
            }
            counts.retain(|(_, count)| *count > 0);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_counts_as_open_until_its_guard_is_dropped_even_with_its_task() {
        let streams = OpenStreams::new();
        let (first, others) = streams.open("http://h");
        assert_eq!(others, 0);
        // A tab closed mid-stream drops its task, and the guard with it.
        let task = async move {
            let _stream = first;
            std::future::pending::<()>().await;
        };
        let (_second, others) = streams.open("http://h");
        assert_eq!(others, 1);
        drop(task);
        let (_third, others) = streams.open("http://h");
        assert_eq!(others, 1, "only the second is still open");
        assert_eq!(streams.open("http://other").1, 0);
    }
}
