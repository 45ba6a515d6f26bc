//! `--watch`: the mock files read again when one changes, is added or removed.
//!
//! Polls the paths' modification times twice a second rather than using the OS's file events:
//! one stat per file, and nothing to go wrong on network or container file systems.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use super::{Mocks, is_mock_file, load};

/// How often the files are looked at.
const POLL: Duration = Duration::from_millis(500);

/// Each file under `paths` (a folder's mock files) with its modification time, sorted.
fn stamps(paths: &[PathBuf]) -> Vec<(PathBuf, Option<SystemTime>)> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            if let Ok(entries) = std::fs::read_dir(path) {
                files.extend(
                    entries
                        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                        .filter(|file| is_mock_file(file)),
                );
            }
        } else {
            files.push(path.clone());
        }
    }
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let modified = std::fs::metadata(&file)
                .and_then(|meta| meta.modified())
                .ok();
            (file, modified)
        })
        .collect()
}

/// Watches `paths` until the process ends: when a file changes, reads them all again and serves
/// them, and says so with `report` (a read that fails is reported and the last good mocks are
/// kept). The files are first looked at when this is called, so no change made after it is
/// missed, even before the returned future first runs.
pub fn watch(
    paths: Vec<PathBuf>,
    mocks: Mocks,
    report: impl Fn(String),
) -> impl std::future::Future<Output = ()> {
    let mut last = stamps(&paths);
    async move {
        loop {
            tokio::time::sleep(POLL).await;
            let now = stamps(&paths);
            if now == last {
                continue;
            }
            last = now;
            match load(&paths, mocks.options().interval_ms) {
                Ok(served) => {
                    report(format!("reloaded: {} mocks", served.len()));
                    mocks.replace(served);
                }
                Err(message) => report(format!(
                    "not reloaded (the last good mocks are served): {message}"
                )),
            }
        }
    }
}
