//! Reading a run: diagnostics with cause and fix, its JSON-RPC conversation, the timing
//! figures, and which events the timeline shows.

pub mod conversation;
pub mod diagnostics;
pub mod event_filter;
pub mod timing;
