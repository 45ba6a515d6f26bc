//! `cargo xtask`: the one automation entry point (matklad's xtask pattern).
//!
//! - `cargo xtask serve [--port N] [--host ADDR] [--allow-private] [--allow-host H,…]`: installs
//!   what is missing, builds the app and the server in release, and serves everything (default
//!   http://127.0.0.1:8080); the relay options go to the server.
//! - `cargo xtask lint`: rustfmt check, clippy `-D warnings` natively and for wasm32, and the
//!   ARCHITECTURE.md code map check (see `lint.rs`).
//! - `cargo xtask test`: the lints, then `cargo test --workspace`, the browser-only tests
//!   (wasm-bindgen-test in headless Chromium), then builds, starts the server on a free port and
//!   runs the Playwright end-to-end tests in headless Chromium.
//! - `cargo xtask bench parser`: decoder throughput, native and in Chromium, written to
//!   `target/bench/parser.json` and printed as a table.
//! - `cargo xtask bench ui`: the timeline at 100,000 and 1,000,000 events in headless Chromium
//!   (time, longest task, memory, search, DOM rows), written to `target/bench/ui.json`.
//! - `cargo xtask bench server`: 5,000 concurrent streams through the relay (connections, server
//!   memory, events/s), written to `target/bench/server.json`.
//! - `cargo xtask bench mock`: `sse-studio mock` to 10,000 concurrent clients (timing error, memory
//!   per stream) and its `--no-delay` throughput, written to `target/bench/mock.json`.
//! - `cargo xtask bench size`: the app's gzip size and first render in headless Chromium, written
//!   to `target/bench/size.json`.
//! - `cargo xtask post-build`: trunk's `post_build` hook (see `post_build.rs`).
//!
//! Installs are idempotent: each tool is checked first and installed only when missing or at the
//! wrong version.

mod bench;
mod bench_cli;
mod lint;
mod post_build;
mod tools;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// A failure with a message for the person running the command.
type Result<T = ()> = std::result::Result<T, String>;

const USAGE: &str = "usage: cargo xtask serve [--port N] [--host ADDR] [--allow-private] [--allow-host H,…] | cargo xtask lint | cargo xtask test | cargo xtask bench parser|ui|server|size|hostile|cli|mock | cargo xtask post-build";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&args[1..]),
        Some("lint") => lint::run(),
        Some("test") => test(),
        Some("bench") => bench::run(&args[1..]),
        Some("post-build") => post_build::run(),
        _ => Err(USAGE.into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Appends the files under `dir` to `out`, as `/`-separated paths relative to `root`.
fn files_under(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result {
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            files_under(root, &path, out)?;
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

/// The workspace root (the folder holding xtask/).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn serve(args: &[String]) -> Result {
    let mut port = "8080".to_owned();
    let mut host = "127.0.0.1".to_owned();
    // The relay's options, passed on to the server as they are.
    let mut relay = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == "--allow-private" {
            relay.push(arg.clone());
            continue;
        }
        let value = args.next().ok_or(format!("{arg} needs a value\n{USAGE}"))?;
        match arg.as_str() {
            "--port" | "-p" => port = value.clone(),
            "--host" => host = value.clone(),
            "--allow-host" => relay.extend([arg.clone(), value.clone()]),
            _ => return Err(format!("unknown argument {arg}\n{USAGE}")),
        }
    }
    tools::ensure_build_tools()?;
    build()?;
    let status = server_command(&host, &port)
        .args(relay)
        .status()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the server exited with {status}"))
    }
}

fn test() -> Result {
    lint::run()?;
    tools::cargo(&["test", "--workspace"])?;
    // The browser-only tests (src/io), in headless Chromium via the runner in .cargo/config.toml.
    tools::ensure_build_tools()?;
    tools::ensure_chromium()?;
    tools::cargo(&[
        "test",
        "--target",
        "wasm32-unknown-unknown",
        "--package",
        "sse-studio",
    ])?;
    let (_server, mut playwright) = served_for_node(&["npx", "playwright", "test"])?;
    tools::run(&mut playwright)
}

/// Installs what is missing, builds, starts the server on a free port, and returns it with the
/// node command `program` set up to run in end2end/ against it (`SSE_STUDIO_URL`, `SSE_STUDIO_CLI`,
/// `CHROMIUM_PATH`). The server stops when the returned `Server` is dropped.
fn served_for_node(program: &[&str]) -> Result<(Server, Command)> {
    served_for_node_with(program, &[])
}

/// [`served_for_node`] with `server_args` for the server.
fn served_for_node_with(program: &[&str], server_args: &[&str]) -> Result<(Server, Command)> {
    tools::ensure_build_tools()?;
    build()?;
    let chromium = tools::ensure_chromium()?;
    let end2end = root().join("end2end");
    tools::ensure_node_modules(&end2end)?;
    let server = Server::start_with(server_args)?;
    println!("xtask: running {program:?} against {}", server.url);
    let mut command = Command::new(program[0]);
    command
        .args(&program[1..])
        .current_dir(&end2end)
        .env("SSE_STUDIO_URL", &server.url)
        .env("SSE_STUDIO_CLI", root().join("target/release/sse-studio"))
        .env("CHROMIUM_PATH", chromium);
    Ok((server, command))
}

/// Builds the app into dist/ (trunk, release, offline), the server binary and the CLI (release;
/// the mock tests start `sse-studio mock`).
fn build() -> Result {
    tools::run(
        Command::new("trunk")
            .args(["build", "--offline"])
            .current_dir(root()),
    )?;
    tools::cargo(&[
        "build",
        "--release",
        "--package",
        "sse-studio-server",
        "--package",
        "sse-studio-cli",
    ])
}

fn server_command(host: &str, port: &str) -> Command {
    let root = root();
    let mut command = Command::new(root.join("target/release/sse-studio-server"));
    command
        .args(["--host", host, "--port", port, "--dist"])
        .arg(root.join("dist"))
        .current_dir(&root);
    command
}

/// The server started for the end-to-end tests and benchmarks; killed when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    /// Starts the server on a free port, with `extra` arguments, and waits for the line that says
    /// where it listens.
    fn start_with(extra: &[&str]) -> Result<Self> {
        Self::spawn(
            server_command("127.0.0.1", "0")
                // The relay tests reach the server's own demos through it, on loopback.
                .arg("--allow-private")
                .args(extra),
        )
    }

    /// Starts `command` (the server, or `sse-studio mock`) and waits for the line that says
    /// where it listens ("… is running at http://…/").
    fn spawn(command: &mut Command) -> Result<Self> {
        let mut child = command
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {:?}: {e}", command.get_program()))?;
        let stdout = child.stdout.take().ok_or("the server has no stdout")?;
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout)
                .lines()
                .map_while(std::result::Result::ok)
            {
                println!("server: {line}");
                if let Some(url) = line
                    .split_once("running at ")
                    .and_then(|(_, rest)| rest.split_whitespace().next())
                {
                    let _ = sender.send(url.trim_end_matches('/').to_owned());
                }
            }
        });
        let mut server = Self {
            child,
            url: String::new(),
        };
        server.url = receiver
            .recv_timeout(Duration::from_secs(30))
            .map_err(|_| "the server did not say where it listens within 30 s".to_owned())?;
        Ok(server)
    }
}

impl Server {
    /// The server's process id.
    fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
