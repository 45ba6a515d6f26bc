//! `StopRule`: when a run of a long-lived stream may end by itself, so that it can be tested. A
//! run stopped by a rule ends as [`CloseReason::StoppedByRule`], which counts as a clean end.
//!
//! [`CloseReason::StoppedByRule`]: crate::session::close_reason::CloseReason::StoppedByRule

use crate::session::log::SessionLog;

/// A condition that ends a run. Saved with a request as JSON tagged by `kind` (kebab-case).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum StopRule {
    /// After `count` events (all connections together).
    AfterEvents {
        /// How many.
        count: u64,
    },
    /// When an event of type `event_type` arrives.
    OnType {
        /// The type.
        event_type: String,
    },
    /// When an event whose data contains `text` arrives.
    OnData {
        /// The text.
        text: String,
    },
    /// `ms` after the request started.
    AfterMs {
        /// The time, in ms.
        ms: u64,
    },
    /// After `ms` without an event (counted from the response head until the first).
    IdleMs {
        /// The time, in ms.
        ms: u64,
    },
}

impl StopRule {
    /// The rule in plain language, as the close entry ends "Stopped by rule: …".
    pub fn label(&self) -> String {
        match self {
            Self::AfterEvents { count } => format!("after {count} event(s)"),
            Self::OnType { event_type } => format!("on a \u{201c}{event_type}\u{201d} event"),
            Self::OnData { text } => {
                format!("on an event whose data contains \u{201c}{text}\u{201d}")
            }
            Self::AfterMs { ms } => format!("after {}", seconds(*ms)),
            Self::IdleMs { ms } => format!("after {} without an event", seconds(*ms)),
        }
    }
}

/// `ms` as people say it: "5 s", "2.5 s", "300 ms".
fn seconds(ms: u64) -> String {
    if ms < 1000 {
        format!("{ms} ms")
    } else if ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else {
        format!("{} s", ms as f64 / 1000.0)
    }
}

/// The first of `rules` that events `from..` of `log` meet (in the order they arrived), by its
/// label; `from` is the first event not yet looked at. Time rules are [`due`]'s.
pub fn met_by_events(rules: &[StopRule], log: &SessionLog, from: usize) -> Option<String> {
    // Asked after every event: without a rule about events, nothing is read, and an event's
    // data is read only for a rule about its type or data.
    let about_events =
        |rule: &&StopRule| !matches!(rule, StopRule::AfterMs { .. } | StopRule::IdleMs { .. });
    if !rules.iter().any(|rule| about_events(&rule)) {
        return None;
    }
    let reads_event = rules
        .iter()
        .any(|rule| matches!(rule, StopRule::OnType { .. } | StopRule::OnData { .. }));
    for index in from..log.event_count() {
        let event = if reads_event { log.event(index) } else { None };
        for rule in rules.iter().filter(about_events) {
            let met = match (rule, &event) {
                (StopRule::AfterEvents { count }, _) => index as u64 + 1 >= *count,
                (StopRule::OnType { event_type }, Some(event)) => event.event_type == event_type,
                (StopRule::OnData { text }, Some(event)) => event.data.contains(text.as_str()),
                _ => false,
            };
            if met {
                return Some(rule.label());
            }
        }
    }
    None
}

/// The first of `rules` that the last event of `log` meets, by its label (see
/// `ConnectionRun::chunk_part_until`, which asks after each event).
pub fn met_by_last_event(rules: &[StopRule], log: &SessionLog) -> Option<String> {
    let last = log.event_count().checked_sub(1)?;
    met_by_events(rules, log, last)
}

/// When the earliest time rule of `rules` will be met if no event comes first, in ms since the
/// request started, with its label; `None` without a time rule (or before the response head,
/// for an idle rule). A front end wakes up then and asks [`due`].
pub fn next_deadline(rules: &[StopRule], log: &SessionLog) -> Option<(f64, String)> {
    let last_sign_of_life = log
        .event_count()
        .checked_sub(1)
        .and_then(|last| log.event(last))
        .map(|event| event.at_ms)
        .or_else(|| log.first_response().map(|head| head.at_ms));
    // Asked once per network read: the label is written for the earliest rule only.
    rules
        .iter()
        .filter_map(|rule| {
            let at_ms = match rule {
                StopRule::AfterMs { ms } => *ms as f64,
                StopRule::IdleMs { ms } => last_sign_of_life? + *ms as f64,
                _ => return None,
            };
            Some((at_ms, rule))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(at_ms, rule)| (at_ms, rule.label()))
}

/// The time rule met at `now_ms` (ms since the request started), if any.
pub fn due(rules: &[StopRule], log: &SessionLog, now_ms: f64) -> Option<String> {
    next_deadline(rules, log)
        .filter(|(at_ms, _)| *at_ms <= now_ms)
        .map(|(_, label)| label)
}
