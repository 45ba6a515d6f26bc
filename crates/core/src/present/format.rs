//! Wall-clock display. Times are measured as ms since the request started (`performance.now()`);
//! the wall clock is only for showing `HH:MM:SS.mmm`.

const MS_PER_DAY: i64 = 86_400_000;

/// `HH:MM:SS.mmm` of a Unix time in ms, in a zone `utc_offset_minutes` east of UTC (the negation
/// of JavaScript's `Date.prototype.getTimezoneOffset()`).
pub fn format_time_of_day(unix_ms: f64, utc_offset_minutes: i32) -> String {
    let local = unix_ms.floor() as i64 + i64::from(utc_offset_minutes) * 60_000;
    let of_day = local.rem_euclid(MS_PER_DAY);
    let (hours, rest) = (of_day / 3_600_000, of_day % 3_600_000);
    let (minutes, rest) = (rest / 60_000, rest % 60_000);
    let (seconds, millis) = (rest / 1000, rest % 1000);
    format!("{hours:02}:{minutes:02}:{seconds:02}.{millis:03}")
}

/// `YYYYMMDD-HHMMSS` of a Unix time in ms in a zone `utc_offset_minutes` east of UTC, for file
/// names.
pub fn format_file_stamp(unix_ms: f64, utc_offset_minutes: i32) -> String {
    let local = unix_ms.floor() as i64 + i64::from(utc_offset_minutes) * 60_000;
    let (days, of_day) = (
        local.div_euclid(MS_PER_DAY),
        local.rem_euclid(MS_PER_DAY) / 1000,
    );
    // Days since 1970-01-01 to a civil date (Howard Hinnant's `civil_from_days`).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}-{:02}{:02}{:02}",
        of_day / 3600,
        of_day / 60 % 60,
        of_day % 60
    )
}

/// A byte count for people: `512 B`, `1.5 KiB`, `3.0 MiB`.
pub fn format_bytes(bytes: u64) -> String {
    const KIB: f64 = 1024.0;
    let value = bytes as f64;
    if value < KIB {
        format!("{bytes} B")
    } else if value < KIB * KIB {
        format!("{:.1} KiB", value / KIB)
    } else {
        format!("{:.1} MiB", value / (KIB * KIB))
    }
}

/// A duration for a timeline column: `0.42 ms`, `12 ms`, `1.25 s`, `2 m 03 s`.
pub fn format_duration_ms(ms: f64) -> String {
    let ms = ms.max(0.0);
    if ms < 10.0 {
        format!("{ms:.2} ms")
    } else if ms < 1000.0 {
        format!("{ms:.0} ms")
    } else if ms < 60_000.0 {
        format!("{:.2} s", ms / 1000.0)
    } else {
        let seconds = (ms / 1000.0).floor() as u64;
        format!("{} m {:02} s", seconds / 60, seconds % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_of_day_shows_milliseconds_in_the_local_zone() {
        // 2026-11-27T23:38:26.007Z
        let unix_ms = 1_795_822_706_007.0;
        assert_eq!(format_time_of_day(unix_ms, 0), "23:38:26.007");
        assert_eq!(format_time_of_day(unix_ms, 60), "00:38:26.007");
        assert_eq!(format_time_of_day(unix_ms, -330), "18:08:26.007");
    }

    #[test]
    fn durations_keep_precision_where_it_matters() {
        assert_eq!(format_duration_ms(0.4161), "0.42 ms");
        assert_eq!(format_duration_ms(12.4), "12 ms");
        assert_eq!(format_duration_ms(1250.0), "1.25 s");
        assert_eq!(format_duration_ms(123_456.0), "2 m 03 s");
    }

    #[test]
    fn file_stamps_are_the_local_date_and_time() {
        // 2026-11-27T23:38:26.007Z
        assert_eq!(format_file_stamp(1_795_822_706_007.0, 0), "20261127-233826");
        assert_eq!(
            format_file_stamp(1_795_822_706_007.0, 60),
            "20261128-003826"
        );
        assert_eq!(format_file_stamp(951_782_400_000.0, 0), "20000229-000000");
        assert_eq!(format_file_stamp(0.0, -60), "19691231-230000");
    }

    #[test]
    fn byte_counts_use_binary_units() {
        assert_eq!(format_bytes(512), "512 B");
        assert_eq!(format_bytes(1536), "1.5 KiB");
        assert_eq!(format_bytes(3 * 1024 * 1024), "3.0 MiB");
    }
}
