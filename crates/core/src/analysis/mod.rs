//! Reading a run: diagnostics with cause and fix, the timing figures, and which events the
//! timeline shows.

pub mod diagnostics;
pub mod event_filter;
pub mod timing;
