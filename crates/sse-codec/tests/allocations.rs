//! The borrowing API allocates nothing per event once its buffers have grown to the stream's
//! line and event sizes: what the app's arena needs to hold a million events cheaply.

use sse_codec::{Decoder, ItemRef};

fn stream(events: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for n in 0..events {
        if n % 7 == 0 {
            out.extend_from_slice(b": keep-alive\n");
        }
        out.extend_from_slice(format!("id: {}\nevent: delta\ndata: {{\"n\":{n},\"text\":\"ünïcødé €\"}}\ndata: second line\n\n", n % 1000).as_bytes());
    }
    out
}

#[test]
fn feed_with_allocates_nothing_per_event_after_warm_up() {
    // Warmed up on the same stream: where its chunks cut lines (and so how long a partial line
    // gets) differs along it, and the buffers keep the longest.
    let warm_up = stream(5000);
    let measured = stream(5000);
    let mut decoder = Decoder::new();
    let mut events = 0;
    for chunk in warm_up.chunks(1000) {
        decoder.feed_with(chunk, |_| {});
    }
    let info = allocation_counter::measure(|| {
        for chunk in measured.chunks(1000) {
            decoder.feed_with(chunk, |item| {
                if let ItemRef::Event(event) = item {
                    events += usize::from(!event.data.is_empty());
                }
            });
        }
    });
    assert_eq!(events, 5000);
    assert_eq!(
        info.count_total, 0,
        "allocations while decoding 5000 events"
    );
}
