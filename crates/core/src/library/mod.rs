//! What is kept and carried: saved requests and their file format, history, exports and opening
//! them again, mocks, the open tabs, share links.

pub mod collection;
pub mod export;
pub mod history;
pub mod mock;
pub mod open_tabs;
pub mod reopen;
pub mod share_link;
