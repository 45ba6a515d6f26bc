//! What one demo response may cost the server: a cap on its bytes and on its duration, applied
//! to every demo's body (so no query string, however large its numbers, streams for days or
//! sends gigabytes), and checked up front where a demo can tell (the flood).

use std::time::Duration;

use axum::body::Body;
use axum::response::Response;
use futures_util::StreamExt;

/// The caps (flags `--demo-max-bytes` and `--demo-max-seconds` of `sse-studio-server`).
#[derive(Debug, Clone, Copy)]
pub struct DemoLimits {
    /// Bytes one demo response may send, default 512 MiB (the UI benchmark's million events
    /// take ~230 MiB).
    pub max_bytes: u64,
    /// How long one demo response may last, default 1 hour.
    pub max_duration: Duration,
}

impl Default for DemoLimits {
    fn default() -> Self {
        Self {
            max_bytes: 512 << 20,
            max_duration: Duration::from_secs(3600),
        }
    }
}

/// `response` with its body ended once it has sent `limits.max_bytes` (the chunk that crosses
/// the cap is the last) or lasted `limits.max_duration`, whichever comes first. The client sees
/// the stream end there: truncated if mid-event.
pub fn capped(response: Response, limits: DemoLimits) -> Response {
    let (parts, body) = response.into_parts();
    let deadline = tokio::time::sleep(limits.max_duration);
    let stream = body
        .into_data_stream()
        .take_until(deadline)
        .scan(0_u64, move |sent, chunk| {
            let next = (*sent < limits.max_bytes).then(|| {
                if let Ok(bytes) = &chunk {
                    *sent = sent.saturating_add(bytes.len() as u64);
                }
                chunk
            });
            std::future::ready(next)
        });
    Response::from_parts(parts, Body::from_stream(stream))
}
