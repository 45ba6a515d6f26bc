//! `GET /demo/truncated`: two complete events, then a third cut off mid-line as the body ends.

use std::time::Duration;

use axum::response::Response;

use crate::event_stream::{Frame, paced};

pub async fn truncated() -> Response {
    let step = Duration::from_millis(200);
    paced([
        Frame::event(
            Duration::ZERO,
            Some("status"),
            Some("1"),
            r#"{"step":1,"state":"working"}"#,
        ),
        Frame::event(
            step,
            Some("status"),
            Some("2"),
            r#"{"step":2,"state":"still working"}"#,
        ),
        // No line ending and no blank line: a client must not dispatch this.
        Frame::new(
            step,
            "id: 3\nevent: status\ndata: {\"step\":3,\"state\":\"cut off in the mid".into(),
        ),
    ])
}
