//! The event timeline: a virtualised list of the run's entries with search, type chips, order,
//! follow, pause and clear.

mod chunk_list;
mod close_entry;
mod connection_entry;
mod diagnostics_badge;
mod event_row;
mod export_menu;
mod reconnection_entry;
mod run_banner;
mod search_box;
#[allow(clippy::module_inception)]
mod timeline;
mod timeline_list;
mod type_chips;

pub use timeline::Timeline;
