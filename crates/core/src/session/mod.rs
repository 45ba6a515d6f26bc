//! One connection run and what it leaves: the transport's messages turned into events
//! (`connection_run`), the compact log they are kept in (`log`, with `raw_stream`, `text_arena`,
//! `activity`, `search`), how the run ended, EventSource's reconnection, and how the request said
//! its stream is read (`reading`).

pub mod activity;
pub mod close_reason;
pub mod connection_limit;
pub mod connection_run;
pub mod log;
pub mod media_type;
pub mod raw_stream;
pub mod reading;
pub mod reconnect;
pub mod reconnection;
pub mod response_head;
pub mod resume_check;
pub mod search;
pub mod text_arena;
