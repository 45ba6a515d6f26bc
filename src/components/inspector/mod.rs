//! The inspector: the selected event's Info, Data, Raw and Hex tabs, or the response when no event
//! is selected.

mod activity_chart;
mod data_tab;
mod event_inspector;
#[allow(clippy::module_inception)]
mod inspector;
mod json_tree;
mod response_summary;
mod timing_figures;

pub use inspector::Inspector;
