//! Mocks: recorded responses (core's [`Mock`] files, or `.sse` files) served at the method and
//! path they answer, read by read with the recorded timing, for `sse-studio mock` and
//! `sse-studio-server --mocks`.
//!
//! - A request with `Last-Event-ID` resumes after the event with that id (a `retry` recorded
//!   before it is sent first); an unknown id replays from the start.
//! - Faults (see [`crate::fault`]) come from the file's `faults`, from the options, and per
//!   request from `?_fault=drop-after:3,gzip`.
//! - CORS is open (`*`; a preflight is answered with the methods and headers it asks for):
//!   recordings carry no credentials.
//! - `GET /`, when no mock answers it, lists what is served; a request no mock answers gets a
//!   404 that lists them too.

mod listing;
pub mod watch;

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sse_studio_core::library::mock::{EndHow, Mock};
use tokio::time::Instant;

use crate::fault::Fault;
use crate::replay::Replay;

/// Largest request body read to match a mock, in bytes; a larger one is answered 413.
pub const MAX_REQUEST_BODY_BYTES: usize = 1 << 20;

/// Largest mock or `.sse` file loaded, in bytes.
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// How mocks are replayed.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Times are divided by this (2: twice as fast); must be above 0.
    pub speed: f64,
    /// Everything sent at once, ignoring the recorded times.
    pub no_delay: bool,
    /// Each body sent again and again instead of ending.
    pub repeat: bool,
    /// Faults applied to every response, after the file's own.
    pub faults: Vec<Fault>,
    /// ms between the event blocks of a `.sse` file.
    pub interval_ms: f64,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            speed: 1.0,
            no_delay: false,
            repeat: false,
            faults: Vec::new(),
            interval_ms: 100.0,
        }
    }
}

/// One mock as served: where it came from, the mock, and its file's faults read.
#[derive(Debug, Clone)]
pub struct Served {
    /// The file it was read from.
    pub source: PathBuf,
    /// The mock.
    pub mock: Arc<Mock>,
    /// Its body, shared by every response.
    pub body: Bytes,
    /// Its file's faults.
    pub faults: Vec<Fault>,
}

/// The mocks served and how, shared by every request (and replaced whole by [`watch`]).
#[derive(Debug, Clone)]
pub struct Mocks {
    served: Arc<RwLock<Arc<Vec<Served>>>>,
    options: Arc<Options>,
}

impl Mocks {
    /// `served`, replayed as `options` say.
    pub fn new(served: Vec<Served>, options: Options) -> Self {
        Self {
            served: Arc::new(RwLock::new(Arc::new(served))),
            options: Arc::new(options),
        }
    }

    /// The mocks served now.
    pub fn current(&self) -> Arc<Vec<Served>> {
        self.served.read().map_or_else(
            |poisoned| poisoned.into_inner().clone(),
            |served| served.clone(),
        )
    }

    /// Serves `served` from now on.
    pub fn replace(&self, served: Vec<Served>) {
        let served = Arc::new(served);
        match self.served.write() {
            Ok(mut current) => *current = served,
            Err(poisoned) => *poisoned.into_inner() = served,
        }
    }

    /// How they are replayed.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Whether some mock answers requests for `path` (any method, query or body).
    fn serves_path(&self, path: &str) -> bool {
        self.current()
            .iter()
            .any(|served| served.mock.request.path == path)
    }
}

/// Reads the mocks at `paths`: mock files (`.json`) and event stream files (`.sse`, served at
/// `/` + the file's name without `.sse`, a block per read `interval_ms` apart), and in each folder
/// those files, by name (JSON files that are not mocks are skipped there).
///
/// # Errors
/// A path that cannot be read, or a file given by name that is not a mock, with the file named.
pub fn load(paths: &[PathBuf], interval_ms: f64) -> Result<Vec<Served>, String> {
    let mut served = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = std::fs::read_dir(path)
                .map_err(|error| format!("Cannot read the folder {}: {error}.", path.display()))?;
            let mut files: Vec<PathBuf> = entries
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .filter(|file| is_mock_file(file))
                .collect();
            files.sort();
            for file in files {
                match load_file(&file, interval_ms) {
                    Ok(mock) => served.push(mock),
                    Err(NotAMock::Other(_)) => {}
                    Err(NotAMock::Wrong(message)) => return Err(message),
                }
            }
        } else {
            match load_file(path, interval_ms) {
                Ok(mock) => served.push(mock),
                Err(NotAMock::Other(message) | NotAMock::Wrong(message)) => return Err(message),
            }
        }
    }
    Ok(served)
}

/// Whether `file` is one [`load`] reads from a folder.
fn is_mock_file(file: &Path) -> bool {
    file.is_file()
        && file
            .extension()
            .is_some_and(|extension| extension == "json" || extension == "sse")
}

/// Why a file is not served.
enum NotAMock {
    /// A JSON file of another kind (skipped in a folder).
    Other(String),
    /// A file that should be a mock and is wrong, or cannot be read.
    Wrong(String),
}

fn load_file(file: &Path, interval_ms: f64) -> Result<Served, NotAMock> {
    let name = file.display();
    let size = std::fs::metadata(file)
        .map_err(|error| NotAMock::Wrong(format!("Cannot read {name}: {error}.")))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(NotAMock::Wrong(format!(
            "{name} is {size} bytes; mocks of up to {MAX_FILE_BYTES} bytes are served."
        )));
    }
    let bytes = std::fs::read(file)
        .map_err(|error| NotAMock::Wrong(format!("Cannot read {name}: {error}.")))?;
    let is_sse = file.extension().is_some_and(|extension| extension == "sse");
    let mock = if is_sse {
        let stem = file
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        Mock::from_event_stream(&format!("/{stem}"), &bytes, interval_ms)
    } else {
        let text = String::from_utf8_lossy(&bytes);
        Mock::parse(&text).map_err(|message| {
            if message.starts_with("This is not an SSE Studio mock") {
                NotAMock::Other(format!("{name}: {message}"))
            } else {
                NotAMock::Wrong(format!("{name}: {message}"))
            }
        })?
    };
    let faults = mock
        .faults
        .iter()
        .map(|fault| Fault::parse(fault))
        .collect::<Result<_, _>>()
        .map_err(|message| NotAMock::Wrong(format!("{name}: {message}")))?;
    Ok(Served {
        source: file.to_path_buf(),
        body: Bytes::from(mock.body.clone()),
        mock: Arc::new(mock),
        faults,
    })
}

/// A router that serves only `mocks` (what `sse-studio mock` runs).
pub fn router(mocks: Mocks) -> Router {
    Router::new().fallback(move |request: Request| {
        let mocks = mocks.clone();
        async move { answer(&mocks, request, Instant::now()).await }
    })
}

/// For a router that serves more than mocks (`sse-studio-server --mocks`): the answer to
/// `request` when some mock answers requests for its path, else the request back, untouched.
///
/// # Errors
/// The request, when no mock is for its path.
pub async fn answer_if_served(mocks: &Mocks, request: Request) -> Result<Response, Request> {
    let arrived = Instant::now();
    if !mocks.serves_path(request.uri().path()) {
        return Err(request);
    }
    Ok(answer(mocks, request, arrived).await)
}

/// The response to `request`, readable from any origin: a mock's replay, a preflight's answer,
/// the listing, or an error.
async fn answer(mocks: &Mocks, request: Request, arrived: Instant) -> Response {
    match replay_or_refusal(mocks, request, arrived).await {
        Ok(response) | Err(response) => with_cors(response),
    }
}

/// [`answer`] before CORS (a refusal as `Err`).
async fn replay_or_refusal(
    mocks: &Mocks,
    request: Request,
    arrived: Instant,
) -> Result<Response, Response> {
    let (parts, body) = request.into_parts();
    if parts.method == Method::OPTIONS {
        return Ok(preflight(&parts.headers));
    }
    let body = axum::body::to_bytes(body, MAX_REQUEST_BODY_BYTES)
        .await
        .map_err(|_| {
            (
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("Request bodies of up to {MAX_REQUEST_BODY_BYTES} bytes are matched."),
            )
                .into_response()
        })?;
    let path = parts.uri.path();
    let query = parts.uri.query().unwrap_or("");
    let served = mocks.current();
    let Some(found) = served.iter().find(|served| {
        served
            .mock
            .matches(parts.method.as_str(), path, query, &body)
    }) else {
        if parts.method == Method::GET && path == "/" {
            return Ok(listing::page(&served));
        }
        return Err(listing::not_found(&served, parts.method.as_str(), path));
    };
    let request_faults = query_faults(query)
        .map_err(|message| (StatusCode::BAD_REQUEST, message).into_response())?;
    let last_event_id = parts
        .headers
        .get("last-event-id")
        .and_then(|value| value.to_str().ok());
    let mut replay = replay_of(found, last_event_id, mocks.options());
    for fault in found
        .faults
        .iter()
        .chain(&mocks.options().faults)
        .chain(&request_faults)
    {
        fault.apply(&mut replay);
    }
    Ok(replay.respond(arrived).await)
}

/// The faults a request asks for with `_fault` parameters (each a comma-separated list).
fn query_faults(query: &str) -> Result<Vec<Fault>, String> {
    let mut faults = Vec::new();
    for pair in query.split('&') {
        if let Some(value) = pair.strip_prefix("_fault=") {
            let value = percent_encoding::percent_decode_str(value).decode_utf8_lossy();
            faults.extend(Fault::parse_list(&value)?);
        }
    }
    Ok(faults)
}

/// The replay of `served` for a request that sent `last_event_id`, scaled as `options` say
/// (before any fault, whose times are the wall clock's).
pub fn replay_of(served: &Served, last_event_id: Option<&str>, options: &Options) -> Replay {
    let mock = &served.mock;
    let at = |ms: f64| Duration::from_secs_f64(ms.max(0.0) / 1000.0);
    let mut reads: Vec<(Duration, usize)> = mock
        .reads
        .iter()
        .map(|(ms, start)| (at(*ms), *start))
        .collect();
    let mut body = served.body.clone();
    let head_at = at(mock.response.at_ms);
    let mut end_at = at(mock.end.at_ms);
    if let Some(point) = last_event_id.and_then(|id| mock.resume_point(id)) {
        // The read holding the resume point starts the resumed body, right after the head; the
        // rest keep their spacing.
        let first = reads
            .iter()
            .rposition(|(_, start)| *start <= point.offset)
            .unwrap_or(0);
        let base = reads.get(first).map_or(head_at, |(at, _)| *at);
        let retry = point
            .retry
            .map(|ms| format!("retry: {ms}\n\n"))
            .unwrap_or_default();
        let mut resumed = retry.clone().into_bytes();
        resumed.extend_from_slice(&body[point.offset.min(body.len())..]);
        reads = reads
            .into_iter()
            .skip(first)
            .enumerate()
            .map(|(index, (read_at, start))| {
                let start = if index == 0 {
                    0
                } else {
                    start - point.offset + retry.len()
                };
                (head_at + read_at.saturating_sub(base), start)
            })
            .collect();
        end_at = head_at + end_at.saturating_sub(base);
        body = Bytes::from(resumed);
    }
    let mut replay = Replay {
        status: StatusCode::from_u16(mock.response.status).unwrap_or(StatusCode::OK),
        headers: mock.response.headers.clone(),
        head_at,
        body,
        reads,
        end_at,
        end: mock.end.how,
        repeat: options.repeat,
        coalesce: options.no_delay,
    };
    if options.no_delay {
        replay.scale_times(0.0);
    } else if options.speed > 0.0 && options.speed != 1.0 {
        replay.scale_times(1.0 / options.speed);
    }
    if options.repeat && replay.end == EndHow::Drop {
        replay.end = EndHow::Clean;
    }
    replay
}

/// The answer to a CORS preflight: any origin, the method and headers asked for.
fn preflight(headers: &HeaderMap) -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    let answer = response.headers_mut();
    let asked = |name: &str, default: &'static str| {
        headers
            .get(name)
            .cloned()
            .unwrap_or(HeaderValue::from_static(default))
    };
    answer.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        asked("access-control-request-method", "GET, POST"),
    );
    // `*` would not cover Authorization: the headers asked for are named back.
    answer.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        asked("access-control-request-headers", "*"),
    );
    answer.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
    response
}

/// `response` readable from any origin, all its headers exposed.
fn with_cors(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("*"),
    );
    response
}

#[cfg(test)]
mod tests;
