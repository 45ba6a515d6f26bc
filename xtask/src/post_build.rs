//! `cargo xtask post-build`: run by trunk as a `post_build` hook on the staged build
//! (`TRUNK_STAGING_DIR`), before it becomes `dist/`:
//!
//! - the Content-Security-Policy in `index.html` gets the SHA-256 of trunk's inline loader script
//!   (`'sha256-LOADER_HASH'` → the hash; CSP Level 3 §8.4 hash source), so no other inline script
//!   can run;
//! - the service worker `sw.js` gets its precache list (every staged file but itself, relative to
//!   the app's root) and a version derived from those files' contents, so a new build is a new
//!   worker and a new cache.

use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};

use crate::Result;

const LOADER_OPEN: &str = "<script type=\"module\">";
const HASH_PLACEHOLDER: &str = "sha256-LOADER_HASH";
const SHELL_PLACEHOLDER: &str = "const SHELL = [];";
const VERSION_PLACEHOLDER: &str = "const VERSION = 'unbuilt';";

/// Updates the staged `index.html` and `sw.js` (see the module docs).
pub fn run() -> Result {
    let staging = std::env::var_os("TRUNK_STAGING_DIR")
        .map(PathBuf::from)
        .ok_or("post-build runs as a trunk hook (TRUNK_STAGING_DIR is not set)")?;
    let index_path = staging.join("index.html");
    let index = read(&index_path)?;
    let index = with_loader_hash(&index)?;
    std::fs::write(&index_path, &index).map_err(|e| format!("{}: {e}", index_path.display()))?;

    let mut files = Vec::new();
    list_files(&staging, &staging, &mut files)?;
    files.retain(|file| file != "sw.js");
    files.sort();
    let mut version = Sha256::new();
    for file in &files {
        version.update(file.as_bytes());
        version.update(std::fs::read(staging.join(file)).map_err(|e| format!("{file}: {e}"))?);
    }
    let version: String = version.finalize()[..8]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    let worker_path = staging.join("sw.js");
    let worker = read(&worker_path)?;
    let shell = serde_json::to_string(&files).map_err(|e| e.to_string())?;
    let worker = replace_once(
        &worker,
        SHELL_PLACEHOLDER,
        &format!("const SHELL = {shell};"),
    )?;
    let worker = replace_once(
        &worker,
        VERSION_PLACEHOLDER,
        &format!("const VERSION = '{version}';"),
    )?;
    std::fs::write(&worker_path, worker).map_err(|e| format!("{}: {e}", worker_path.display()))
}

/// `index` with the CSP placeholder replaced by the hash of its inline loader script's text.
fn with_loader_hash(index: &str) -> Result<String> {
    let start = index
        .find(LOADER_OPEN)
        .map(|at| at + LOADER_OPEN.len())
        .ok_or("index.html has no inline module script (trunk's loader)")?;
    let end = index[start..]
        .find("</script>")
        .map(|at| start + at)
        .ok_or("trunk's loader script is not closed")?;
    let hash = STANDARD.encode(Sha256::digest(&index.as_bytes()[start..end]));
    replace_once(index, HASH_PLACEHOLDER, &format!("sha256-{hash}"))
}

/// `text` with `placeholder` replaced by `with`; an error when the placeholder is missing (the
/// source file changed shape).
fn replace_once(text: &str, placeholder: &str, with: &str) -> Result<String> {
    if !text.contains(placeholder) {
        return Err(format!("placeholder {placeholder:?} not found"));
    }
    Ok(text.replacen(placeholder, with, 1))
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Appends the files under `dir` to `out`, as `/`-separated paths relative to `root`.
fn list_files(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result {
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            list_files(root, &path, out)?;
        } else if let Ok(relative) = path.strip_prefix(root) {
            let parts: Vec<_> = relative
                .components()
                .map(|part| part.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(parts.join("/"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_gets_the_hash_of_the_loader_text_between_its_tags() {
        let index = "<meta content=\"script-src 'sha256-LOADER_HASH'\"><script type=\"module\">\nrun();\n</script>";
        let hashed = with_loader_hash(index).expect("a loader");
        // echo -n $'\nrun();\n' | openssl dgst -sha256 -binary | base64
        let expected = STANDARD.encode(Sha256::digest(b"\nrun();\n"));
        assert!(hashed.contains(&format!("'sha256-{expected}'")), "{hashed}");
        assert!(with_loader_hash("<html></html>").is_err());
    }
}
