//! `mock-bench`: load on `sse-studio mock`, for `cargo xtask bench mock`. Prints one JSON object.
//!
//! - `mock-bench streams --url U --pid P --connections N --interval-ms I --seconds S`: holds N
//!   streams of a looping mock whose events are due every I ms (the nth event of a stream, from
//!   0, I × n ms after its head arrived); once every stream is open, for S seconds, measures how
//!   far each event arrives from when it is due. `{"connections","failed","timing_error_p50_ms",
//!   "timing_error_p99_ms","timing_error_max_ms","events_measured","rss_idle_bytes",
//!   "rss_open_bytes","rss_per_stream_bytes"}`.
//! - `mock-bench throughput --url U --seconds S`: reads one stream as fast as it comes for S
//!   seconds (or to its end): `{"mb_per_s","bytes"}` (MB = 10^6 bytes).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};
use futures_util::StreamExt;
use serde_json::json;
use server_bench::{memory, wait_until_open};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::Semaphore;

#[derive(Debug, Parser)]
struct Args {
    #[command(subcommand)]
    mode: Mode,
}

#[derive(Debug, Subcommand)]
enum Mode {
    /// Many paced streams at once: timing error and memory.
    Streams {
        /// The looping mock's URL.
        #[arg(long)]
        url: String,
        /// The mock server's process id (for its memory).
        #[arg(long)]
        pid: u32,
        /// Concurrent streams.
        #[arg(long, default_value_t = 10_000)]
        connections: usize,
        /// ms between a stream's events.
        #[arg(long, default_value_t = 40)]
        interval_ms: u64,
        /// Seconds of measuring once every stream is open.
        #[arg(long, default_value_t = 10)]
        seconds: u64,
    },
    /// One stream read as fast as it comes.
    Throughput {
        /// The stream's URL.
        #[arg(long)]
        url: String,
        /// Seconds of reading.
        #[arg(long, default_value_t = 5)]
        seconds: u64,
    },
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match Args::parse().mode {
        Mode::Streams {
            url,
            pid,
            connections,
            interval_ms,
            seconds,
        } => streams(&url, pid, connections, interval_ms, seconds).await,
        Mode::Throughput { url, seconds } => throughput(&url, seconds).await,
    }
}

async fn streams(
    url: &str,
    pid: u32,
    connections: usize,
    interval_ms: u64,
    seconds: u64,
) -> std::process::ExitCode {
    let Some((address, path)) = url
        .strip_prefix("http://")
        .and_then(|rest| rest.split_once('/'))
        .map(|(address, path)| (address.to_owned(), format!("/{path}")))
    else {
        eprintln!("mock-bench: give an http://host:port/path URL");
        return std::process::ExitCode::FAILURE;
    };
    let rss_idle = memory(pid).0;
    let open = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let measuring = Arc::new(AtomicBool::new(false));
    // Streams start evenly over a few seconds, as clients arrive at a real server: started all
    // at once, their events would fall due at the same instants, in bursts no client causes.
    let spread = Duration::from_millis(400) * u32::try_from(connections / 1000 + 1).unwrap_or(1);
    let began = tokio::time::Instant::now();
    // At most 200 connecting at once, so the listen backlog is not overrun.
    let connecting = Arc::new(Semaphore::new(200));
    let interval = Duration::from_millis(interval_ms);
    let mut errors = Vec::new();
    let mut tasks = Vec::new();
    for _ in 0..connections {
        // Each stream's errors (µs), uncontended: read once the window ends.
        let found = Arc::new(Mutex::new(Vec::new()));
        errors.push(found.clone());
        let (address, path) = (address.clone(), path.clone());
        let (open, failed, measuring, connecting) = (
            open.clone(),
            failed.clone(),
            measuring.clone(),
            connecting.clone(),
        );
        let start = began + spread.mul_f64(errors.len() as f64 / connections as f64);
        tasks.push(tokio::spawn(async move {
            tokio::time::sleep_until(start).await;
            let permit = connecting.acquire_owned().await.ok();
            let Some((mut socket, head, mut carried)) = open_stream(&address, &path).await else {
                failed.fetch_add(1, Ordering::Relaxed);
                return;
            };
            drop(permit);
            open.fetch_add(1, Ordering::Relaxed);
            let mut buffer = vec![0; 64 << 10];
            let mut next: u32 = 0;
            // Each event of the mock is one read ending in a blank line, so counting "\n\n" in
            // what arrives counts events (the chunked framing puts "\r\n" around each read,
            // which never makes one): the client stays cheap, leaving the CPU to the server.
            let mut last = b' ';
            loop {
                let length = if carried.is_empty() {
                    match socket.read(&mut buffer).await {
                        Ok(0) | Err(_) => break,
                        Ok(length) => length,
                    }
                } else {
                    let length = carried.len();
                    buffer[..length].copy_from_slice(&carried);
                    carried.clear();
                    length
                };
                let arrived = head.elapsed();
                let mut dispatched = 0;
                for &byte in &buffer[..length] {
                    if byte == b'\n' && last == b'\n' {
                        dispatched += 1;
                    }
                    last = byte;
                }
                if measuring.load(Ordering::Relaxed) {
                    let mut found = found.lock().unwrap_or_else(|poison| poison.into_inner());
                    for index in next..next + dispatched {
                        let due = interval * index;
                        let error = arrived.abs_diff(due);
                        found.push(u64::try_from(error.as_micros()).unwrap_or(u64::MAX));
                    }
                }
                next += dispatched;
            }
            failed.fetch_add(1, Ordering::Relaxed);
        }));
    }
    let target = connections as u64;
    wait_until_open("mock-bench", &open, &failed, target).await;
    let rss_open = memory(pid).0;
    measuring.store(true, Ordering::Relaxed);
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    measuring.store(false, Ordering::Relaxed);
    for task in &tasks {
        task.abort();
    }
    let mut all: Vec<u64> = errors
        .iter()
        .flat_map(|found| {
            std::mem::take(&mut *found.lock().unwrap_or_else(|poison| poison.into_inner()))
        })
        .collect();
    all.sort_unstable();
    let percentile = |p: f64| {
        let index = ((all.len() as f64 * p).ceil() as usize).saturating_sub(1);
        all.get(index)
            .map_or(f64::NAN, |micros| *micros as f64 / 1000.0)
    };
    let opened = open.load(Ordering::Relaxed);
    let report = json!({
        "connections": opened,
        "failed": failed.load(Ordering::Relaxed),
        "events_measured": all.len(),
        "timing_error_p50_ms": percentile(0.5),
        "timing_error_p99_ms": percentile(0.99),
        "timing_error_max_ms": percentile(1.0),
        "rss_idle_bytes": rss_idle,
        "rss_open_bytes": rss_open,
        "rss_per_stream_bytes": rss_open.saturating_sub(rss_idle) / opened.max(1),
    });
    println!("{report}");
    if opened == target {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}

async fn throughput(url: &str, seconds: u64) -> std::process::ExitCode {
    let Ok(response) = reqwest::get(url).await else {
        eprintln!("mock-bench: cannot reach {url}");
        return std::process::ExitCode::FAILURE;
    };
    let mut body = response.bytes_stream();
    let started = Instant::now();
    let limit = Duration::from_secs(seconds);
    let mut bytes = 0u64;
    while let Ok(Some(Ok(chunk))) =
        tokio::time::timeout(limit.saturating_sub(started.elapsed()), body.next()).await
    {
        bytes += chunk.len() as u64;
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "{}",
        json!({ "mb_per_s": (bytes as f64 / 1e6 / elapsed * 10.0).round() / 10.0, "bytes": bytes })
    );
    std::process::ExitCode::SUCCESS
}

/// Sends `GET path` over a new connection to `address` and reads the response head: the socket,
/// when the head arrived, and the bytes read past it. `None` when the connection or the request
/// fails or the status is not 200.
async fn open_stream(address: &str, path: &str) -> Option<(TcpStream, Instant, Vec<u8>)> {
    let mut socket = TcpStream::connect(address).await.ok()?;
    let request =
        format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nAccept: text/event-stream\r\n\r\n");
    socket.write_all(request.as_bytes()).await.ok()?;
    let mut received = Vec::new();
    let mut buffer = [0; 4096];
    loop {
        let length = socket
            .read(&mut buffer)
            .await
            .ok()
            .filter(|length| *length > 0)?;
        received.extend_from_slice(&buffer[..length]);
        if let Some(end) = received.windows(4).position(|window| window == b"\r\n\r\n") {
            let head = Instant::now();
            if !received.starts_with(b"HTTP/1.1 200") {
                return None;
            }
            return Some((socket, head, received.split_off(end + 4)));
        }
    }
}
