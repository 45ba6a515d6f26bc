//! The event timeline: newest at the top, connection entries at the ends.

mod close_entry;
mod connection_entry;
mod event_row;
mod run_entries;
#[allow(clippy::module_inception)]
mod timeline;

pub use timeline::Timeline;
