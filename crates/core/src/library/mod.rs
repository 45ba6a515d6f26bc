//! What is kept and carried: saved requests and their file format, history, exports and opening
//! them again, the open tabs, share links.

pub mod collection;
pub mod export;
pub mod history;
pub mod open_tabs;
pub mod reopen;
pub mod share_link;
