//! `cargo xtask bench cli`: the `sse-studio` CLI's throughput on the bench corpora, served over
//! loopback by `sse-bench-serve`: `sse-studio stream --json` against `sse-decode` reading the
//! same bytes from a file, and `sse-studio run` of the stream with ten checks against the same
//! run with none. Every command is timed round-robin in one process, seven rounds; the median
//! and the spread ((max − min) / median) are reported in `target/bench/cli.json` as
//! `{"results":[{"impl","corpus","mb_per_s","spread"}],"ratios":{…}}`, with a table.
//! Targets: `stream --json` keeps at least half of `sse-decode`'s throughput; ten checks cost
//! under 20% over none.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use serde_json::{Value, json};

use crate::{Result, root, tools};

const ROUNDS: usize = 7;
/// Two members of the parser bench's family: small single-line events, and large many-line ones.
const CORPORA: [&str; 2] = ["llm", "multiline"];

/// Makes a fresh command to time.
type MakeCommand<'a> = Box<dyn Fn() -> Command + 'a>;

/// The corpus server, killed when dropped.
struct Served(Child);

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A collections file with one GET of `url` (no reconnection) carrying `checks`.
fn collection(url: &str, checks: &Value) -> String {
    json!({
        "format": "sse-studio-collections", "version": 2,
        "collections": [{"id": "c", "name": "Bench", "requests": [{
            "id": "r", "name": "Corpus", "method": "GET", "url": url, "headers": [],
            "reconnect": {"enabled": false, "backoff": false, "max_delay_ms": 30000},
            "checks": checks,
        }]}],
    })
    .to_string()
}

/// Ten checks that read every event of either corpus (none can pass or fail early).
fn ten_checks() -> Value {
    json!([
        {"kind": "status", "status": 200},
        {"kind": "event-stream"},
        {"kind": "clean-end"},
        {"kind": "event-count", "min": 1},
        {"kind": "types-only", "types": ["message", "snapshot"]},
        {"kind": "data-is-json"},
        {"kind": "data-contains", "text": "\u{1}never", "which": "some"},
        {"kind": "data-path", "path": "$.never", "test": {"op": "equals", "value": 1}, "which": "some"},
        {"kind": "timing", "measure": "largest-gap", "max_ms": 600000},
        {"kind": "timing", "measure": "duration", "max_ms": 600000},
    ])
}

/// Seconds `command` takes (its output discarded).
fn time(command: &mut Command) -> Result<f64> {
    let start = Instant::now();
    let status = command
        .stdout(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run {:?}: {e}", command.get_program()))?;
    let elapsed = start.elapsed().as_secs_f64();
    // `run` exits 1 when a check fails, which the bench's checks may; only 2 is an error.
    if status.code() == Some(2) || status.code().is_none() {
        return Err(format!("{command:?} failed: {status}"));
    }
    Ok(elapsed)
}

pub fn run() -> Result {
    tools::cargo(&[
        "build",
        "--release",
        "-p",
        "sse-studio-cli",
        "-p",
        "sse-codec",
        "-p",
        "sse-bench",
        "--bin",
        "sse-studio",
        "--bin",
        "sse-decode",
        "--bin",
        "sse-bench-serve",
    ])?;
    let bin = root().join("target/release");
    let bench = root().join("target/bench");
    std::fs::create_dir_all(&bench).map_err(|e| format!("{}: {e}", bench.display()))?;
    let mut results = Vec::new();
    let mut ratios = serde_json::Map::new();
    for corpus in CORPORA {
        let file = bench.join(format!("corpus-{corpus}.sse"));
        let mut child = Command::new(bin.join("sse-bench-serve"))
            .arg(corpus)
            .arg(&file)
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start sse-bench-serve: {e}"))?;
        let stdout = child
            .stdout
            .take()
            .ok_or("no stdout from sse-bench-serve")?;
        let served = Served(child);
        let mut port = String::new();
        BufReader::new(stdout)
            .read_line(&mut port)
            .map_err(|e| format!("sse-bench-serve: {e}"))?;
        let url = format!("http://127.0.0.1:{}/", port.trim());
        let bytes = std::fs::metadata(&file)
            .map_err(|e| format!("{}: {e}", file.display()))?
            .len();
        let none = bench.join("cli-no-checks.json");
        let ten = bench.join("cli-ten-checks.json");
        std::fs::write(&none, collection(&url, &json!([]))).map_err(|e| e.to_string())?;
        std::fs::write(&ten, collection(&url, &ten_checks())).map_err(|e| e.to_string())?;
        let commands: [(&str, MakeCommand); 4] = [
            ("sse-decode", Box::new(|| decode(&bin, &file))),
            (
                "stream-json",
                Box::new(|| {
                    let mut command = Command::new(bin.join("sse-studio"));
                    command.args(["stream", "--json", &url]);
                    command
                }),
            ),
            ("run-no-checks", Box::new(|| run_file(&bin, &none))),
            ("run-ten-checks", Box::new(|| run_file(&bin, &ten))),
        ];
        let mut seconds = vec![Vec::new(); commands.len()];
        for _ in 0..ROUNDS {
            for ((_, make), times) in commands.iter().zip(&mut seconds) {
                times.push(time(&mut make())?);
            }
        }
        drop(served);
        let mut throughput = Vec::new();
        for ((name, _), mut times) in commands.iter().zip(seconds) {
            times.sort_by(f64::total_cmp);
            let median = times[ROUNDS / 2];
            let spread = (times[ROUNDS - 1] - times[0]) / median;
            let mb_per_s = bytes as f64 / 1e6 / median;
            throughput.push(mb_per_s);
            results.push(json!({
                "impl": name, "corpus": corpus,
                "mb_per_s": (mb_per_s * 10.0).round() / 10.0,
                "spread": (spread * 1000.0).round() / 1000.0,
            }));
        }
        let stream_ratio = throughput[1] / throughput[0];
        let checks_cost = throughput[2] / throughput[3] - 1.0;
        println!(
            "{corpus}: sse-decode {:.0} MB/s, stream --json {:.0} MB/s ({stream_ratio:.2}x, target >= 0.5); \
             run {:.0} MB/s, with ten checks {:.0} MB/s (checks cost {:.0}%, target < 20%)",
            throughput[0],
            throughput[1],
            throughput[2],
            throughput[3],
            checks_cost * 100.0
        );
        ratios.insert(
            format!("{corpus}_stream_vs_decode"),
            json!((stream_ratio * 100.0).round() / 100.0),
        );
        ratios.insert(
            format!("{corpus}_checks_cost"),
            json!((checks_cost * 1000.0).round() / 1000.0),
        );
    }
    let report = json!({ "results": results, "ratios": ratios });
    let path = bench.join("cli.json");
    std::fs::write(&path, format!("{report:#}\n"))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    println!("xtask: wrote {}", path.display());
    Ok(())
}

fn decode(bin: &Path, file: &Path) -> Command {
    let mut command = Command::new(bin.join("sse-decode"));
    if let Ok(input) = std::fs::File::open(file) {
        command.stdin(input);
    }
    command
}

fn run_file(bin: &Path, file: &Path) -> Command {
    let mut command = Command::new(bin.join("sse-studio"));
    command.arg("run").arg(file).env("NO_COLOR", "1");
    command
}
