//! `drive`: one session of a request over the network, as the app runs it — each connection's
//! bytes through the core's `ConnectionRun` into a `SessionLog`, reconnections by the request's
//! policy (`Reconnection`), and the request's stop rules, which end the session cleanly.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use sse_studio_core::checks::stop_rule::{StopRule, due, met_by_last_event, next_deadline};
use sse_studio_core::request::capture::sent_request;
use sse_studio_core::request::draft::PreparedRequest;
use sse_studio_core::session::close_reason::CloseReason;
use sse_studio_core::session::connection_run::ConnectionRun;
use sse_studio_core::session::log::SessionLog;
use sse_studio_core::session::reading::Reading;
use sse_studio_core::session::reconnect::ReconnectPolicy;
use tokio::time::Instant;

/// How a session runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// When it ends by itself.
    pub stop_rules: Vec<StopRule>,
    /// Whether and how it reconnects.
    pub reconnect: ReconnectPolicy,
    /// How its stream is read: record types, an answer rule.
    pub reading: Reading,
}

/// A session about to start: its log (named by `target`, the request with secrets masked) and
/// the instant its times count from.
pub fn start(target: String) -> (SessionLog, Instant) {
    let unix_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |since| since.as_secs_f64() * 1000.0);
    (SessionLog::new(1, target, unix_ms, 0), Instant::now())
}

/// Runs `request` (with secrets) into `log`, started at `started` (see [`start`]), until its
/// session closes: the server ends it and no reconnection follows, a connection fails for good,
/// or a stop rule is met. `on_events` is told of each batch of new events (the log, the first
/// new index) as they arrive. Dropping the future leaves `log` as it was then, open (the caller
/// closes it, e.g. as aborted on Ctrl+C).
pub async fn drive(
    client: &reqwest::Client,
    request: &PreparedRequest,
    log: &mut SessionLog,
    started: Instant,
    options: &Options,
    mut on_events: impl FnMut(&SessionLog, usize),
) {
    let now_ms = || started.elapsed().as_secs_f64() * 1000.0;
    let rules = &options.stop_rules;
    let mut reconnection = request.reconnection(options.reconnect);
    let mut last_event_id = request.last_event_id().to_owned();
    // What the request carried: reconnecting an MCP POST looks at its body.
    log.sent = sent_request(&request.masked(), &[], None);
    log.sent.reading = options.reading.clone();
    log.begin_connection(0.0, None, &last_event_id);
    loop {
        let mut run = ConnectionRun::resuming(&last_event_id);
        let sent = if log.connections().len() > 1 {
            request.reconnecting(&last_event_id)
        } else {
            request.resuming(&last_event_id)
        };
        let ending = match connect(client, &sent, log, rules, started).await {
            Connected::Stopped => return,
            Connected::Failed(message) => run.failed(log, message, now_ms()),
            Connected::Opened(mut response) => {
                run.opened(
                    log,
                    response.status().as_u16(),
                    response
                        .status()
                        .canonical_reason()
                        .unwrap_or_default()
                        .to_owned(),
                    response
                        .headers()
                        .iter()
                        .map(|(name, value)| {
                            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                            (name.as_str().to_owned(), value)
                        })
                        .collect(),
                    now_ms(),
                );
                loop {
                    let deadline = deadline_of(rules, log, started);
                    tokio::select! {
                        chunk = response.chunk() => match chunk {
                            Ok(Some(bytes)) => {
                                let from = log.event_count();
                                // The run stops at the event that meets a rule, even mid-chunk.
                                let mut met = None;
                                run.chunk_part_until(log, &bytes, now_ms(), false, |log| {
                                    met = met_by_last_event(rules, log);
                                    met.is_some()
                                });
                                if log.event_count() > from {
                                    on_events(log, from);
                                }
                                if let Some(rule) = met {
                                    log.close(CloseReason::StoppedByRule { rule }, now_ms());
                                    return;
                                }
                            }
                            Ok(None) => break run.ended(log, now_ms()),
                            Err(error) => break run.failed(log, describe(&error), now_ms()),
                        },
                        () = sleep_until(deadline) => {
                            if stop_if_due(rules, log, now_ms()) {
                                return;
                            }
                        }
                    }
                }
            }
        };
        let Some(delay_ms) = reconnection.after_end(log, &ending, now_ms(), jitter()) else {
            return;
        };
        last_event_id = ending.last_event_id;
        let resume_at = Instant::now() + Duration::from_secs_f64(delay_ms / 1000.0);
        loop {
            let deadline = deadline_of(rules, log, started);
            tokio::select! {
                () = tokio::time::sleep_until(resume_at) => break,
                () = sleep_until(deadline) => {
                    if stop_if_due(rules, log, now_ms()) {
                        return;
                    }
                }
            }
        }
    }
}

/// How sending a request went.
enum Connected {
    /// The response head arrived.
    Opened(reqwest::Response),
    /// The request failed, with why.
    Failed(String),
    /// A stop rule was met while waiting (the log is closed).
    Stopped,
}

/// Sends `request`, waiting for its head until a stop rule's deadline.
async fn connect(
    client: &reqwest::Client,
    request: &PreparedRequest,
    log: &mut SessionLog,
    rules: &[StopRule],
    started: Instant,
) -> Connected {
    let builder = match build(client, request) {
        Ok(builder) => builder,
        Err(message) => return Connected::Failed(message),
    };
    let send = builder.send();
    tokio::pin!(send);
    loop {
        let deadline = deadline_of(rules, log, started);
        tokio::select! {
            response = &mut send => return match response {
                Ok(response) => Connected::Opened(response),
                Err(error) => Connected::Failed(describe(&error)),
            },
            () = sleep_until(deadline) => {
                let now_ms = started.elapsed().as_secs_f64() * 1000.0;
                if stop_if_due(rules, log, now_ms) {
                    return Connected::Stopped;
                }
            }
        }
    }
}

/// The reqwest request for `request`.
fn build(
    client: &reqwest::Client,
    request: &PreparedRequest,
) -> Result<reqwest::RequestBuilder, String> {
    let method = reqwest::Method::from_bytes(request.method.as_str().as_bytes())
        .map_err(|error| error.to_string())?;
    let mut headers = HeaderMap::new();
    for (name, value) in &request.headers {
        let name = HeaderName::from_bytes(name.trim().as_bytes())
            .map_err(|_| format!("\u{201c}{name}\u{201d} is not a valid header name"))?;
        let value = HeaderValue::from_str(value.trim())
            .map_err(|_| format!("the value of {name} is not a valid header value"))?;
        headers.append(name, value);
    }
    let mut builder = client.request(method, &request.url).headers(headers);
    if let Some(body) = &request.body {
        builder = builder.body(body.clone());
    }
    Ok(builder)
}

/// A reqwest error as one line, with its causes (reqwest's own says only "error sending
/// request").
fn describe(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// When the next time rule of `rules` falls due, if there is one.
fn deadline_of(rules: &[StopRule], log: &SessionLog, started: Instant) -> Option<Instant> {
    next_deadline(rules, log)
        .map(|(at_ms, _)| started + Duration::from_secs_f64(at_ms.max(0.0) / 1000.0))
}

/// Sleeps until `deadline`, or forever without one.
async fn sleep_until(deadline: Option<Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline).await,
        None => std::future::pending().await,
    }
}

/// Closes the session if a time rule is due at `now_ms`; says whether it did.
fn stop_if_due(rules: &[StopRule], log: &mut SessionLog, now_ms: f64) -> bool {
    match due(rules, log, now_ms) {
        Some(rule) => {
            log.close(CloseReason::StoppedByRule { rule }, now_ms);
            true
        }
        None => false,
    }
}

/// A random number in [0, 1), to spread reconnections (no need for a random crate: the
/// standard library seeds each `RandomState` randomly).
fn jitter() -> f64 {
    let bits = RandomState::new().build_hasher().finish() >> 11;
    bits as f64 / (1u64 << 53) as f64
}
