//! `cargo xtask lint`: formatting (`cargo fmt --check`), clippy with `-D warnings` natively and
//! for wasm32 (the app and its browser tests), and the code map check: every module file under
//! `src/` and `crates/core/src/` is named in ARCHITECTURE.md, and every module file it names
//! exists.
//!
//! The code map names modules in sections headed by their folder in backticks
//! (`` ### `crates/core/src/session/` ``) whose table rows start with the file's name in
//! backticks (`` | `log.rs` | … | ``).

use std::collections::BTreeSet;

use crate::{Result, root, tools};

/// The folders whose every `.rs` file the code map must name.
const MAPPED: [&str; 2] = ["src", "crates/core/src"];

/// Runs every lint; the first failure ends it.
pub fn run() -> Result {
    tools::ensure_lint_tools()?;
    code_map()?;
    tools::cargo(&["fmt", "--all", "--check"])?;
    tools::cargo(&[
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ])?;
    tools::cargo(&[
        "clippy",
        "--package",
        "sse-studio",
        "--package",
        "sse-studio-core",
        "--target",
        "wasm32-unknown-unknown",
        "--tests",
        "--",
        "-D",
        "warnings",
    ])
}

/// Compares the module files on disk with those ARCHITECTURE.md names.
fn code_map() -> Result {
    let root = root();
    let map = std::fs::read_to_string(root.join("ARCHITECTURE.md"))
        .map_err(|e| format!("cannot read ARCHITECTURE.md: {e}"))?;
    let mut files = Vec::new();
    for folder in MAPPED {
        crate::files_under(&root, &root.join(folder), &mut files)?;
    }
    let on_disk: BTreeSet<String> = files
        .into_iter()
        .filter(|file| file.ends_with(".rs"))
        .collect();
    let named = named_files(&map);
    let problems = mismatches(&on_disk, &named);
    if problems.is_empty() {
        println!("xtask: ARCHITECTURE.md names all {} modules", on_disk.len());
        Ok(())
    } else {
        Err(format!(
            "ARCHITECTURE.md's code map is out of date:\n{}",
            problems.join("\n")
        ))
    }
}

/// One line per module missing from the map or named there but gone.
fn mismatches(on_disk: &BTreeSet<String>, named: &BTreeSet<String>) -> Vec<String> {
    let missing = on_disk
        .difference(named)
        .map(|file| format!("  {file}: not named (add a row under its folder)"));
    let gone = named
        .iter()
        .filter(|file| {
            MAPPED
                .iter()
                .any(|folder| file.starts_with(&format!("{folder}/")))
        })
        .filter(|file| !on_disk.contains(*file))
        .map(|file| format!("  {file}: named, but there is no such file"));
    missing.chain(gone).collect()
}

/// The files the code map names: each table row's first backticked name joined to the folder
/// of the heading above it.
fn named_files(map: &str) -> BTreeSet<String> {
    let mut folder: Option<&str> = None;
    let mut named = BTreeSet::new();
    for line in map.lines() {
        if line.starts_with('#') {
            folder = first_backticked(line).filter(|path| path.ends_with('/'));
        } else if let (Some(folder), Some(row)) = (folder, line.strip_prefix("| "))
            && let Some(name) = first_backticked(row).filter(|_| row.starts_with('`'))
        {
            named.insert(format!("{folder}{name}"));
        }
    }
    named
}

/// The text between the first pair of backticks in `line`.
fn first_backticked(line: &str) -> Option<&str> {
    let (_, rest) = line.split_once('`')?;
    rest.split_once('`').map(|(inside, _)| inside)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAP: &str = "\
## Code map

### `crates/core/src/session/`

| module | what |
| --- | --- |
| `log.rs` | the session log |
| `mod.rs` | the group |

Some prose naming `src/elsewhere.rs` in passing.

### `src/`

| `main.rs` | mount |
";

    fn set(files: &[&str]) -> BTreeSet<String> {
        files.iter().map(|file| (*file).to_owned()).collect()
    }

    #[test]
    fn rows_are_read_under_their_folder_heading() {
        assert_eq!(
            named_files(MAP),
            set(&[
                "crates/core/src/session/log.rs",
                "crates/core/src/session/mod.rs",
                "src/main.rs",
            ])
        );
    }

    #[test]
    fn a_module_not_named_and_a_named_module_that_is_gone_both_fail() {
        let named = named_files(MAP);
        let on_disk = set(&[
            "crates/core/src/session/log.rs",
            "crates/core/src/session/mod.rs",
            "crates/core/src/session/search.rs",
        ]);
        assert_eq!(
            mismatches(&on_disk, &named),
            [
                "  crates/core/src/session/search.rs: not named (add a row under its folder)",
                "  src/main.rs: named, but there is no such file",
            ]
        );
        assert!(mismatches(&named, &named).is_empty());
    }
}
