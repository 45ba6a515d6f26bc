//! Finding and installing the tools the build and tests need, each only when missing.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{Result, root};

/// trunk 0.21.14: 0.22 needs a newer rustc than this project's 1.95.
const TRUNK_VERSION: &str = "0.21.14";
const CHROMIUM: &str = "/usr/bin/chromium";
/// Where Debian's chromium-driver puts chromedriver (the wasm-bindgen test runner finds it on PATH).
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Runs `command`, echoing it; fails unless it exits 0. Cargo-installed tools are on its PATH.
pub fn run(command: &mut Command) -> Result {
    with_cargo_bin_on_path(command);
    println!("xtask: {}", describe(command));
    let status = command
        .status()
        .map_err(|e| format!("cannot run {}: {e}", describe(command)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{} failed ({status})", describe(command)))
    }
}

/// Runs `cargo` with `args` in the workspace root (see [`run`]).
pub fn cargo(args: &[&str]) -> Result {
    run(Command::new("cargo").args(args).current_dir(root()))
}

/// What `command` prints on stdout, or `None` if it cannot run or fails.
fn output(command: &mut Command) -> Option<String> {
    with_cargo_bin_on_path(command);
    let output = command.output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

fn describe(command: &Command) -> String {
    let mut words = vec![command.get_program().to_string_lossy().into_owned()];
    words.extend(
        command
            .get_args()
            .map(|arg| arg.to_string_lossy().into_owned()),
    );
    words.join(" ")
}

/// `cargo install` puts tools in `$CARGO_HOME/bin`, which a fresh shell may not have on PATH.
fn with_cargo_bin_on_path(command: &mut Command) {
    let cargo_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .map(|home| home.join("bin"));
    if let Some(cargo_bin) = cargo_bin {
        let mut paths = vec![cargo_bin];
        paths.extend(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        ));
        if let Ok(path) = std::env::join_paths(paths) {
            command.env("PATH", path);
        }
    }
}

/// The wasm32 target and the rustfmt and clippy components, for `cargo xtask lint`.
pub fn ensure_lint_tools() -> Result {
    let targets =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !targets
        .lines()
        .any(|target| target.trim() == "wasm32-unknown-unknown")
    {
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    let components = output(Command::new("rustup").args(["component", "list", "--installed"]))
        .unwrap_or_default();
    for component in ["rustfmt", "clippy"] {
        if !components
            .lines()
            .any(|installed| installed.trim().starts_with(component))
        {
            run(Command::new("rustup").args(["component", "add", component]))?;
        }
    }
    Ok(())
}

/// The wasm32 target, trunk and the wasm-bindgen CLI matching the pinned crate.
pub fn ensure_build_tools() -> Result {
    ensure_lint_tools()?;
    let trunk = output(Command::new("trunk").arg("--version")).unwrap_or_default();
    if trunk.split_whitespace().nth(1) != Some(TRUNK_VERSION) {
        run(Command::new("cargo").args([
            "install",
            "trunk",
            "--version",
            TRUNK_VERSION,
            "--locked",
        ]))?;
    }
    let wanted = pinned_wasm_bindgen()?;
    let installed = output(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    if installed.split_whitespace().nth(1) != Some(wanted.as_str()) {
        // Not --locked: one of its locked dependencies is missing from the registry.
        run(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &wanted]))?;
    }
    Ok(())
}

/// The exact `wasm-bindgen = "=X"` version in the workspace Cargo.toml.
fn pinned_wasm_bindgen() -> Result<String> {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml"))
        .map_err(|e| format!("cannot read Cargo.toml: {e}"))?;
    manifest
        .lines()
        .find_map(|line| {
            line.trim()
                .strip_prefix("wasm-bindgen = \"=")?
                .strip_suffix('"')
                .map(str::to_owned)
        })
        .ok_or_else(|| "Cargo.toml must pin wasm-bindgen exactly (wasm-bindgen = \"=X\")".into())
}

/// Debian's Chromium and its chromedriver (for the wasm-bindgen tests), installed with apt when
/// missing and we are root. Returns Chromium's path.
pub fn ensure_chromium() -> Result<String> {
    if !Path::new(CHROMIUM).exists() || !Path::new(CHROMEDRIVER).exists() {
        let is_root = output(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0");
        if !is_root {
            return Err(format!(
                "{CHROMIUM} or {CHROMEDRIVER} is missing: run `sudo apt-get install -y chromium chromium-driver`"
            ));
        }
        run(Command::new("apt-get").arg("update"))?;
        run(Command::new("apt-get")
            .args([
                "install",
                "-y",
                "--no-install-recommends",
                "chromium",
                "chromium-driver",
            ])
            .env("DEBIAN_FRONTEND", "noninteractive"))?;
    }
    Ok(CHROMIUM.into())
}

/// end2end/node_modules as package-lock.json says, reinstalled only when the lock file changed.
pub fn ensure_node_modules(end2end: &Path) -> Result {
    if output(Command::new("npm").arg("--version")).is_none() {
        return Err("npm is missing: install Node.js 18 or later with npm".into());
    }
    let modified = |path: PathBuf| {
        std::fs::metadata(path)
            .and_then(|meta| meta.modified())
            .ok()
    };
    let installed = modified(end2end.join("node_modules/.package-lock.json"));
    let locked = modified(end2end.join("package-lock.json"));
    if installed.is_none() || installed < locked {
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(end2end))?;
    }
    Ok(())
}
