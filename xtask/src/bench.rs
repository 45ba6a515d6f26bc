//! `cargo xtask bench parser`: times the decoders natively (the `sse-bench` binary) and in headless
//! Chromium (sse-codec as wasm beside the JavaScript `eventsource-parser`), writes
//! `target/bench/parser.json` as `{"results":[{"impl","corpus","chunk_bytes","mb_per_s"}]}` and
//! prints a table with the ratios the targets are stated in.
//!
//! `cargo xtask bench ui`: builds and serves the app, runs `end2end/bench/ui.mjs` against
//! `/demo/flood` in headless Chromium and writes `target/bench/ui.json`.
//!
//! `cargo xtask bench size`: builds and serves the app, runs `end2end/bench/size.mjs` (wasm + js +
//! css gzip sizes of the shell and, apart, of what loads on first use; the first render of a
//! cold load in headless Chromium) and writes `target/bench/size.json` as
//! `{"gzip_bytes_total","gzip_bytes","lazy_gzip_bytes_total","lazy_gzip_bytes","first_render_ms"}`.
//!
//! `cargo xtask bench hostile`: builds and serves the app (demo responses allowed past the app's
//! 1 GiB byte budget), runs `end2end/bench/hostile.mjs` against each `/demo/hostile` kind in
//! headless Chromium and writes `target/bench/hostile.json` as
//! `{"results":[{"kind","worst_task_ms","memory_mb","memory_before_mb",…}]}`, with a table.
//!
//! `cargo xtask bench cli`: see `bench_cli`.
//!
//! `cargo xtask bench server`: starts the server and has `server-bench` hold 5,000 streams open
//! through its relay to its own demo, writing `target/bench/server.json` as
//! `{"connections","rss_bytes","events_per_s",…}`.

use std::process::{Command, Stdio};

use serde_json::{Value, json};

use crate::{Result, Server, root, served_for_node, served_for_node_with, tools};

pub fn run(args: &[String]) -> Result {
    match args.first().map(String::as_str) {
        Some("parser") => parser(),
        Some("ui") => ui(),
        Some("server") => server(),
        Some("size") => size(),
        Some("hostile") => hostile(),
        Some("cli") => crate::bench_cli::run(),
        Some("mock") => mock(),
        _ => Err("usage: cargo xtask bench parser|ui|server|size|hostile|cli|mock".into()),
    }
}

fn ui() -> Result {
    let (_server, mut node) = served_for_node(&["node", "bench/ui.mjs"])?;
    let output = capture(&mut node)?;
    let report: Value = serde_json::from_str(&output)
        .map_err(|e| format!("bench/ui.mjs printed something other than JSON ({e}):\n{output}"))?;
    let ratio = report["heap_bytes_1m"].as_f64().unwrap_or(f64::NAN)
        / report["data_bytes_1m"].as_f64().unwrap_or(f64::NAN);
    println!("\n{report:#}");
    println!("memory / data at 1M events: {ratio:.2}× (target < 2.5×)");
    write_report("ui.json", &report)
}

fn hostile() -> Result {
    // 4 GiB: the app's own budget (1 GiB) is what must stop the endless stream.
    let (_server, mut node) = served_for_node_with(
        &["node", "bench/hostile.mjs"],
        &["--demo-max-bytes", "4294967296"],
    )?;
    let output = capture(&mut node)?;
    let report: Value = serde_json::from_str(&output).map_err(|e| {
        format!("bench/hostile.mjs printed something other than JSON ({e}):\n{output}")
    })?;
    println!(
        "\n{:<12} {:>14} {:>12} {:>12}  outcome",
        "kind", "worst task ms", "memory MB", "before MB"
    );
    for result in report["results"].as_array().into_iter().flatten() {
        let text = |key: &str| result[key].to_string();
        let outcome = [
            "outcome",
            "stop",
            "last_wait",
            "close_ms",
            "inspector_open_ms",
            "chips",
        ]
        .into_iter()
        .filter(|key| !result[*key].is_null())
        .map(|key| format!("{key}={}", result[key]))
        .collect::<Vec<_>>()
        .join(" ");
        println!(
            "{:<12} {:>14} {:>12} {:>12}  {outcome}",
            result["kind"].as_str().unwrap_or("?"),
            text("worst_task_ms"),
            text("memory_mb"),
            text("memory_before_mb"),
        );
    }
    println!(
        "targets: no task over 200 ms; Close within 1000 ms; memory within 3x the bytes received plus the app's own"
    );
    write_report("hostile.json", &report)
}

fn size() -> Result {
    let (_server, mut node) = served_for_node(&["node", "bench/size.mjs"])?;
    node.env("DIST_DIR", root().join("dist"));
    let output = capture(&mut node)?;
    let report: Value = serde_json::from_str(&output).map_err(|e| {
        format!("bench/size.mjs printed something other than JSON ({e}):\n{output}")
    })?;
    println!("\n{report:#}");
    let kib = report["gzip_bytes_total"].as_f64().unwrap_or(f64::NAN) / 1024.0;
    let lazy_kib = report["lazy_gzip_bytes_total"].as_f64().unwrap_or(f64::NAN) / 1024.0;
    let render = report["first_render_ms"].as_f64().unwrap_or(f64::NAN);
    println!(
        "shell gzip {kib:.0} KiB (target < 600 KiB), loaded on first use {lazy_kib:.0} KiB, \
         first render {render:.0} ms (target < 1000 ms)"
    );
    write_report("size.json", &report)
}

fn server() -> Result {
    let root = root();
    tools::run(
        Command::new("cargo")
            .args([
                "build",
                "--release",
                "--package",
                "sse-studio-server",
                "--package",
                "server-bench",
            ])
            .current_dir(&root),
    )?;
    // One client holds all 5,000 streams: lift the relay's caps for it.
    let server =
        Server::start_with(&["--max-streams", "6000", "--max-streams-per-client", "6000"])?;
    let output = capture(
        Command::new(root.join("target/release/server-bench"))
            .args(["--url", &server.url, "--pid", &server.pid().to_string()])
            .args(["--connections", "5000", "--seconds", "10"]),
    )?;
    let report: Value = serde_json::from_str(&output)
        .map_err(|e| format!("server-bench printed something other than JSON ({e}):\n{output}"))?;
    println!("\n{report:#}");
    write_report("server.json", &report)
}

/// `sse-studio mock` replaying a recorded AI stream (the OpenAI tool-call sample, an event every
/// 40 ms, looped) to 10,000 concurrent clients: each event's timing error and the server's memory
/// per stream; then one client reading it with `--no-delay` against the server's `/demo/flood`,
/// in MB/s. Written to `target/bench/mock.json`.
fn mock() -> Result {
    let root = root();
    tools::cargo(&[
        "build",
        "--release",
        "--package",
        "sse-studio-cli",
        "--package",
        "sse-studio-server",
        "--package",
        "server-bench",
    ])?;
    let cli = root.join("target/release/sse-studio");
    let bench = root.join("target/release/mock-bench");
    let sample = root.join("crates/server/fixtures/ai/openai-chat-tools.sse");
    let parse = |output: &str| -> Result<Value> {
        serde_json::from_str(output)
            .map_err(|e| format!("mock-bench printed something other than JSON ({e}):\n{output}"))
    };
    // 10,000 streams (the target), then fewer, to say how many this machine holds within it.
    let mut sweep = Vec::new();
    for connections in ["10000", "5000", "2500"] {
        let paced = Server::spawn(Command::new(&cli).arg("mock").arg(&sample).args([
            "--loop",
            "--interval",
            "40",
            "--port",
            "0",
        ]))?;
        let seconds = if connections == "10000" { "10" } else { "5" };
        let output = capture(
            Command::new(&bench)
                .arg("streams")
                .args(["--url", &format!("{}/openai-chat-tools", paced.url)])
                .args(["--pid", &paced.pid().to_string()])
                .args(["--connections", connections, "--interval-ms", "40"])
                .args(["--seconds", seconds]),
        )?;
        sweep.push(parse(&output)?);
    }
    let instant = Server::spawn(Command::new(&cli).arg("mock").arg(&sample).args([
        "--loop",
        "--no-delay",
        "--port",
        "0",
    ]))?;
    let mock_rate = capture(
        Command::new(&bench)
            .arg("throughput")
            .args(["--url", &format!("{}/openai-chat-tools", instant.url)]),
    )?;
    drop(instant);
    let server = Server::start_with(&[])?;
    let flood_rate = capture(Command::new(&bench).arg("throughput").args([
        "--url",
        // 300 MB: under the demo byte cap (512 MiB), more than 5 s of reading.
        &format!("{}/demo/flood?count=1000000&size=300", server.url),
    ]))?;
    let mut report = sweep.first().cloned().unwrap_or_default();
    let within = sweep
        .iter()
        .filter(|run| {
            run["timing_error_p99_ms"]
                .as_f64()
                .is_some_and(|p99| p99 < 20.0)
        })
        .filter_map(|run| run["connections"].as_u64())
        .max();
    report["largest_within_20_ms"] = json!(within);
    report["sweep"] = Value::Array(sweep);
    report["no_delay_mb_per_s"] = parse(&mock_rate)?["mb_per_s"].clone();
    report["flood_mb_per_s"] = parse(&flood_rate)?["mb_per_s"].clone();
    println!("\n{report:#}");
    let p99 = report["timing_error_p99_ms"].as_f64().unwrap_or(f64::NAN);
    let connections = report["connections"].as_u64().unwrap_or(0);
    println!(
        "{connections} concurrent streams (target ≥ 10000), timing error p99 {p99:.1} ms \
         (target < 20; within it up to {} streams), {} bytes of server memory per stream; \
         --no-delay {} MB/s, /demo/flood {} MB/s",
        within.map_or("none of the".into(), |n| n.to_string()),
        report["rss_per_stream_bytes"],
        report["no_delay_mb_per_s"],
        report["flood_mb_per_s"]
    );
    write_report("mock.json", &report)
}

/// Writes `report` to `target/bench/NAME`.
fn write_report(name: &str, report: &Value) -> Result {
    let directory = root().join("target/bench");
    std::fs::create_dir_all(&directory)
        .map_err(|e| format!("cannot create {}: {e}", directory.display()))?;
    let path = directory.join(name);
    std::fs::write(&path, format!("{report:#}\n"))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!("xtask: wrote {}", path.display());
    Ok(())
}

fn parser() -> Result {
    tools::ensure_build_tools()?;
    let root = root();
    tools::run(
        Command::new("cargo")
            .args(["build", "--release", "--package", "sse-bench"])
            .current_dir(&root),
    )?;
    let native = capture(&mut Command::new(root.join("target/release/sse-bench")))?;

    tools::run(
        Command::new("cargo")
            .args([
                "build",
                "--release",
                "--package",
                "sse-bench",
                "--lib",
                "--target",
                "wasm32-unknown-unknown",
            ])
            .current_dir(&root),
    )?;
    let wasm_dir = root.join("target/bench/wasm");
    tools::run(
        Command::new("wasm-bindgen")
            .args(["--target", "web", "--no-typescript", "--out-dir"])
            .arg(&wasm_dir)
            .arg(root.join("target/wasm32-unknown-unknown/release/sse_bench.wasm")),
    )?;
    let chromium = tools::ensure_chromium()?;
    let end2end = root.join("end2end");
    tools::ensure_node_modules(&end2end)?;
    let browser = capture(
        Command::new("node")
            .arg("bench/parser.mjs")
            .arg(&wasm_dir)
            .current_dir(&end2end)
            .env("CHROMIUM_PATH", chromium),
    )?;

    let mut results = Vec::new();
    for output in [&native, &browser] {
        match serde_json::from_str::<Value>(output) {
            Ok(Value::Array(rows)) => results.extend(rows),
            _ => {
                return Err(format!(
                    "a benchmark printed something other than a JSON array:\n{output}"
                ));
            }
        }
    }
    print_table(&results);
    write_report("parser.json", &json!({ "results": results }))
}

/// Runs `command` with stderr passed through and returns its stdout.
fn capture(command: &mut Command) -> Result<String> {
    println!("xtask: {:?}", command.get_program());
    let output = command
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run {:?}: {e}", command.get_program()))?;
    if !output.status.success() {
        return Err(format!(
            "{:?} failed ({})",
            command.get_program(),
            output.status
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// The parser table: a line per corpus and chunking with each decoder's median MB/s and the
/// spread of its rounds, then the ratios the targets are set on (✗ marks one below its target),
/// then the smallest of each ratio.
fn print_table(results: &[Value]) {
    let cell = |implementation: &str, corpus: &str, chunks: &str| {
        results.iter().find(|row| {
            row["impl"] == implementation && row["corpus"] == corpus && row["chunks"] == chunks
        })
    };
    let speed = |implementation: &str, corpus: &str, chunks: &str| {
        cell(implementation, corpus, chunks).and_then(|row| row["mb_per_s"].as_f64())
    };
    let implementations = [
        ("records-native", "records"),
        ("sse-codec-native", "codec"),
        ("sse-stream", "sse-stream"),
        ("eventsource-stream", "es-stream"),
        ("memchr2-scan", "memchr2"),
        ("sse-codec-wasm", "codec wasm"),
        ("eventsource-parser-js", "es-parser js"),
    ];
    // (numerator, denominator, heading, target)
    let ratios = [
        ("sse-codec-native", "sse-stream", "/sse-stream", 1.3),
        ("sse-codec-native", "memchr2-scan", "/memchr2", 0.5),
        ("sse-codec-wasm", "eventsource-parser-js", "wasm/js", 2.0),
    ];
    print!("\n{:<11} {:>6}", "corpus", "chunks");
    for (_, heading) in implementations {
        print!(" {heading:>14}");
    }
    for (.., heading, target) in ratios {
        print!(" {:>12}", format!("{heading}≥{target}"));
    }
    println!("   (median MB/s ± spread of the rounds; MB = 10^6 bytes)");
    let mut corpora: Vec<&str> = Vec::new();
    let mut chunkings: Vec<&str> = Vec::new();
    for row in results {
        if let (Some(corpus), Some(chunks)) = (row["corpus"].as_str(), row["chunks"].as_str()) {
            if !corpora.contains(&corpus) {
                corpora.push(corpus);
            }
            if !chunkings.contains(&chunks) {
                chunkings.push(chunks);
            }
        }
    }
    let mut smallest = [f64::INFINITY; 3];
    for &corpus in &corpora {
        for &chunks in &chunkings {
            if !implementations
                .iter()
                .any(|(implementation, _)| cell(implementation, corpus, chunks).is_some())
            {
                continue;
            }
            print!("{corpus:<11} {chunks:>6}");
            for (implementation, _) in implementations {
                let text = cell(implementation, corpus, chunks).map_or("-".into(), |row| {
                    format!(
                        "{:.0} ±{:.0}%",
                        row["mb_per_s"].as_f64().unwrap_or(f64::NAN),
                        row["spread_pct"].as_f64().unwrap_or(f64::NAN)
                    )
                });
                print!(" {text:>14}");
            }
            for ((a, b, _, target), smallest) in ratios.iter().zip(&mut smallest) {
                let text = match (speed(a, corpus, chunks), speed(b, corpus, chunks)) {
                    (Some(x), Some(y)) if y > 0.0 => {
                        *smallest = smallest.min(x / y);
                        let mark = if x / y < *target { " ✗" } else { "" };
                        format!("{:.2}×{mark}", x / y)
                    }
                    _ => "-".into(),
                };
                print!(" {text:>12}");
            }
            println!();
        }
    }
    for ((a, b, _, target), smallest) in ratios.iter().zip(smallest) {
        let verdict = if smallest >= *target {
            "at target"
        } else {
            "below target"
        };
        println!("smallest {a} / {b}: {smallest:.2}× (target ≥ {target}×, {verdict})");
    }
    // NDJSON: the records decoder's speed, and its time per record against the SSE decoder's
    // on the same objects (the llm corpus) in the same chunking.
    let per_second = |implementation: &str, corpus: &str, chunks: &str| {
        cell(implementation, corpus, chunks).and_then(|row| row["events_per_s"].as_f64())
    };
    let (mut slowest, mut worst) = (f64::INFINITY, 0.0_f64);
    for &chunks in &chunkings {
        if let Some(speed) = speed("records-native", "ndjson", chunks) {
            slowest = slowest.min(speed);
        }
        if let (Some(records), Some(events)) = (
            per_second("records-native", "ndjson", chunks),
            per_second("sse-codec-native", "llm", chunks),
        ) {
            worst = worst.max(events / records);
        }
    }
    if slowest.is_finite() {
        let mark = |ok: bool| if ok { "at target" } else { "below target" };
        println!(
            "records-native on ndjson: slowest {slowest:.0} MB/s (target ≥ 1000, {}); time per \
             record ÷ sse-codec-native's on llm: {worst:.2}× at most (target ≤ 1.5×, {})",
            mark(slowest >= 1000.0),
            mark(worst <= 1.5)
        );
    }
}
