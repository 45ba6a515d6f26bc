//! What the load generators share: waiting for every stream to open, and a process's memory.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Waits (up to 2 minutes) until `open` plus `failed` reach `target`, then says on stderr, as
/// `name`, how many opened and failed and how long it took.
pub async fn wait_until_open(name: &str, open: &AtomicU64, failed: &AtomicU64, target: u64) {
    let started = Instant::now();
    while open.load(Ordering::Relaxed) + failed.load(Ordering::Relaxed) < target
        && started.elapsed() < Duration::from_secs(120)
    {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    eprintln!(
        "{name}: {} streams open, {} failed, after {:.1} s",
        open.load(Ordering::Relaxed),
        failed.load(Ordering::Relaxed),
        started.elapsed().as_secs_f64()
    );
}

/// (VmRSS, VmHWM) of process `pid` in bytes, 0 when unreadable.
pub fn memory(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next()?.parse::<u64>().ok())
            .map_or(0, |kib| kib * 1024)
    };
    (field("VmRSS:"), field("VmHWM:"))
}
