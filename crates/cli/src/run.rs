//! `sse-studio run`: the saved requests of a collections file, one after another, each driven to
//! its end with its stop rules and evaluated with its checks — the same `CheckRun` the app uses.

use std::path::{Path, PathBuf};

use sse_studio_core::checks::check_run::CheckRun;
use sse_studio_core::checks::report::RequestResult;
use sse_studio_core::checks::stop_rule::StopRule;
use sse_studio_core::library::collection::{Collection, SavedRequest, import_collections};
use sse_studio_core::library::export::session_json;
use sse_studio_core::request::capture::{self, CaptureRun};
use sse_studio_core::request::variables::{Environment, Secrets};

use crate::drive::{Options, drive, start};

/// A saved request of the file, with where it is.
pub struct Selected<'a> {
    /// "Collection" or "Collection / Folder".
    pub suite: String,
    /// The request.
    pub request: &'a SavedRequest,
}

/// The collections in the file at `path`.
///
/// # Errors
/// A sentence: unreadable, or not a collections file (saying what is wrong).
pub fn read_collections(path: &Path) -> Result<Vec<Collection>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("Cannot read {}: {error}.", path.display()))?;
    import_collections(&text).map_err(|error| format!("{}: {error}", path.display()))
}

/// The requests to run: those named `request`, or in folders (or collections) named `folder`,
/// or all, in file order.
///
/// # Errors
/// A sentence naming what was asked for, when nothing matches.
pub fn select<'a>(
    collections: &'a [Collection],
    request: Option<&str>,
    folder: Option<&str>,
) -> Result<Vec<Selected<'a>>, String> {
    let mut selected = Vec::new();
    for collection in collections {
        // A name may be a collection's or a folder's (the same order as the app's Run).
        let to_run = if folder.is_none_or(|folder| folder == collection.name) {
            collection.to_run(None)
        } else {
            collection
                .folders
                .iter()
                .filter(|group| folder == Some(group.name.as_str()))
                .flat_map(|group| collection.to_run(Some(&group.id)))
                .collect()
        };
        for (suite, saved) in to_run {
            if request.is_none_or(|name| name == saved.name) {
                selected.push(Selected {
                    suite,
                    request: saved,
                });
            }
        }
    }
    if selected.is_empty() {
        return Err(match (request, folder) {
            (Some(name), _) => format!("No request named \u{201c}{name}\u{201d} in the file."),
            (None, Some(name)) => {
                format!("No folder or collection named \u{201c}{name}\u{201d} in the file.")
            }
            (None, None) => "The file has no requests.".into(),
        });
    }
    Ok(selected)
}

/// How every request is run.
pub struct RunOptions {
    /// Ends a request's run after this many ms if its own rules have not (a long-lived stream
    /// never hangs CI).
    pub timeout_ms: u64,
    /// Where to write each run as a session file the app opens, if anywhere.
    pub record: Option<PathBuf>,
}

/// Runs `selected` one after another, telling `on_result` of each result as it comes; stops
/// after the first failure when `on_result` says so (returns `false`).
///
/// # Errors
/// A sentence when a request cannot be sent at all — an undefined variable (named), an invalid
/// URL or header — or a recording cannot be written; nothing more is run then.
pub async fn run_all(
    selected: &[Selected<'_>],
    environment: &Environment,
    options: &RunOptions,
    mut on_result: impl FnMut(&RequestResult) -> bool,
) -> Result<Vec<RequestResult>, String> {
    let client = reqwest::Client::builder()
        .connect_timeout(std::time::Duration::from_secs(10))
        .build()
        .map_err(|error| error.to_string())?;
    let mut results = Vec::new();
    // Captures set variables for the requests after theirs.
    let mut environment = environment.clone();
    for (index, item) in selected.iter().enumerate() {
        let draft = item.request.to_draft();
        let prepare = |secrets| {
            draft
                .prepare(Some(&environment), secrets)
                .map_err(|error| format!("\u{201c}{}\u{201d}: {error}", item.request.name))
        };
        let (request, shown) = (prepare(Secrets::Reveal)?, prepare(Secrets::Mask)?);
        if !request.url.contains("://") {
            return Err(format!(
                "\u{201c}{}\u{201d}: the URL {} is relative; the CLI needs an absolute one \
                 (use a {{{{host}}}} variable).",
                item.request.name, shown.url
            ));
        }
        let mut stop_rules = item.request.stop_rules.clone();
        stop_rules.push(StopRule::AfterMs {
            ms: options.timeout_ms,
        });
        let drive_options = Options {
            stop_rules,
            reconnect: item.request.reconnect,
            reading: item.request.reading.clone(),
        };
        let mut checks = CheckRun::new(
            item.request.checks.clone(),
            Some(Box::new(sse_studio_matchers::Standard::default())),
        );
        let target = format!("{} {}", shown.method.as_str(), shown.url);
        let (mut log, started) = start(target.clone());
        let mut captures = CaptureRun::new(&item.request.captures);
        let mut captured = Vec::new();
        drive(
            &client,
            &request,
            &mut log,
            started,
            &drive_options,
            |log, _| {
                checks.sync(log);
                captured.extend(captures.sync(log));
            },
        )
        .await;
        checks.finish(&log);
        captured.extend(captures.sync(&log));
        capture::apply(&mut environment, &captured);
        if let Some(folder) = &options.record {
            record(folder, index, &item.request.name, &log)?;
        }
        let result = RequestResult::of(
            item.suite.clone(),
            item.request.name.clone(),
            target,
            &log,
            &checks,
        );
        let go_on = on_result(&result);
        results.push(result);
        if !go_on {
            break;
        }
    }
    Ok(results)
}

/// Writes `log` as `NN-name.json` in `folder`, a session file the app opens ("Open a stream").
fn record(
    folder: &Path,
    index: usize,
    name: &str,
    log: &sse_studio_core::session::log::SessionLog,
) -> Result<(), String> {
    std::fs::create_dir_all(folder)
        .map_err(|error| format!("Cannot create {}: {error}.", folder.display()))?;
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let path = folder.join(format!("{:02}-{}.json", index + 1, slug.trim_matches('-')));
    let text = serde_json::to_string_pretty(&session_json(log)).unwrap_or_default();
    std::fs::write(&path, text)
        .map_err(|error| format!("Cannot write {}: {error}.", path.display()))
}
