//! Letting the browser in during long work, and waiting (`setTimeout`, through gloo-timers).

use gloo_timers::future::TimeoutFuture;

/// Resumes in a later task (`setTimeout(0)`), so the page renders and handles input in between.
pub async fn yield_to_browser() {
    TimeoutFuture::new(0).await;
}

/// Resumes after `ms` milliseconds.
pub async fn sleep_ms(ms: u32) {
    TimeoutFuture::new(ms).await;
}

/// A random number in [0, 1) (`Math.random()`), to spread retries.
pub fn random_fraction() -> f64 {
    js_sys::Math::random()
}
