//! Presentation without a view: how numbers, times, payloads and bytes are written out, which
//! timeline rows exist, badge colours and the theme. Depends on nothing else in the crate.

pub mod badge;
pub mod excerpt;
pub mod format;
pub mod hex_dump;
pub mod json_text;
pub mod layout;
pub mod theme;
pub mod timeline_window;
