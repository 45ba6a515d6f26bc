//! Plain-language diagnostics of a run: what went wrong in transport (the usual reasons a
//! stream "is dead" that are not the application's fault), each with its likely cause and the
//! fix; and notices about what the decoder had to skip.

use sse_codec::{Limit, LimitExceeded};

use crate::ai::answer::Answer;
use crate::present::format::{format_bytes, format_duration_ms};
use crate::session::close_reason::CloseReason;
use crate::session::log::SessionLog;
use crate::session::response_head::ResponseHead;

/// ms without progress after which a silence counts as one (a stall, a held-back burst, an idle
/// drop).
pub const SILENCE_MS: f64 = 2000.0;
/// Events arriving at the same moment after a silence that make a burst.
const BURST_EVENTS: usize = 5;
/// Bytes of pending data shown in a finding.
const PENDING_SHOWN_BYTES: u64 = 300;

/// What a finding is about (its id in the page, `data-kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingKind {
    /// A 2xx response whose media type is not `text/event-stream`.
    NotEventStream,
    /// `Content-Encoding` on the stream.
    Compressed,
    /// No `Cache-Control: no-cache` (or `no-store`) on the stream.
    NoCacheControl,
    /// Data lines received but no event dispatched for a while.
    NoDispatch,
    /// A silence, then many events at once.
    Burst,
    /// The body ended inside an event.
    EndedMidEvent,
    /// The connection dropped after a silence.
    IdleDrop,
    /// The request failed with no response at all.
    NoResponse,
    /// The stream set reconnection times.
    Retry,
    /// Blocks of fields ended without data, so nothing was dispatched for them.
    Undispatched,
    /// After a reconnection the server repeated ids it had sent.
    RepeatedIds,
    /// After a reconnection the server skipped numeric ids.
    SkippedIds,
    /// A JSON-RPC (MCP) protocol fault (see `crate::analysis::conversation`).
    JsonRpc(crate::jsonrpc::exchange::FindingKind),
    /// An AI stream's events out of its dialect's order (see [`crate::ai::order`]).
    AiOrder,
}

impl FindingKind {
    /// Its id, kebab-case.
    pub fn id(self) -> &'static str {
        match self {
            Self::NotEventStream => "not-event-stream",
            Self::Compressed => "compressed",
            Self::NoCacheControl => "no-cache-control",
            Self::NoDispatch => "no-dispatch",
            Self::Burst => "burst",
            Self::EndedMidEvent => "ended-mid-event",
            Self::IdleDrop => "idle-drop",
            Self::NoResponse => "no-response",
            Self::Retry => "retry",
            Self::Undispatched => "undispatched",
            Self::RepeatedIds => "repeated-ids",
            Self::SkippedIds => "skipped-ids",
            Self::JsonRpc(kind) => kind.id(),
            Self::AiOrder => "ai-order",
        }
    }
}

/// One diagnostic: what was seen, why it happens, what to do.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// What it is about.
    pub kind: FindingKind,
    /// What was seen, one line.
    pub title: String,
    /// The likely cause.
    pub cause: String,
    /// What to do.
    pub fix: String,
    /// Bytes to show with it (pending data), if any.
    pub excerpt: Option<String>,
    /// Whether it is only information (not a fault).
    pub is_note: bool,
}

impl Finding {
    fn problem(kind: FindingKind, title: String, cause: &str, fix: &str) -> Self {
        Self {
            kind,
            title,
            cause: cause.into(),
            fix: fix.into(),
            excerpt: None,
            is_note: false,
        }
    }
}

/// The order faults of an AI stream's answer as diagnostics (beside the transport's), titled
/// with the dialect.
pub fn order_findings(answer: &Answer) -> impl Iterator<Item = Finding> + '_ {
    answer.order_faults.iter().map(|fault| Finding {
        kind: FindingKind::AiOrder,
        title: format!("{}: {}", answer.dialect.name(), fault.title),
        cause: fault.cause.clone(),
        fix: fault.fix.clone(),
        excerpt: None,
        is_note: false,
    })
}

/// " (3 times)" for `times` over 1, else nothing.
fn times_suffix(times: usize) -> String {
    if times > 1 {
        format!(" ({times} times)")
    } else {
        String::new()
    }
}

/// A check for one kind of finding on a run whose response is an event stream.
type Check = fn(&SessionLog, &ResponseHead) -> Option<Finding>;

/// The findings for the run in `log`, measured up to its close (or its last chunk while open),
/// in this order: no response, not an event stream, then [`HEAD_CHECKS`]' (not for a stream
/// opened offline, whose head only says how it is decoded) and [`STREAM_CHECKS`]'.
pub fn diagnose(log: &SessionLog) -> Vec<Finding> {
    let Some(head) = log.first_response() else {
        return no_response(log).into_iter().collect();
    };
    let mut findings: Vec<Finding> = not_event_stream(head).into_iter().collect();
    if head.is_event_stream {
        let head_checks = if log.is_offline {
            &[][..]
        } else {
            &HEAD_CHECKS
        };
        findings.extend(
            head_checks
                .iter()
                .chain(&STREAM_CHECKS)
                .filter_map(|check| check(log, head)),
        );
    }
    findings
}

/// The checks of an event stream's response head, in the order their findings are listed.
const HEAD_CHECKS: [Check; 2] = [compressed, no_cache_control];

/// The checks of an event stream's body, in the order their findings are listed.
const STREAM_CHECKS: [Check; 8] = [
    no_dispatch,
    burst,
    ended_mid_event,
    idle_drop,
    undispatched,
    repeated_ids,
    skipped_ids,
    retry,
];

/// [`FindingKind::NoResponse`]: the run failed before any response head.
fn no_response(log: &SessionLog) -> Option<Finding> {
    let Some(CloseReason::NetworkError { .. }) = log.closed.as_ref().map(|c| &c.reason) else {
        return None;
    };
    Some(Finding::problem(
        FindingKind::NoResponse,
        "The request failed before any response arrived.".into(),
        "The server is down or the URL is wrong — or, most often for a server on another \
         origin, it does not allow this page with CORS (Access-Control-Allow-Origin), and \
         the browser hides its answer.",
        "If the same request works with curl, send it via the relay (or add CORS headers \
         on the server).",
    ))
}

/// [`FindingKind::NotEventStream`]: a 2xx response of another media type.
fn not_event_stream(head: &ResponseHead) -> Option<Finding> {
    (head.is_success() && !head.is_event_stream).then(|| {
        Finding::problem(
            FindingKind::NotEventStream,
            format!(
                "The response is {}, not text/event-stream.",
                head.header("content-type")
                    .unwrap_or("without a Content-Type")
            ),
            "EventSource refuses such a response and never reconnects; many proxies also \
             buffer anything that is not an event stream.",
            "Send Content-Type: text/event-stream. To look at this body as events anyway, \
             decode it as an event stream.",
        )
    })
}

/// [`FindingKind::Compressed`]: a `Content-Encoding` other than `identity`.
fn compressed(_: &SessionLog, head: &ResponseHead) -> Option<Finding> {
    let encoding = head
        .header("content-encoding")
        .filter(|e| !e.eq_ignore_ascii_case("identity"))?;
    Some(Finding::problem(
        FindingKind::Compressed,
        format!("The stream is compressed (Content-Encoding: {encoding})."),
        "A compressor holds bytes back until it has enough to compress, so events arrive late, \
         in bursts, or only when the stream ends.",
        "Exclude text/event-stream from response compression (or flush the compressor after \
         each event).",
    ))
}

/// [`FindingKind::NoCacheControl`]: neither `no-cache` nor `no-store` in `Cache-Control`.
fn no_cache_control(_: &SessionLog, head: &ResponseHead) -> Option<Finding> {
    let cache_control = head
        .header("cache-control")
        .unwrap_or("")
        .to_ascii_lowercase();
    (!cache_control.contains("no-cache") && !cache_control.contains("no-store")).then(|| {
        Finding::problem(
            FindingKind::NoCacheControl,
            "The stream has no Cache-Control: no-cache.".into(),
            "A cache or proxy between here and the server may hold the response back or \
             answer from a stored copy.",
            "Send Cache-Control: no-cache with the stream.",
        )
    })
}

/// [`FindingKind::NoDispatch`]: field lines after the last event, not dispatched for
/// [`SILENCE_MS`] or more (not counted when the run ended mid-event: that has its own finding).
fn no_dispatch(log: &SessionLog, _: &ResponseHead) -> Option<Finding> {
    let until = log
        .closed
        .as_ref()
        .map(|closed| closed.at_ms)
        .or(log.last_chunk_ms())?;
    if let Some(CloseReason::Truncated { .. }) = log.closed.as_ref().map(|c| &c.reason) {
        return None;
    }
    let pending = pending_data(log)?;
    let since = log
        .event(log.event_count().saturating_sub(1))
        .map_or(log.first_chunk_ms().unwrap_or(0.0), |event| event.at_ms);
    if until - since < SILENCE_MS {
        return None;
    }
    let mut finding = Finding::problem(
        FindingKind::NoDispatch,
        format!(
            "Data arrived but no event was dispatched for {}.",
            format_duration_ms(until - since)
        ),
        "An event is dispatched at a blank line; these data lines are not followed by one \
         (each event must end with an empty line: \"data: …\\n\\n\").",
        "End every event with a blank line, and flush after writing it.",
    );
    finding.excerpt = Some(pending);
    Some(finding)
}

/// [`FindingKind::EndedMidEvent`]: a connection's body ended inside an event (the first such
/// connection's pending bytes shown, the others counted).
fn ended_mid_event(log: &SessionLog, _: &ResponseHead) -> Option<Finding> {
    let mut truncated = log.connections().iter().filter_map(|connection| {
        match &connection.ended.as_ref()?.reason {
            CloseReason::Truncated { pending, .. } => Some(pending),
            _ => None,
        }
    });
    let pending = truncated.next()?;
    let times = 1 + truncated.count();
    let mut finding = Finding::problem(
        FindingKind::EndedMidEvent,
        format!(
            "The stream ended in the middle of an event, which was not dispatched{}.",
            times_suffix(times)
        ),
        "The server stopped writing (or crashed, or a proxy cut it off) before the event's \
         blank line.",
        "End the last event with a blank line before closing the response.",
    );
    finding.excerpt = Some(pending.clone());
    Some(finding)
}

/// [`FindingKind::IdleDrop`]: a connection that failed after [`SILENCE_MS`] or more without a
/// chunk (the first one's silence named, the others counted).
fn idle_drop(log: &SessionLog, _: &ResponseHead) -> Option<Finding> {
    let connections = log.connections();
    let mut idle_drops = connections
        .iter()
        .enumerate()
        .filter_map(|(index, connection)| {
            let ended = connection.ended.as_ref()?;
            let CloseReason::NetworkError { .. } = ended.reason else {
                return None;
            };
            let chunks_end = connections
                .get(index + 1)
                .map_or(log.chunk_count(), |next| next.first_chunk);
            let last_chunk = chunks_end
                .checked_sub(1)
                .filter(|last| *last >= connection.first_chunk);
            let quiet = ended.at_ms - log.chunk(last_chunk?)?.at_ms;
            (quiet >= SILENCE_MS).then_some(quiet)
        });
    let quiet = idle_drops.next()?;
    let times = 1 + idle_drops.count();
    Some(Finding::problem(
        FindingKind::IdleDrop,
        format!(
            "The connection dropped after {} without data{}.",
            format_duration_ms(quiet),
            times_suffix(times)
        ),
        "A proxy, load balancer or the server closes connections that stay idle for a fixed \
         time.",
        "Send a keepalive comment (a line \": ping\" and a blank line) more often than that \
         timeout, e.g. every 15 s.",
    ))
}

/// [`FindingKind::Undispatched`]: blocks that ended with an empty data buffer (the first shown).
fn undispatched(log: &SessionLog, _: &ResponseHead) -> Option<Finding> {
    let (undispatched, count) = log.undispatched();
    let (event_type, span) = undispatched.first()?;
    let mut finding = Finding::problem(
        FindingKind::Undispatched,
        format!(
            "{count} block(s) ended with no data line, so no event was dispatched for them (one \
             of type \u{201c}{event_type}\u{201d})."
        ),
        "A client dispatches an event only when its data buffer is not empty: a block with an \
         `event` line and no `data` line is dropped by every EventSource.",
        "Send at least one data line with every event, even an empty one (`data:`).",
    );
    finding.excerpt = Some(String::from_utf8_lossy(&log.raw_bytes(span.clone())).into_owned());
    Some(finding)
}

/// [`FindingKind::RepeatedIds`]: naming the first reconnection after which the server sent ids
/// again, and counting the later ones.
fn repeated_ids(log: &SessionLog, _: &ResponseHead) -> Option<Finding> {
    let mut repeated = log.resumptions().iter().filter(|found| found.repeated > 0);
    let found = repeated.next()?;
    let others = repeated.count();
    Some(Finding::problem(
        FindingKind::RepeatedIds,
        format!(
            "After reconnection {} (Last-Event-ID: \u{201c}{}\u{201d}) the server sent {} id(s) \
             it had already sent, starting with \u{201c}{}\u{201d}{}.",
            found.connection,
            found.sent_id,
            found.repeated,
            found.first_repeated.as_deref().unwrap_or_default(),
            if others > 0 {
                format!("; so did {others} later reconnection(s)")
            } else {
                String::new()
            }
        ),
        "The server ignores the Last-Event-ID header (it starts over), or replays more than the \
         events after that id: clients see events twice.",
        "Read Last-Event-ID on reconnection and send only the events after it.",
    ))
}

/// [`FindingKind::SkippedIds`]: naming the first reconnection after which numeric ids went on
/// past a gap, and counting the later ones.
fn skipped_ids(log: &SessionLog, _: &ResponseHead) -> Option<Finding> {
    let mut skipped = log
        .resumptions()
        .iter()
        .filter_map(|found| Some((found, found.skipped?)));
    let (found, (from, to)) = skipped.next()?;
    let others = skipped.count();
    Some(Finding::problem(
        FindingKind::SkippedIds,
        format!(
            "After reconnection {} (Last-Event-ID: {}) the server went on from id {}: ids \
             {from}\u{2013}{to} never arrived{}.",
            found.connection,
            found.sent_id,
            to + 1,
            if others > 0 {
                format!("; ids were skipped at {others} later reconnection(s) too")
            } else {
                String::new()
            }
        ),
        "Events sent while the client was away were not kept for replay (or the ids are not \
         consecutive by design).",
        "Keep recent events and replay those after Last-Event-ID; if ids are not meant to be \
         consecutive, ignore this.",
    ))
}

/// [`FindingKind::Retry`], a note: the distinct reconnection times the stream set, the first
/// five (a stream may send one with every event).
fn retry(log: &SessionLog, _: &ResponseHead) -> Option<Finding> {
    let mut retries: Vec<String> = Vec::new();
    for ms in log.retries() {
        let value = format!("{ms} ms");
        if retries.len() == 5 {
            retries.push("…".into());
            break;
        }
        if !retries.contains(&value) {
            retries.push(value);
        }
    }
    (!retries.is_empty()).then(|| Finding {
        kind: FindingKind::Retry,
        title: format!(
            "The stream set the reconnection time: {}.",
            retries.join(", ")
        ),
        cause: "A client waits this long before reconnecting after the connection ends; retry \
                values that are not all digits are ignored."
            .into(),
        fix: "Keep it long enough not to hammer the server when it is down (a few seconds).".into(),
        excerpt: None,
        is_note: true,
    })
}

/// The pending bytes after the last event, shown as text, when they hold a field line (not only
/// comments and blank lines, as keepalives are).
fn pending_data(log: &SessionLog) -> Option<String> {
    let pending = log.bytes_after_last_event();
    let shown = pending.start..pending.end.min(pending.start + PENDING_SHOWN_BYTES);
    let bytes = log.raw_bytes(shown);
    let text = String::from_utf8_lossy(&bytes);
    text.lines()
        .any(|line| !line.is_empty() && !line.starts_with(':'))
        .then(|| text.into_owned())
}

/// [`FindingKind::Burst`]: a silence of at least [`SILENCE_MS`] (before the first event, or the largest between two),
/// after which [`BURST_EVENTS`] or more events arrived at the same moment.
fn burst(log: &SessionLog, head: &ResponseHead) -> Option<Finding> {
    let first = log.event(0)?;
    // From the response head: chunks (keepalives too) only come after it.
    let silence_before_first = first.at_ms - head.at_ms;
    let (silence, after) = match log.largest_gap() {
        Some((gap, after)) if gap > silence_before_first => (gap, after),
        _ => (silence_before_first, 0),
    };
    if silence < SILENCE_MS {
        return None;
    }
    let at = log.event(after)?.at_ms;
    let together = (after..log.event_count())
        .take(1000)
        .take_while(|index| log.event(*index).is_some_and(|event| event.at_ms == at))
        .count();
    (together >= BURST_EVENTS).then(|| {
        Finding::problem(
            FindingKind::Burst,
            format!(
                "{together} events arrived at once after {} of silence.",
                format_duration_ms(silence)
            ),
            "Something between the server and here buffers the stream (a reverse proxy such as \
             nginx, a CDN, or the server's own output buffer) and lets it through in lumps.",
            "Send X-Accel-Buffering: no (nginx), turn off proxy buffering for this route, and \
             flush after each event.",
        )
    })
}

/// One sentence about the lines and events discarded for exceeding the decoder's limits, or
/// `None` when nothing was discarded.
pub fn limit_notice(discarded: &[LimitExceeded]) -> Option<String> {
    let first = discarded.first()?;
    let lines = discarded
        .iter()
        .filter(|exceeded| exceeded.limit == Limit::Line)
        .count();
    let events = discarded.len() - lines;
    let mut parts = Vec::new();
    if lines > 0 {
        parts.push(plural(lines, "line"));
    }
    if events > 0 {
        parts.push(plural(events, "event"));
    }
    Some(format!(
        "Discarded {} over the {} limit (first at byte {}). Such a stream is likely missing line \
         endings, or sends payloads too large to inspect here.",
        parts.join(" and "),
        format_bytes(first.max_bytes as u64),
        first.offset
    ))
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::connection_run::ConnectionRun;

    /// The kinds found for a run opened with `headers` at 5 ms that received `chunks` (at ms)
    /// and then `end`ed ("clean" or "drop") at `end_ms`.
    fn kinds(
        headers: &[(&str, &str)],
        chunks: &[(f64, &str)],
        end: &str,
        end_ms: f64,
    ) -> Vec<FindingKind> {
        findings(headers, chunks, end, end_ms)
            .iter()
            .map(|f| f.kind)
            .collect()
    }

    fn findings(
        headers: &[(&str, &str)],
        chunks: &[(f64, &str)],
        end: &str,
        end_ms: f64,
    ) -> Vec<Finding> {
        let mut log = SessionLog::new(1, "GET /s".into(), 0.0, 0);
        let mut run = ConnectionRun::new();
        let headers = headers
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect();
        run.opened(&mut log, 200, "OK".into(), headers, 5.0);
        for (at_ms, bytes) in chunks {
            run.chunk(&mut log, bytes.as_bytes(), *at_ms);
        }
        match end {
            "clean" => run.ended(&mut log, end_ms),
            _ => run.failed(&mut log, "network error".into(), end_ms),
        };
        log.close_as_last_connection_ended();
        diagnose(&log)
    }

    const GOOD: &[(&str, &str)] = &[
        ("content-type", "text/event-stream"),
        ("cache-control", "no-cache"),
    ];

    #[test]
    fn a_healthy_stream_has_no_findings() {
        let chunks = [
            (10.0, "data: 1\n\n"),
            (2500.0, ": ping\n\n"),
            (5000.0, "data: 2\n\n"),
        ];
        assert_eq!(kinds(GOOD, &chunks, "clean", 5001.0), vec![]);
    }

    #[test]
    fn wrong_media_type_compression_and_missing_cache_control_are_named() {
        let text = [("content-type", "text/plain")];
        assert_eq!(
            kinds(&text, &[(10.0, "data: 1\n\n")], "clean", 20.0),
            vec![FindingKind::NotEventStream]
        );
        let gzip = [
            ("content-type", "text/event-stream"),
            ("content-encoding", "gzip"),
        ];
        assert_eq!(
            kinds(&gzip, &[(10.0, "data: 1\n\n")], "clean", 20.0),
            vec![FindingKind::Compressed, FindingKind::NoCacheControl]
        );
    }

    #[test]
    fn a_stream_opened_offline_is_not_faulted_for_a_head_it_never_had() {
        // A file or pasted text gets a head with only its media type: no Cache-Control.
        let mut log = SessionLog::new(1, "pasted text".into(), 0.0, 0);
        log.is_offline = true;
        let mut run = ConnectionRun::new();
        let head = vec![("content-type".to_owned(), "application/x-ndjson".to_owned())];
        run.opened(&mut log, 200, String::new(), head, 0.0);
        run.chunk(&mut log, b"{\"a\":1}\n{\"b\"", 0.0);
        run.ended(&mut log, 0.0);
        log.close_as_last_connection_ended();
        assert_eq!(diagnose(&log), []);
    }

    #[test]
    fn data_without_a_blank_line_is_caught_with_the_pending_bytes_but_keepalives_are_not() {
        let chunks = [
            (10.0, "data: a\n"),
            (1500.0, "data: b\n"),
            (2600.0, "data: c\n"),
        ];
        let found = findings(GOOD, &chunks, "drop", 3000.0);
        assert_eq!(found[0].kind, FindingKind::NoDispatch);
        assert_eq!(
            found[0].excerpt.as_deref(),
            Some("data: a\ndata: b\ndata: c\n")
        );
        let keepalives = [
            (10.0, "data: a\n\n"),
            (1500.0, ": ping\n\n"),
            (3000.0, ": ping\n\n"),
        ];
        assert_eq!(kinds(GOOD, &keepalives, "clean", 3100.0), vec![]);
    }

    #[test]
    fn a_burst_after_silence_and_a_drop_after_silence_are_told_apart() {
        let burst: String = (1..=20).map(|n| format!("data: {n}\n\n")).collect();
        assert_eq!(
            kinds(GOOD, &[(3000.0, &burst)], "clean", 3001.0),
            vec![FindingKind::Burst]
        );
        let slow_start = [(3000.0, "data: 1\n\n"), (3100.0, "data: 2\n\n")];
        assert_eq!(
            kinds(GOOD, &slow_start, "clean", 3200.0),
            vec![],
            "a slow first token is not a burst"
        );
        let idle = [(10.0, "data: 1\n\n")];
        assert_eq!(
            kinds(GOOD, &idle, "drop", 5010.0),
            vec![FindingKind::IdleDrop]
        );
        assert_eq!(
            kinds(GOOD, &idle, "drop", 500.0),
            vec![],
            "a drop while busy is not idle"
        );
    }

    #[test]
    fn an_event_cut_off_and_retry_values_are_reported() {
        let found = findings(
            GOOD,
            &[(10.0, "retry: 250\n\ndata: 1\n\ndata: cut")],
            "clean",
            20.0,
        );
        let kinds: Vec<_> = found.iter().map(|f| f.kind).collect();
        assert_eq!(kinds, vec![FindingKind::EndedMidEvent, FindingKind::Retry]);
        assert_eq!(found[0].excerpt.as_deref(), Some("data: cut"));
        assert!(found[1].is_note && found[1].title.contains("250 ms"));
    }

    #[test]
    fn an_event_with_no_data_line_is_reported_as_lost_but_an_id_alone_is_not() {
        let found = findings(
            GOOD,
            &[(6.0, "id: 7\n\nevent: done\n\ndata: ok\n\n")],
            "clean",
            10.0,
        );
        let lost: Vec<_> = found
            .iter()
            .filter(|f| f.kind == FindingKind::Undispatched)
            .collect();
        assert_eq!(lost.len(), 1);
        assert!(lost[0].title.starts_with("1 block(s)") && lost[0].title.contains("done"));
        assert_eq!(lost[0].excerpt.as_deref(), Some("event: done\n\n"));
    }

    #[test]
    fn a_server_that_restarts_its_ids_after_a_reconnection_is_reported() {
        let mut log = SessionLog::new(1, "GET /s".into(), 0.0, 0);
        let headers = || vec![("content-type".to_owned(), "text/event-stream".to_owned())];
        let mut last_id = String::new();
        for (connection, body) in [
            "id: 1\ndata: a\n\nid: 2\ndata: b\n\n",
            "id: 1\ndata: a\n\nid: 5\ndata: e\n\n",
        ]
        .into_iter()
        .enumerate()
        {
            let at = connection as f64 * 100.0;
            log.begin_connection(at, (connection > 0).then_some(50.0), &last_id);
            let mut run = ConnectionRun::resuming(&last_id);
            run.opened(&mut log, 200, "OK".into(), headers(), at + 1.0);
            run.chunk(&mut log, body.as_bytes(), at + 2.0);
            last_id = run
                .failed(&mut log, "network error".into(), at + 3.0)
                .last_event_id;
        }
        log.close(CloseReason::Aborted, 300.0);
        let kinds: Vec<_> = diagnose(&log)
            .into_iter()
            .map(|f| (f.kind, f.title))
            .collect();
        let repeated = kinds
            .iter()
            .find(|(kind, _)| *kind == FindingKind::RepeatedIds);
        assert!(
            repeated.is_some_and(|(_, title)| title.contains("1 id(s)") && title.contains("“2”")),
            "{kinds:?}"
        );
        assert!(
            !kinds
                .iter()
                .any(|(kind, _)| *kind == FindingKind::SkippedIds)
        );
    }

    #[test]
    fn a_request_with_no_response_points_at_cors() {
        let mut log = SessionLog::new(1, "GET /s".into(), 0.0, 0);
        ConnectionRun::new().failed(&mut log, "Failed to fetch".into(), 3.0);
        log.close_as_last_connection_ended();
        let found = diagnose(&log);
        assert_eq!(found[0].kind, FindingKind::NoResponse);
        assert!(found[0].fix.contains("relay"));
    }

    fn exceeded(limit: Limit, offset: u64) -> LimitExceeded {
        LimitExceeded {
            limit,
            offset,
            max_bytes: 16 << 20,
        }
    }

    #[test]
    fn nothing_discarded_means_no_notice() {
        assert_eq!(limit_notice(&[]), None);
    }

    #[test]
    fn the_notice_counts_lines_and_events_and_names_the_first_offset() {
        let notice = limit_notice(&[
            exceeded(Limit::Line, 42),
            exceeded(Limit::Event, 99),
            exceeded(Limit::Line, 120),
        ]);
        assert_eq!(
            notice.as_deref(),
            Some(
                "Discarded 2 lines and 1 event over the 16.0 MiB limit (first at byte 42). Such a stream is \
                 likely missing line endings, or sends payloads too large to inspect here."
            )
        );
    }
}
