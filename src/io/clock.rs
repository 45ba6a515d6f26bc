//! Browser clocks: `performance.now()` for measuring (monotonic, ms), `Date` for display.

/// Monotonic time in ms (`performance.now()`), for measuring intervals; 0 if unavailable.
pub fn monotonic_ms() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map_or(0.0, |performance| performance.now())
}

/// Wall-clock time in Unix ms (`Date.now()`), for display.
pub fn unix_ms() -> f64 {
    js_sys::Date::now()
}

/// Minutes the local zone is east of UTC now (the negation of `getTimezoneOffset()`).
pub fn utc_offset_minutes() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}
