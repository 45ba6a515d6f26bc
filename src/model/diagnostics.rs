//! Plain-language notices about what the decoder had to skip, with what to do about it.

use sse_codec::{Limit, LimitExceeded};

use crate::model::clock::format_bytes;

/// One sentence about the lines and events discarded for exceeding the decoder's limits, or
/// `None` when nothing was discarded.
pub fn limit_notice(discarded: &[LimitExceeded]) -> Option<String> {
    let first = discarded.first()?;
    let lines = discarded
        .iter()
        .filter(|exceeded| exceeded.limit == Limit::Line)
        .count();
    let events = discarded.len() - lines;
    let mut parts = Vec::new();
    if lines > 0 {
        parts.push(plural(lines, "line"));
    }
    if events > 0 {
        parts.push(plural(events, "event"));
    }
    Some(format!(
        "Discarded {} over the {} limit (first at byte {}). Such a stream is likely missing line \
         endings, or sends payloads too large to inspect here.",
        parts.join(" and "),
        format_bytes(first.max_bytes as u64),
        first.offset
    ))
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exceeded(limit: Limit, offset: u64) -> LimitExceeded {
        LimitExceeded {
            limit,
            offset,
            max_bytes: 16 << 20,
        }
    }

    #[test]
    fn nothing_discarded_means_no_notice() {
        assert_eq!(limit_notice(&[]), None);
    }

    #[test]
    fn the_notice_counts_lines_and_events_and_names_the_first_offset() {
        let notice = limit_notice(&[
            exceeded(Limit::Line, 42),
            exceeded(Limit::Event, 99),
            exceeded(Limit::Line, 120),
        ]);
        assert_eq!(
            notice.as_deref(),
            Some(
                "Discarded 2 lines and 1 event over the 16.0 MiB limit (first at byte 42). Such a stream is \
                 likely missing line endings, or sends payloads too large to inspect here."
            )
        );
    }
}
