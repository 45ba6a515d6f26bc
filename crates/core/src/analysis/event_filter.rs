//! Which events the timeline shows: a search over event type and data, and type chips that show
//! only some types or hide some. Kept up to date incrementally as events arrive.

use std::collections::BTreeSet;

use crate::session::log::SessionLog;
use crate::session::search::Query;

/// Type chips drawn at most, besides those a filter names (see [`EventFilter::chips`]).
pub const MAX_TYPE_CHIPS: usize = 50;

/// What the user asked to see.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventFilter {
    /// Search text: an event matches when its type or its data contains it, ignoring ASCII case.
    pub text: String,
    /// When not empty, only events of these types are shown.
    pub only_types: BTreeSet<String>,
    /// Events of these types are not shown.
    pub hidden_types: BTreeSet<String>,
}

impl EventFilter {
    /// Whether it shows fewer than all events (some search text, or a type chip in use).
    pub fn is_active(&self) -> bool {
        !self.text.is_empty() || !self.only_types.is_empty() || !self.hidden_types.is_empty()
    }

    /// Whether events of `event_type` pass the type chips.
    pub fn shows_type(&self, event_type: &str) -> bool {
        !self.hidden_types.contains(event_type)
            && (self.only_types.is_empty() || self.only_types.contains(event_type))
    }

    /// Clicking a type chip: shows only that type, or, when it already is among the types shown
    /// only, stops doing so. Several chips can be "only" together.
    pub fn toggle_only(&mut self, event_type: &str) {
        if !self.only_types.remove(event_type) {
            self.hidden_types.remove(event_type);
            self.only_types.insert(event_type.to_owned());
        }
    }

    /// A chip's hide switch: hides that type, or shows it again.
    pub fn toggle_hidden(&mut self, event_type: &str) {
        if !self.hidden_types.remove(event_type) {
            self.only_types.remove(event_type);
            self.hidden_types.insert(event_type.to_owned());
        }
    }

    /// The type chips to draw from `counts` ((type, events) in order of first appearance): the
    /// [`MAX_TYPE_CHIPS`] most frequent types and any type this filter names, in order of first
    /// appearance, and how many types were left out. A stream of 20,000 types drew 20,000 chips
    /// and answered input after 1.7 s.
    pub fn chips<'a>(
        &self,
        counts: impl Iterator<Item = (&'a str, usize)>,
    ) -> (Vec<(String, usize)>, usize) {
        let counts: Vec<(&str, usize)> = counts.collect();
        // The positions of the most frequent types, most frequent first (ties: first seen
        // first), kept by insertion: at most MAX_TYPE_CHIPS of them, so no sort is needed.
        let mut top: Vec<usize> = Vec::with_capacity(MAX_TYPE_CHIPS + 1);
        for (position, &(_, count)) in counts.iter().enumerate() {
            let at = top.partition_point(|&kept| counts[kept].1 >= count);
            if at < MAX_TYPE_CHIPS {
                top.insert(at, position);
                top.truncate(MAX_TYPE_CHIPS);
            }
        }
        let chips: Vec<(String, usize)> = counts
            .iter()
            .enumerate()
            .filter(|(position, (name, _))| {
                top.contains(position)
                    || self.only_types.contains(*name)
                    || self.hidden_types.contains(*name)
            })
            .map(|(_, (name, count))| ((*name).to_owned(), *count))
            .collect();
        let left_out = counts.len() - chips.len();
        (chips, left_out)
    }
}

/// The events of one log that pass a filter, as event indices in stream order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FilteredEvents {
    filter: EventFilter,
    query: Option<Query>,
    /// The log run the matches are of.
    run_id: u64,
    /// Events of the log before this one are cleared from the view.
    start: usize,
    /// Events of the log examined so far.
    scanned: usize,
    matches: Vec<u32>,
}

impl FilteredEvents {
    /// Starts over with `filter` (the next [`FilteredEvents::sync`] scans the whole log).
    pub fn set_filter(&mut self, filter: EventFilter) {
        self.query = Query::new(&filter.text);
        self.filter = filter;
        self.scanned = self.start;
        self.matches.clear();
    }

    /// Clears the view: events before log index `index` no longer pass (until the next run).
    pub fn clear_before(&mut self, index: usize) {
        self.start = index;
        self.scanned = self.scanned.max(index);
        self.matches.clear();
    }

    /// Brings the matches up to date with `log`: scans only the events added since the last call,
    /// or all of them when the log is of another run.
    pub fn sync(&mut self, log: &SessionLog) {
        if log.run_id != self.run_id || self.scanned > log.event_count() {
            self.run_id = log.run_id;
            self.start = 0;
            self.scanned = 0;
            self.matches.clear();
        }
        let from = self.scanned;
        self.scanned = log.event_count();
        if !self.filter.is_active() || from == self.scanned {
            return;
        }
        let types = log.types();
        let type_shown: Vec<bool> = types
            .iter()
            .map(|name| self.filter.shows_type(name))
            .collect();
        let Some(query) = &self.query else {
            self.matches.extend(
                (from..self.scanned)
                    .filter(|&index| log.type_index(index).is_some_and(|t| type_shown[t]))
                    .map(|index| index as u32),
            );
            return;
        };
        let type_matches: Vec<bool> = types.iter().map(|name| query.is_in(name)).collect();
        let mut data_matches = Vec::new();
        log.find_in_data(query, from, &mut data_matches);
        let mut data_matches = data_matches.into_iter().peekable();
        for index in from..self.scanned {
            let is_data_match = data_matches.next_if_eq(&(index as u32)).is_some();
            if let Some(t) = log.type_index(index)
                && type_shown[t]
                && (is_data_match || type_matches[t])
            {
                self.matches.push(index as u32);
            }
        }
    }

    /// How many of the events before log index `index` pass (as of the last sync), or `None`
    /// when `index` is before the clear mark (what came before it is not shown).
    pub fn passing_before(&self, index: usize) -> Option<usize> {
        let from_start = index.checked_sub(self.start)?;
        Some(if self.filter.is_active() {
            self.matches
                .partition_point(|&matched| (matched as usize) < index)
        } else {
            from_start
        })
    }

    /// How many events pass, out of the `total` in the log (as of the last sync).
    pub fn len(&self, total: usize) -> usize {
        if self.filter.is_active() {
            self.matches.len()
        } else {
            total.saturating_sub(self.start)
        }
    }

    /// The log index of the `position`-th passing event (in stream order), if there is one.
    pub fn event_index(&self, position: usize, total: usize) -> Option<usize> {
        if self.filter.is_active() {
            self.matches.get(position).map(|&index| index as usize)
        } else {
            Some(self.start + position).filter(|&index| index < total)
        }
    }

    /// The position among passing events of log event `index`, if it passes.
    pub fn position_of(&self, index: usize) -> Option<usize> {
        if self.filter.is_active() {
            self.matches.binary_search(&(index as u32)).ok()
        } else {
            index.checked_sub(self.start)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_fifty_most_frequent_types_get_chips_plus_those_the_filter_names() {
        // 60 types: type N seen N + 1 times, so types 0–9 are the least frequent.
        let names: Vec<String> = (0..60).map(|n| format!("t{n}")).collect();
        let counts = || {
            names
                .iter()
                .enumerate()
                .map(|(n, name)| (name.as_str(), n + 1))
        };
        let mut filter = EventFilter::default();
        let (chips, left_out) = filter.chips(counts());
        assert_eq!((chips.len(), left_out), (MAX_TYPE_CHIPS, 10));
        assert_eq!(
            chips.first().map(|chip| chip.0.as_str()),
            Some("t10"),
            "first appearance order"
        );
        filter.toggle_hidden("t3");
        let (chips, left_out) = filter.chips(counts());
        assert_eq!((chips.len(), left_out), (MAX_TYPE_CHIPS + 1, 9));
        assert_eq!(chips.first().map(|chip| chip.0.as_str()), Some("t3"));
    }

    fn push(log: &mut SessionLog, event_type: &str, data: &str) {
        let event = sse_codec::EventRef {
            event_type,
            data,
            last_event_id: "",
            span: 0..1,
        };
        log.push_event(&event, 0.0, &[]);
    }

    fn log() -> SessionLog {
        let mut log = SessionLog::new(7, "GET /x".into(), 0.0, 0);
        for (event_type, data) in [
            ("message", r#"{"text":"Hello"}"#),
            ("ping", ""),
            ("delta", r#"{"text":"hello again"}"#),
            ("message", "bye"),
            ("hello", "x"),
        ] {
            push(&mut log, event_type, data);
        }
        log
    }

    fn passing(filter: EventFilter, log: &SessionLog) -> Vec<usize> {
        let mut filtered = FilteredEvents::default();
        filtered.set_filter(filter);
        filtered.sync(log);
        let total = log.event_count();
        (0..filtered.len(total))
            .filter_map(|position| filtered.event_index(position, total))
            .collect()
    }

    #[test]
    fn no_filter_passes_every_event() {
        let log = log();
        assert_eq!(passing(EventFilter::default(), &log), vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn search_matches_type_or_data_ignoring_case() {
        let filter = EventFilter {
            text: "HELLO".into(),
            ..EventFilter::default()
        };
        assert_eq!(passing(filter, &log()), vec![0, 2, 4]);
    }

    #[test]
    fn only_and_hidden_types_combine_with_the_search() {
        let mut filter = EventFilter {
            text: "hello".into(),
            ..EventFilter::default()
        };
        filter.toggle_only("message");
        filter.toggle_only("delta");
        assert_eq!(passing(filter.clone(), &log()), vec![0, 2]);
        filter.toggle_hidden("delta");
        assert_eq!(passing(filter, &log()), vec![0]);
    }

    #[test]
    fn a_chip_is_either_only_or_hidden_and_a_second_click_undoes_it() {
        let mut filter = EventFilter::default();
        filter.toggle_hidden("ping");
        filter.toggle_only("ping");
        assert!(filter.hidden_types.is_empty() && filter.only_types.contains("ping"));
        filter.toggle_only("ping");
        assert!(!filter.is_active());
    }

    #[test]
    fn events_arriving_later_are_filtered_as_they_come() {
        let mut log = log();
        let mut filtered = FilteredEvents::default();
        filtered.set_filter(EventFilter {
            text: "bye".into(),
            ..EventFilter::default()
        });
        filtered.sync(&log);
        assert_eq!(filtered.len(log.event_count()), 1);
        push(&mut log, "message", "bye bye");
        filtered.sync(&log);
        assert_eq!(filtered.event_index(1, log.event_count()), Some(5));
        assert_eq!(filtered.position_of(5), Some(1));
        assert_eq!(filtered.position_of(4), None);
    }

    #[test]
    fn clearing_hides_the_events_so_far_with_or_without_a_filter() {
        let mut log = log();
        let mut filtered = FilteredEvents::default();
        filtered.sync(&log);
        filtered.clear_before(log.event_count());
        assert_eq!(filtered.len(log.event_count()), 0);
        push(&mut log, "message", "hello later");
        filtered.sync(&log);
        assert_eq!(filtered.event_index(0, log.event_count()), Some(5));
        filtered.set_filter(EventFilter {
            text: "hello".into(),
            ..EventFilter::default()
        });
        filtered.sync(&log);
        assert_eq!(filtered.len(log.event_count()), 1);
        assert_eq!(filtered.position_of(5), Some(0));
    }

    #[test]
    fn a_new_run_starts_the_matches_over() {
        let mut filtered = FilteredEvents::default();
        filtered.set_filter(EventFilter {
            text: "bye".into(),
            ..EventFilter::default()
        });
        filtered.sync(&log());
        let next_run = SessionLog::new(8, "GET /x".into(), 0.0, 0);
        filtered.sync(&next_run);
        assert_eq!(filtered.len(0), 0);
    }
}
