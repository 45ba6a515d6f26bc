//! The resume check: after a reconnection sent `Last-Event-ID`, did the server carry on where the
//! stream left off? It did not if it sends ids it had already sent (it ignored the header, or
//! replayed too much) or skips numbers in a numeric id sequence (events were lost).
//!
//! Incremental: the log tells it each new last event ID as events arrive, and it keeps hashes of
//! the ids seen before the current connection (8 bytes each, not the ids), so it costs nothing
//! per event until a session reconnects.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

/// What the check found on one connection after the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resumption {
    /// The connection's position in the session, from 1.
    pub connection: usize,
    /// The `Last-Event-ID` it sent (empty: none was sent).
    pub sent_id: String,
    /// Last event IDs the server set on this connection that earlier connections had already
    /// set.
    pub repeated: usize,
    /// The first of them.
    pub first_repeated: Option<String>,
    /// Numeric ids the server skipped: the first id it set on this connection is past the one
    /// after `sent_id` (both decimal integers). Inclusive range of the missing ids.
    pub skipped: Option<(u64, u64)>,
}

impl Resumption {
    /// Whether the server carried on where the stream left off, as far as the ids tell.
    pub fn is_clean(&self) -> bool {
        self.repeated == 0 && self.skipped.is_none()
    }
}

/// The check's state for a session (see the module docs).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResumeCheck {
    /// Hashes of the last event IDs set on connections before the current one.
    seen: HashSet<u64>,
    /// One per connection after the first.
    resumptions: Vec<Resumption>,
    /// Whether the current connection has set an id yet (the skip check looks at its first).
    has_new_id: bool,
}

impl ResumeCheck {
    /// A connection after the first begins, sending `sent_id` as `Last-Event-ID`; `earlier_ids`
    /// are the ids set since the previous call (or since the session began).
    pub fn begin<'a>(
        &mut self,
        connection: usize,
        sent_id: &str,
        earlier_ids: impl Iterator<Item = &'a str>,
    ) {
        self.seen.extend(earlier_ids.map(hash));
        self.has_new_id = false;
        self.resumptions.push(Resumption {
            connection,
            sent_id: sent_id.to_owned(),
            repeated: 0,
            first_repeated: None,
            skipped: None,
        });
    }

    /// The current connection set the last event ID to `id` (a change from the one before).
    /// Does nothing on the first connection.
    pub fn new_id(&mut self, id: &str) {
        let Some(current) = self.resumptions.last_mut() else {
            return;
        };
        if !std::mem::replace(&mut self.has_new_id, true)
            && let (Ok(sent), Ok(first)) = (current.sent_id.parse::<u64>(), id.parse::<u64>())
            && first > sent.saturating_add(1)
        {
            current.skipped = Some((sent + 1, first - 1));
        }
        if !id.is_empty() && self.seen.contains(&hash(id)) {
            current.repeated += 1;
            current.first_repeated.get_or_insert_with(|| id.to_owned());
        }
    }

    /// What was found on each connection after the first, in order.
    pub fn resumptions(&self) -> &[Resumption] {
        &self.resumptions
    }
}

fn hash(id: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    id.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(connections: &[(&str, &[&str])]) -> Vec<Resumption> {
        let mut check = ResumeCheck::default();
        let mut earlier: Vec<&str> = Vec::new();
        for (index, (sent, ids)) in connections.iter().enumerate() {
            if index > 0 {
                check.begin(index, sent, earlier.drain(..));
            }
            for id in *ids {
                check.new_id(id);
                earlier.push(id);
            }
        }
        check.resumptions().to_vec()
    }

    #[test]
    fn a_server_that_resumes_after_the_sent_id_is_clean() {
        let found = check(&[("", &["1", "2", "3"]), ("3", &["4", "5"])]);
        assert_eq!(found.len(), 1);
        assert!(found[0].is_clean(), "{found:?}");
    }

    #[test]
    fn a_server_that_restarts_its_ids_repeats_them() {
        let found = check(&[("", &["1", "2", "3"]), ("3", &["1", "2", "3", "4"])]);
        assert_eq!(
            (found[0].repeated, found[0].first_repeated.as_deref()),
            (3, Some("1"))
        );
        assert_eq!(found[0].skipped, None);
    }

    #[test]
    fn a_numeric_gap_after_the_sent_id_is_reported_as_skipped() {
        let found = check(&[("", &["1", "2"]), ("2", &["6", "7"])]);
        assert_eq!(found[0].skipped, Some((3, 5)));
        assert_eq!(found[0].repeated, 0);
    }

    #[test]
    fn ids_that_are_not_numbers_are_only_checked_for_repeats() {
        let found = check(&[("", &["a", "b"]), ("b", &["z", "a"])]);
        assert_eq!((found[0].repeated, found[0].skipped), (1, None));
    }

    #[test]
    fn each_connection_is_checked_against_all_before_it() {
        let found = check(&[("", &["1"]), ("1", &["2"]), ("2", &["1", "3"])]);
        assert!(found[0].is_clean());
        assert_eq!((found[1].connection, found[1].repeated), (2, 1));
    }
}
