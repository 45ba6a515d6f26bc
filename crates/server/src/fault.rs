//! Faults a client team tests its error handling against, applied to a [`Replay`]: the one
//! implementation behind `/demo/broken` and a mock's `faults` (in its file, from `--fault`, or
//! per request with `?_fault=…`).
//!
//! | fault | what the client sees |
//! | --- | --- |
//! | `drop-after:N` | the connection cut right after the Nth event (a network error) |
//! | `cut-mid-event:N` | the body ending cleanly halfway through the event after the Nth |
//! | `delay-first-byte:MS` | nothing, not even the head, for MS ms |
//! | `gzip` | the body gzip-compressed (`Content-Encoding: gzip`), arriving all at once at the end |
//! | `burst:MS` | silence for MS ms after the head, then everything at once (a buffering proxy) |
//! | `content-type[:VALUE]` | the body sent as VALUE (default `text/plain; charset=utf-8`) |
//! | `no-blank-line` | the blank lines removed, so no event is ever dispatched |
//! | `retry:MS` | `retry: MS` first, and the recorded `retry` fields removed |

use std::io::Write as _;
use std::time::Duration;

use axum::body::Bytes;
use flate2::Compression;
use flate2::write::GzEncoder;
use sse_studio_core::library::mock::{EndHow, event_ends};

use crate::replay::Replay;

/// The faults' names, in the order the table above lists them.
pub const NAMES: [&str; 8] = [
    "drop-after",
    "cut-mid-event",
    "delay-first-byte",
    "gzip",
    "burst",
    "content-type",
    "no-blank-line",
    "retry",
];

/// Longest delay a fault may ask for: 10 minutes, in ms.
const MAX_MS: u64 = 600_000;

/// One fault (see the module's table).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Cut the connection right after this many events.
    DropAfter(usize),
    /// End the body cleanly halfway through the event after this many.
    CutMidEvent(usize),
    /// Hold everything back this long.
    DelayFirstByte(Duration),
    /// Compress the body, sent at once at the end.
    Gzip,
    /// Silence this long after the head, then the whole body at once.
    Burst(Duration),
    /// This `Content-Type` instead of the recorded one.
    ContentType(String),
    /// The blank lines removed.
    NoBlankLine,
    /// `retry: MS` first, the recorded `retry` fields removed.
    Retry(u64),
}

impl Fault {
    /// Reads `name[:argument]`, e.g. `drop-after:3`.
    ///
    /// # Errors
    /// An unknown name (with the list of names), or a missing or wrong number.
    pub fn parse(text: &str) -> Result<Self, String> {
        let (name, argument) = match text.trim().split_once(':') {
            Some((name, argument)) => (name, Some(argument.trim())),
            None => (text.trim(), None),
        };
        let number = |default: Option<u64>| -> Result<u64, String> {
            match (argument, default) {
                (None | Some(""), Some(default)) => Ok(default),
                (Some(digits), _) => digits
                    .parse::<u64>()
                    .ok()
                    .filter(|number| *number <= MAX_MS)
                    .ok_or_else(|| {
                        format!("The fault \u{201c}{text}\u{201d} needs a whole number from 0 to {MAX_MS} after the colon.")
                    }),
                (None, None) => Err(format!(
                    "The fault \u{201c}{name}\u{201d} needs a number: {name}:N."
                )),
            }
        };
        let count =
            |default| number(Some(default)).map(|n| usize::try_from(n).unwrap_or(usize::MAX));
        let ms = |default| number(default).map(Duration::from_millis);
        Ok(match name {
            "drop-after" => Self::DropAfter(count(1)?),
            "cut-mid-event" => Self::CutMidEvent(count(1)?),
            "delay-first-byte" => Self::DelayFirstByte(ms(Some(3000))?),
            "gzip" => Self::Gzip,
            "burst" => Self::Burst(ms(Some(3000))?),
            "content-type" => Self::ContentType(
                argument
                    .filter(|value| !value.is_empty())
                    .unwrap_or("text/plain; charset=utf-8")
                    .to_owned(),
            ),
            "no-blank-line" => Self::NoBlankLine,
            "retry" => Self::Retry(number(None)?),
            _ => {
                return Err(format!(
                    "Unknown fault \u{201c}{name}\u{201d}: use one of {}.",
                    NAMES.join(", ")
                ));
            }
        })
    }

    /// Reads a comma-separated list of faults (empty text: none).
    ///
    /// # Errors
    /// As [`Fault::parse`], for the first wrong one.
    pub fn parse_list(text: &str) -> Result<Vec<Self>, String> {
        text.split(',')
            .filter(|fault| !fault.trim().is_empty())
            .map(Self::parse)
            .collect()
    }

    /// Applies the fault to `replay`.
    pub fn apply(&self, replay: &mut Replay) {
        match self {
            Self::DropAfter(events) => {
                if let Some(end) = nth_event_end(replay, *events) {
                    replay.truncate(end, EndHow::Drop);
                }
            }
            Self::CutMidEvent(events) => {
                let ends = event_ends(&replay.body);
                let start = events
                    .checked_sub(1)
                    .map_or(Some(0), |index| ends.get(index).copied());
                if let (Some(start), Some(end)) = (start, ends.get(*events)) {
                    replay.truncate(start + (end - start) / 2, EndHow::Clean);
                }
            }
            Self::DelayFirstByte(delay) => replay.delay(*delay),
            Self::Gzip => {
                let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
                if let Ok(compressed) = encoder
                    .write_all(&replay.body)
                    .and_then(|()| encoder.finish())
                {
                    let at = replay.reads.last().map_or(replay.head_at, |(at, _)| *at);
                    replay.body = Bytes::from(compressed);
                    replay.reads = vec![(at, 0)];
                    replay.set_header("content-encoding", "gzip");
                }
            }
            Self::Burst(quiet) => {
                let at = replay.head_at + *quiet;
                replay.reads = vec![(at, 0)];
                replay.end_at = replay.end_at.max(at);
            }
            Self::ContentType(value) => replay.set_header("content-type", value),
            Self::NoBlankLine => remove_lines(replay, |line| line.is_empty()),
            Self::Retry(ms) => {
                remove_lines(replay, |line| {
                    line == b"retry" || line.starts_with(b"retry:")
                });
                let first = format!("retry: {ms}\n\n");
                let shift = first.len();
                let mut body = first.into_bytes();
                body.extend_from_slice(&replay.body);
                replay.rewrite(
                    Bytes::from(body),
                    |old| if old == 0 { 0 } else { old + shift },
                );
            }
        }
    }
}

/// The offset just after the `count`th event of the replay's body (none for 0 or too few).
fn nth_event_end(replay: &Replay, count: usize) -> Option<usize> {
    event_ends(&replay.body).get(count.checked_sub(1)?).copied()
}

/// Removes the lines (with their line endings) for which `is_removed(line)` holds, the line
/// without its ending; each read keeps what is left of it.
fn remove_lines(replay: &mut Replay, is_removed: impl Fn(&[u8]) -> bool) {
    let body = &replay.body;
    // The byte ranges kept, in order.
    let mut kept: Vec<(usize, usize)> = Vec::new();
    let mut line_start = 0;
    while line_start < body.len() {
        let rest = &body[line_start..];
        let (content, ending) = match memchr::memchr2(b'\r', b'\n', rest) {
            Some(at) if rest[at] == b'\r' && rest.get(at + 1) == Some(&b'\n') => (at, 2),
            Some(at) => (at, 1),
            None => (rest.len(), 0),
        };
        let line_end = line_start + content + ending;
        if !is_removed(&rest[..content]) || ending == 0 {
            kept.push((line_start, line_end));
        }
        line_start = line_end;
    }
    let mut new_body = Vec::with_capacity(body.len());
    for (start, end) in &kept {
        new_body.extend_from_slice(&body[*start..*end]);
    }
    let map = |old: usize| {
        kept.iter()
            .map(|(start, end)| end.min(&old).saturating_sub(*start))
            .sum()
    };
    replay.rewrite(Bytes::from(new_body), map);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticks(count: usize) -> Replay {
        let events: Vec<String> = (1..=count)
            .map(|n| format!("id: {n}\ndata: {n}\n\n"))
            .collect();
        Replay::of_pieces(
            "text/event-stream",
            events
                .iter()
                .map(|event| (Duration::from_millis(100), event.as_str())),
        )
    }

    fn reads(replay: &Replay) -> Vec<(u128, String)> {
        (0..replay.reads.len())
            .map(|index| {
                (
                    replay.reads[index].0.as_millis(),
                    String::from_utf8_lossy(&replay.read_bytes(index)).into_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn every_fault_reads_back_from_its_name_and_a_wrong_one_says_what_to_use() {
        assert_eq!(
            Fault::parse_list(
                "drop-after:3, cut-mid-event,delay-first-byte:250,gzip,burst:10,content-type,no-blank-line,retry:5"
            ),
            Ok(vec![
                Fault::DropAfter(3),
                Fault::CutMidEvent(1),
                Fault::DelayFirstByte(Duration::from_millis(250)),
                Fault::Gzip,
                Fault::Burst(Duration::from_millis(10)),
                Fault::ContentType("text/plain; charset=utf-8".into()),
                Fault::NoBlankLine,
                Fault::Retry(5),
            ])
        );
        assert!(
            Fault::parse("slow")
                .expect_err("unknown")
                .contains("use one of drop-after,")
        );
        assert!(
            Fault::parse("retry")
                .expect_err("no number")
                .contains("retry:N")
        );
        assert!(
            Fault::parse("burst:9999999")
                .expect_err("too long")
                .contains("0 to 600000")
        );
        assert_eq!(Fault::parse_list(""), Ok(vec![]));
    }

    #[test]
    fn drop_after_cuts_the_connection_right_after_that_event() {
        let mut replay = ticks(5);
        Fault::DropAfter(2).apply(&mut replay);
        assert_eq!(
            reads(&replay),
            [
                (100, "id: 1\ndata: 1\n\n".into()),
                (200, "id: 2\ndata: 2\n\n".into())
            ]
        );
        assert_eq!((replay.end, replay.end_at.as_millis()), (EndHow::Drop, 200));
        let mut short = ticks(1);
        Fault::DropAfter(2).apply(&mut short);
        assert_eq!(short.end, EndHow::Clean, "fewer events: nothing to cut");
    }

    #[test]
    fn cut_mid_event_ends_halfway_through_the_next_event() {
        let mut replay = ticks(3);
        Fault::CutMidEvent(1).apply(&mut replay);
        assert_eq!(
            reads(&replay),
            [(100, "id: 1\ndata: 1\n\n".into()), (200, "id: 2\nd".into())]
        );
        assert_eq!(replay.end, EndHow::Clean);
    }

    #[test]
    fn delay_burst_and_gzip_move_or_merge_the_reads() {
        let mut delayed = ticks(2);
        Fault::DelayFirstByte(Duration::from_millis(1000)).apply(&mut delayed);
        assert_eq!(delayed.head_at.as_millis(), 1000);
        assert_eq!(delayed.reads[0].0.as_millis(), 1100);
        let mut burst = ticks(3);
        Fault::Burst(Duration::from_millis(2000)).apply(&mut burst);
        assert_eq!(
            reads(&burst),
            [(2000, String::from_utf8_lossy(&ticks(3).body).into_owned())]
        );
        let mut gzipped = ticks(3);
        Fault::Gzip.apply(&mut gzipped);
        assert_eq!(gzipped.header("content-encoding"), Some("gzip"));
        assert_eq!(gzipped.reads, [(Duration::from_millis(300), 0)]);
        let mut decoder = flate2::read::GzDecoder::new(&gzipped.body[..]);
        let mut text = String::new();
        std::io::Read::read_to_string(&mut decoder, &mut text).expect("gzip");
        assert_eq!(text.as_bytes(), &ticks(3).body[..]);
    }

    #[test]
    fn no_blank_line_and_retry_rewrite_the_lines_read_by_read() {
        let mut replay = Replay::of_pieces(
            "text/event-stream",
            [
                (Duration::ZERO, "retry: 10\r\ndata: 1\r\n\r"),
                (Duration::from_millis(5), "\ndata: 2\n\n"),
            ],
        );
        let original = replay.clone();
        Fault::NoBlankLine.apply(&mut replay);
        assert_eq!(
            reads(&replay),
            [
                (0, "retry: 10\r\ndata: 1\r\n".into()),
                (5, "data: 2\n".into())
            ]
        );
        let mut retried = original;
        Fault::Retry(5000).apply(&mut retried);
        assert_eq!(
            reads(&retried),
            [
                (0, "retry: 5000\n\ndata: 1\r\n\r".into()),
                (5, "\ndata: 2\n\n".into())
            ]
        );
        let mut typed = ticks(1);
        Fault::ContentType("text/plain".into()).apply(&mut typed);
        assert_eq!(
            typed.headers,
            [("content-type".to_owned(), "text/plain".to_owned())]
        );
    }
}
