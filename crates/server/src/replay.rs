//! A response replayed on a schedule: the head and each read of the body at a set time after the
//! request arrived (absolute deadlines, so a slow read never delays the ones after it), then an
//! end — clean, a dropped connection, or left open. Mocks and `/demo/broken` build one and apply
//! [`Fault`](crate::fault::Fault)s to it.

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use bytes::BytesMut;
use sse_studio_core::library::mock::EndHow;
use tokio::time::Instant;

/// How long a dropped connection waits after its last read, so that read reaches the client.
const DROP_GRACE: Duration = Duration::from_millis(20);

/// A response and when each part of it is sent, relative to the request's arrival.
#[derive(Debug, Clone)]
pub struct Replay {
    /// Status code.
    pub status: StatusCode,
    /// Headers, in order (invalid names or values are left out when sent).
    pub headers: Vec<(String, String)>,
    /// When the head is sent.
    pub head_at: Duration,
    /// The body, all reads in order.
    pub body: Bytes,
    /// Each read: when it is sent and the offset of its first byte in `body` (in order).
    pub reads: Vec<(Duration, usize)>,
    /// When the body ends, and how (never before the last read).
    pub end_at: Duration,
    /// How the body ends.
    pub end: EndHow,
    /// Sends the reads again and again, each round starting at the end of the last, instead of
    /// ending.
    pub repeat: bool,
    /// Sends the reads already due together, up to [`COALESCE_BYTES`] at a time, rather than one
    /// by one (`--no-delay`: as fast as the client takes them, not a write per read).
    pub coalesce: bool,
}

/// Most bytes sent at once by a replay that coalesces its reads.
pub const COALESCE_BYTES: usize = 64 << 10;

impl Replay {
    /// A `200` replay of `body` sent as the given reads, ending cleanly after the last.
    pub fn of_reads(content_type: &str, body: String, reads: Vec<(Duration, usize)>) -> Self {
        let end_at = reads.last().map_or(Duration::ZERO, |(at, _)| *at);
        Self {
            status: StatusCode::OK,
            headers: vec![("content-type".into(), content_type.into())],
            head_at: Duration::ZERO,
            body: Bytes::from(body),
            reads,
            end_at,
            end: EndHow::Clean,
            repeat: false,
            coalesce: false,
        }
    }

    /// A `200` replay of `pieces`, each `(delay after the previous piece, text)`.
    pub fn of_pieces<'a>(
        content_type: &str,
        pieces: impl IntoIterator<Item = (Duration, &'a str)>,
    ) -> Self {
        let mut body = String::new();
        let mut reads = Vec::new();
        let mut at = Duration::ZERO;
        for (delay, text) in pieces {
            at += delay;
            reads.push((at, body.len()));
            body.push_str(text);
        }
        Self::of_reads(content_type, body, reads)
    }

    /// The bytes of read `index` (empty past the last).
    pub fn read_bytes(&self, index: usize) -> Bytes {
        let Some((_, start)) = self.reads.get(index) else {
            return Bytes::new();
        };
        let end = self
            .reads
            .get(index + 1)
            .map_or(self.body.len(), |(_, next)| *next);
        self.body.slice(*start.min(&end)..end)
    }

    /// The value of header `name` (any case), if present.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(header, _)| header.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// Sets header `name` to `value`, replacing any of that name.
    pub fn set_header(&mut self, name: &str, value: &str) {
        self.headers
            .retain(|(header, _)| !header.eq_ignore_ascii_case(name));
        self.headers.push((name.to_owned(), value.to_owned()));
    }

    /// Every time (head, reads, end) multiplied by `factor`.
    pub fn scale_times(&mut self, factor: f64) {
        let scale = |at: Duration| at.mul_f64(factor.max(0.0));
        self.head_at = scale(self.head_at);
        for (at, _) in &mut self.reads {
            *at = scale(*at);
        }
        self.end_at = scale(self.end_at);
    }

    /// Every time moved `delay` later.
    pub fn delay(&mut self, delay: Duration) {
        self.head_at += delay;
        for (at, _) in &mut self.reads {
            *at += delay;
        }
        self.end_at += delay;
    }

    /// Keeps only the body's first `length` bytes: the reads past it go, the end comes with the
    /// last read kept (`how` it ends then).
    pub fn truncate(&mut self, length: usize, how: EndHow) {
        if length >= self.body.len() {
            return;
        }
        self.body.truncate(length);
        self.reads.retain(|(_, start)| *start < length);
        self.end_at = self.reads.last().map_or(self.head_at, |(at, _)| *at);
        self.end = how;
        self.repeat = false;
    }

    /// Replaces the body with `body`, whose byte at offset `map(old)` is the one that was at
    /// `old` (`map` never decreasing): each read starts where its first byte went.
    pub fn rewrite(&mut self, body: Bytes, map: impl Fn(usize) -> usize) {
        for (_, start) in &mut self.reads {
            *start = map(*start).min(body.len());
        }
        self.body = body;
    }

    /// The response: its head is sent `head_at` after `arrived`, its reads at their times. The
    /// future waits for the head's time before it resolves.
    pub async fn respond(mut self, arrived: Instant) -> Response {
        tokio::time::sleep_until(arrived + self.head_at).await;
        let (status, headers) = (self.status, std::mem::take(&mut self.headers));
        let mut response = Response::new(Body::from_stream(body_stream(self, arrived)));
        *response.status_mut() = status;
        for (name, value) in &headers {
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_str(value),
            ) {
                response.headers_mut().append(name, value);
            }
        }
        response
    }
}

/// Where a replay's body is: the next read, and how much to add to every time (a repeated
/// replay's later rounds).
struct Cursor {
    replay: Replay,
    arrived: Instant,
    next: usize,
    round_start: Duration,
}

impl Cursor {
    /// Starts the reads again if the replay repeats (and has a body: each round must send
    /// something before the stream is polled again, or an instant replay would spin without
    /// returning); whether it did.
    fn next_round(&mut self) -> bool {
        let replay = &self.replay;
        if !replay.repeat || replay.body.is_empty() {
            return false;
        }
        // The next round starts where this one ended.
        let first = replay.reads.first().map_or(Duration::ZERO, |(at, _)| *at);
        self.round_start += replay.end_at.saturating_sub(first);
        self.next = 0;
        true
    }

    /// `first` and the reads after it that are already due (into later rounds, if the replay
    /// repeats), up to [`COALESCE_BYTES`].
    fn take_due(&mut self, first: Bytes) -> Bytes {
        let mut batch = BytesMut::from(&first[..]);
        let now = Instant::now();
        while batch.len() < COALESCE_BYTES {
            let start = self.arrived + self.round_start;
            match self.replay.reads.get(self.next).map(|(at, _)| *at) {
                Some(at) if start + at <= now => {
                    batch.extend_from_slice(&self.replay.read_bytes(self.next));
                    self.next += 1;
                }
                None if start + self.replay.end_at <= now && self.next_round() => {}
                _ => break,
            }
        }
        batch.freeze()
    }
}

fn body_stream(
    replay: Replay,
    arrived: Instant,
) -> impl futures_util::Stream<Item = std::io::Result<Bytes>> + Send {
    let cursor = Cursor {
        replay,
        arrived,
        next: 0,
        round_start: Duration::ZERO,
    };
    futures_util::stream::unfold(Some(cursor), |cursor| async move {
        let mut cursor = cursor?;
        loop {
            let replay = &cursor.replay;
            if let Some((at, _)) = replay.reads.get(cursor.next) {
                tokio::time::sleep_until(cursor.arrived + cursor.round_start + *at).await;
                let bytes = replay.read_bytes(cursor.next);
                cursor.next += 1;
                if bytes.is_empty() {
                    continue;
                }
                let bytes = if cursor.replay.coalesce {
                    cursor.take_due(bytes)
                } else {
                    bytes
                };
                return Some((Ok(bytes), Some(cursor)));
            }
            let end_at = replay.end_at;
            tokio::time::sleep_until(cursor.arrived + cursor.round_start + end_at).await;
            if cursor.next_round() {
                continue;
            }
            return match cursor.replay.end {
                EndHow::Clean => None,
                EndHow::Drop => {
                    // An error item makes the server abort the connection instead of ending the
                    // body; it would discard bytes not yet written, so they get a moment first.
                    tokio::time::sleep(DROP_GRACE).await;
                    let dropped = std::io::Error::other("the replay drops the connection");
                    Some((Err(dropped), None))
                }
                EndHow::Open => {
                    std::future::pending::<()>().await;
                    None
                }
            };
        }
    })
}
