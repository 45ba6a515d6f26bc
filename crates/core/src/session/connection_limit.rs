//! The browser's connections per server. Over HTTP/1.1 a browser opens at most six connections
//! to one origin (Chromium, Firefox and Safari alike) and queues the rest without a word, so a
//! seventh stream looks like a server that never answers. SSE Studio counts its own open streams
//! per origin and says why a stream waits when that is the likely reason.

/// Connections a browser opens to one origin over HTTP/1.1.
pub const CONNECTIONS_PER_ORIGIN: usize = 6;

/// How long a stream may wait for its response head, in ms, before the wait is explained.
pub const EXPLAIN_AFTER_MS: u32 = 1000;

/// Why a stream to `origin` still waits for its response head when `others_open` streams to it
/// were already open in SSE Studio as it was sent; `None` when that cannot be the reason.
pub fn waiting_note(origin: &str, others_open: usize) -> Option<String> {
    (others_open >= CONNECTIONS_PER_ORIGIN).then(|| {
        format!(
            "Over HTTP/1.1 a browser opens at most \
             {CONNECTIONS_PER_ORIGIN} connections to one server, and {others_open} streams to \
             {origin} are open in SSE Studio. Close one (in another request tab, or another \
             browser tab on that server), or serve the stream over HTTP/2, where streams share \
             one connection."
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seventh_stream_to_one_origin_is_explained_and_fewer_are_not() {
        assert_eq!(waiting_note("http://h", 5), None);
        let note = waiting_note("http://h", 6).expect("explained");
        assert!(note.contains("6 streams to http://h are open"), "{note}");
    }
}
