//! The views, one component per file, grouped by screen area.

pub mod request;
pub mod response;
pub mod timeline;
