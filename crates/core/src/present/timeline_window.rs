//! The timeline's rows and which of them exist in the DOM: a window over fixed-height rows, so a
//! million events cost as many elements as fit on screen.
//!
//! Browsers cap an element's height (about 33.5 million px in Chromium, less elsewhere), which a
//! million rows would pass, so past [`MAX_CONTENT_PX`] the scroll range is scaled: the scroll bar's
//! position picks a row proportionally, and rows are drawn at their exact pixel offsets around it.

/// Tallest scrollable content made, in CSS px.
pub const MAX_CONTENT_PX: f64 = 8_000_000.0;

/// Which end of the timeline the newest entries are at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// Newest at the top (the default, like a log tail turned over).
    #[default]
    NewestFirst,
    /// Oldest at the top, in stream order.
    OldestFirst,
}

/// One timeline row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// Connection `k` of the session (its position, from 0): "Connected to …" for the first, the
    /// first entry in stream order; "Reconnecting…" / "Reconnected" before the events of each
    /// later one.
    Connection(usize),
    /// The `n`-th shown event (counting events that pass the filter, in stream order).
    Event(usize),
    /// How the session ended: the last entry in stream order, once closed.
    Close,
}

/// Where a reconnection's entry goes among the shown events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reconnection {
    /// How many shown events come before it.
    pub events_before: usize,
    /// The connection's position in the session (1 or more).
    pub connection: usize,
}

/// The rows of one session: its first connection's entry, the shown events with an entry for
/// each reconnection among them, and the close entry if closed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rows {
    /// Events shown (those passing the filter).
    pub events: usize,
    /// The reconnections' entries, in stream order.
    pub reconnections: std::sync::Arc<[Reconnection]>,
    /// Whether the session has closed (adds the close entry).
    pub is_closed: bool,
    /// Display order.
    pub order: Order,
}

impl Rows {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.events + 1 + self.reconnections.len() + usize::from(self.is_closed)
    }

    /// Whether there is no row (never: the connection entry is always one).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The entry shown in row `row` (0 at the top), if there is such a row.
    pub fn entry(&self, row: usize) -> Option<Entry> {
        let len = self.len();
        if row >= len {
            return None;
        }
        let in_stream_order = match self.order {
            Order::NewestFirst => len - 1 - row,
            Order::OldestFirst => row,
        };
        if in_stream_order == 0 {
            return Some(Entry::Connection(0));
        }
        if self.is_closed && in_stream_order == len - 1 {
            return Some(Entry::Close);
        }
        // Among events and reconnections: reconnection `j` is at `events_before + j`.
        let position = in_stream_order - 1;
        // `events_before + j` rises strictly with `j`: binary search for the first at or after
        // `position`, which is the number of reconnections before it.
        let (mut before, mut end) = (0, self.reconnections.len());
        while before < end {
            let middle = (before + end) / 2;
            if self.reconnections[middle].events_before + middle < position {
                before = middle + 1;
            } else {
                end = middle;
            }
        }
        match self.reconnections.get(before) {
            Some(reconnection) if reconnection.events_before + before == position => {
                Some(Entry::Connection(reconnection.connection))
            }
            _ => Some(Entry::Event(position - before)),
        }
    }

    /// The row showing the `position`-th shown event.
    pub fn row_of_event(&self, position: usize) -> usize {
        let before = self
            .reconnections
            .partition_point(|reconnection| reconnection.events_before <= position);
        let in_stream_order = 1 + position + before;
        match self.order {
            Order::NewestFirst => self.len() - 1 - in_stream_order,
            Order::OldestFirst => in_stream_order,
        }
    }

    /// The row where the newest entry is (where "follow" keeps the view).
    pub fn newest_row(&self) -> usize {
        match self.order {
            Order::NewestFirst => 0,
            Order::OldestFirst => self.len() - 1,
        }
    }
}

/// The geometry of the scroll container.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    /// `scrollTop`, in px.
    pub scroll_top: f64,
    /// Visible height (`clientHeight`), in px.
    pub height: f64,
    /// Height of every row, in px.
    pub row_px: f64,
}

/// The rows to put in the DOM and where.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    /// First row drawn.
    pub first: usize,
    /// One past the last row drawn.
    pub end: usize,
    /// Offset of the first drawn row from the top of the content, in px.
    pub top_px: f64,
    /// Height of the scrollable content, in px (at most [`MAX_CONTENT_PX`]).
    pub content_px: f64,
}

/// Extra rows drawn above and below the visible ones, so a fast scroll shows no blank edge (few:
/// while a stream floods in, every drawn row is rebuilt each frame).
const OVERSCAN_ROWS: usize = 4;

impl Viewport {
    /// Which of `rows` rows to draw, and where.
    pub fn window(self, rows: usize) -> Window {
        let row_px = self.row_px.max(1.0);
        let natural_px = rows as f64 * row_px;
        let content_px = natural_px.min(MAX_CONTENT_PX);
        let (exact_row, exact_px) = self.top_row(rows, content_px);
        let first = (exact_row.floor() as usize)
            .min(rows)
            .saturating_sub(OVERSCAN_ROWS);
        let visible_rows = (self.height / row_px).ceil() as usize + 1;
        Window {
            first,
            end: (first + visible_rows + 2 * OVERSCAN_ROWS).min(rows),
            top_px: (exact_px - (exact_row - first as f64) * row_px).max(0.0),
            content_px,
        }
    }

    /// The row at the top edge of the view, as a fractional row number, and the content offset in
    /// px where that point of the row is drawn (the scroll top).
    fn top_row(self, rows: usize, content_px: f64) -> (f64, f64) {
        let row_px = self.row_px.max(1.0);
        let natural_px = rows as f64 * row_px;
        let scroll_top = self
            .scroll_top
            .clamp(0.0, (content_px - self.height).max(0.0));
        if natural_px <= MAX_CONTENT_PX {
            return (scroll_top / row_px, scroll_top);
        }
        let fraction = scroll_top / (content_px - self.height).max(1.0);
        let scrollable_rows = (natural_px - self.height).max(0.0) / row_px;
        (fraction * scrollable_rows, scroll_top)
    }

    /// The scroll top that brings `row` fully into view with the least movement (unchanged when it
    /// already is).
    pub fn reveal(self, row: usize, rows: usize) -> f64 {
        let row_px = self.row_px.max(1.0);
        let content_px = (rows as f64 * row_px).min(MAX_CONTENT_PX);
        let (top_row, _) = self.top_row(rows, content_px);
        let visible_rows = self.height / row_px;
        let target_top_row = if (row as f64) < top_row {
            row as f64
        } else if row as f64 + 1.0 > top_row + visible_rows {
            row as f64 + 1.0 - visible_rows
        } else {
            return self.scroll_top;
        };
        self.scroll_top_of(target_top_row.max(0.0), rows)
    }

    /// The scroll top that puts the (fractional) row `top_row` at the top edge.
    fn scroll_top_of(self, top_row: f64, rows: usize) -> f64 {
        let row_px = self.row_px.max(1.0);
        let natural_px = rows as f64 * row_px;
        if natural_px <= MAX_CONTENT_PX {
            return top_row * row_px;
        }
        let scrollable_rows = ((natural_px - self.height) / row_px).max(1.0);
        top_row / scrollable_rows * (MAX_CONTENT_PX - self.height).max(0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(events: usize, is_closed: bool, order: Order) -> Rows {
        Rows {
            events,
            is_closed,
            order,
            ..Rows::default()
        }
    }

    /// `events` events with reconnections after the events counted in `before`.
    fn reconnected(events: usize, before: &[usize], order: Order) -> Rows {
        Rows {
            reconnections: before
                .iter()
                .enumerate()
                .map(|(j, &events_before)| Reconnection {
                    events_before,
                    connection: j + 1,
                })
                .collect(),
            ..rows(events, true, order)
        }
    }

    #[test]
    fn reconnections_sit_between_the_events_of_their_connections() {
        // Events 0 1 | reconnection 1 | (none) | reconnection 2 | event 2.
        let rows = reconnected(3, &[2, 2], Order::OldestFirst);
        let entries: Vec<_> = (0..rows.len()).filter_map(|row| rows.entry(row)).collect();
        assert_eq!(
            entries,
            vec![
                Entry::Connection(0),
                Entry::Event(0),
                Entry::Event(1),
                Entry::Connection(1),
                Entry::Connection(2),
                Entry::Event(2),
                Entry::Close
            ]
        );
        let newest_first = reconnected(3, &[2, 2], Order::NewestFirst);
        assert_eq!(newest_first.entry(1), Some(Entry::Event(2)));
        assert_eq!(newest_first.entry(2), Some(Entry::Connection(2)));
    }

    #[test]
    fn row_of_event_inverts_entry_with_reconnections() {
        for order in [Order::NewestFirst, Order::OldestFirst] {
            for before in [&[0][..], &[3], &[1, 1, 4], &[5]] {
                let rows = reconnected(5, before, order);
                for position in 0..5 {
                    let row = rows.row_of_event(position);
                    assert_eq!(rows.entry(row), Some(Entry::Event(position)), "{before:?}");
                }
            }
        }
    }

    #[test]
    fn newest_first_puts_the_close_on_top_and_the_connection_at_the_bottom() {
        let rows = rows(2, true, Order::NewestFirst);
        let entries: Vec<_> = (0..5).map(|row| rows.entry(row)).collect();
        assert_eq!(
            entries,
            vec![
                Some(Entry::Close),
                Some(Entry::Event(1)),
                Some(Entry::Event(0)),
                Some(Entry::Connection(0)),
                None
            ]
        );
        assert_eq!(rows.row_of_event(1), 1);
        assert_eq!(rows.newest_row(), 0);
    }

    #[test]
    fn oldest_first_is_stream_order() {
        let rows = rows(2, false, Order::OldestFirst);
        let entries: Vec<_> = (0..3).filter_map(|row| rows.entry(row)).collect();
        assert_eq!(
            entries,
            vec![Entry::Connection(0), Entry::Event(0), Entry::Event(1)]
        );
        assert_eq!(rows.row_of_event(1), 2);
        assert_eq!(rows.newest_row(), 2);
    }

    #[test]
    fn row_of_event_inverts_entry() {
        for order in [Order::NewestFirst, Order::OldestFirst] {
            for is_closed in [false, true] {
                let rows = rows(5, is_closed, order);
                for position in 0..5 {
                    let row = rows.row_of_event(position);
                    assert_eq!(rows.entry(row), Some(Entry::Event(position)));
                }
            }
        }
    }

    fn viewport(scroll_top: f64) -> Viewport {
        Viewport {
            scroll_top,
            height: 500.0,
            row_px: 25.0,
        }
    }

    #[test]
    fn only_the_visible_rows_and_a_margin_are_drawn() {
        let window = viewport(1000.0).window(1000);
        assert_eq!((window.first, window.end), (36, 65));
        assert_eq!(window.top_px, 900.0);
        assert_eq!(window.content_px, 25_000.0);
        let top = viewport(0.0).window(1000);
        assert_eq!((top.first, top.top_px), (0, 0.0));
        assert_eq!(viewport(0.0).window(3).end, 3);
    }

    #[test]
    fn a_million_rows_scale_into_the_content_cap_and_reach_both_ends() {
        let rows = 1_000_000;
        let top = viewport(0.0).window(rows);
        assert_eq!((top.first, top.content_px), (0, MAX_CONTENT_PX));
        let bottom = viewport(MAX_CONTENT_PX).window(rows);
        assert_eq!(bottom.end, rows);
        // The last row's bottom edge meets the bottom of the view.
        let last_row_bottom = bottom.top_px + (rows - bottom.first) as f64 * 25.0;
        assert!(
            (last_row_bottom - MAX_CONTENT_PX).abs() < 1e-6,
            "{last_row_bottom}"
        );
        let middle = viewport(MAX_CONTENT_PX / 2.0).window(rows);
        assert!((499_000..501_000).contains(&middle.first), "{middle:?}");
    }

    #[test]
    fn revealing_a_row_scrolls_only_as_far_as_needed() {
        let view = viewport(1000.0);
        assert_eq!(view.reveal(45, 1000), 1000.0);
        assert_eq!(view.reveal(10, 1000), 250.0);
        assert_eq!(view.reveal(70, 1000), 1275.0);
    }

    #[test]
    fn a_revealed_row_is_drawn_in_view_when_scaled() {
        let rows = 1_000_000;
        for row in [0, 1, 123_456, 999_999] {
            let scroll_top = viewport(0.0).reveal(row, rows);
            let view = viewport(scroll_top);
            let window = view.window(rows);
            assert!(
                (window.first..window.end).contains(&row),
                "{row}: {window:?}"
            );
            let row_top = window.top_px + (row - window.first) as f64 * 25.0;
            assert!(
                row_top >= scroll_top - 1e-6 && row_top + 25.0 <= scroll_top + 500.0 + 1e-6,
                "{row}: top {row_top}, view {scroll_top}"
            );
        }
    }
}
