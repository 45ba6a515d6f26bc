//! `server-bench`: opens N concurrent event streams against a running `sse-studio-server` (by
//! default each through its CORS relay to its own `/demo/ticks`, so the relay and the demo server
//! both hold N streams), waits until every one has delivered an event, counts the events all of
//! them deliver in a measuring window, and reads the server's resident memory from
//! `/proc/<pid>/status`. Prints one JSON object:
//! `{"connections":N,"failed":N,"rss_bytes":N,"rss_peak_bytes":N,"rss_growth_bytes":N,
//! "events_per_s":X,"via_relay":B}` (growth: over the measuring window).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use clap::Parser;
use futures_util::StreamExt;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::json;
use server_bench::{memory, wait_until_open};
use sse_codec::{Decoder, Item};
use tokio::sync::Semaphore;

#[derive(Debug, Parser)]
struct Args {
    /// The server, e.g. http://127.0.0.1:8080.
    #[arg(long)]
    url: String,
    /// The server's process id (for its memory).
    #[arg(long)]
    pid: u32,
    /// Concurrent streams.
    #[arg(long, default_value_t = 5000)]
    connections: usize,
    /// ms between each stream's events.
    #[arg(long, default_value_t = 200)]
    interval_ms: u64,
    /// Seconds of measuring once every stream is open.
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// Connect to the demo directly instead of through the relay.
    #[arg(long)]
    direct: bool,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = Args::parse();
    let base = args.url.trim_end_matches('/').to_owned();
    let ticks = format!(
        "{base}/demo/ticks?count=1000000&interval_ms={}",
        args.interval_ms
    );
    let url = if args.direct {
        ticks
    } else {
        format!(
            "{base}/relay?url={}",
            utf8_percent_encode(&ticks, NON_ALPHANUMERIC)
        )
    };
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .expect("an HTTP client");
    let events = Arc::new(AtomicU64::new(0));
    let open = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    // Connects in waves, so the listen backlog is not overrun.
    let connecting = Arc::new(Semaphore::new(200));
    let mut tasks = Vec::new();
    for _ in 0..args.connections {
        let (client, url) = (client.clone(), url.clone());
        let (events, open, failed, connecting) = (
            events.clone(),
            open.clone(),
            failed.clone(),
            connecting.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut permit = connecting.acquire_owned().await.ok();
            let response = match client.get(&url).send().await {
                Ok(response) if response.status().is_success() => response,
                _ => {
                    failed.fetch_add(1, Ordering::Relaxed);
                    return;
                }
            };
            let mut body = response.bytes_stream();
            let mut decoder = Decoder::new();
            let mut items = Vec::new();
            let mut is_open = false;
            while let Some(Ok(chunk)) = body.next().await {
                decoder.feed(&chunk, &mut items);
                let dispatched = items
                    .drain(..)
                    .filter(|item| matches!(item, Item::Event(_)))
                    .count() as u64;
                if dispatched > 0 && !is_open {
                    is_open = true;
                    permit.take();
                    open.fetch_add(1, Ordering::Relaxed);
                }
                events.fetch_add(dispatched, Ordering::Relaxed);
            }
            failed.fetch_add(1, Ordering::Relaxed);
        }));
    }
    let target = args.connections as u64;
    wait_until_open("server-bench", &open, &failed, target).await;
    let before = events.load(Ordering::Relaxed);
    let (rss_open, _) = memory(args.pid);
    let window = Instant::now();
    tokio::time::sleep(Duration::from_secs(args.seconds)).await;
    let delivered = events.load(Ordering::Relaxed) - before;
    let seconds = window.elapsed().as_secs_f64();
    let (rss, peak) = memory(args.pid);
    let report = json!({
        "connections": open.load(Ordering::Relaxed),
        "failed": failed.load(Ordering::Relaxed),
        "rss_bytes": rss,
        "rss_peak_bytes": peak,
        // Memory is bounded if holding the streams open does not grow it.
        "rss_growth_bytes": rss.saturating_sub(rss_open),
        "events_per_s": (delivered as f64 / seconds).round(),
        "via_relay": !args.direct,
    });
    println!("{report}");
    for task in tasks {
        task.abort();
    }
    if open.load(Ordering::Relaxed) == target {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}
