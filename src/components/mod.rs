//! The views, one component per file, grouped by screen area.

mod highlighted;
pub mod inspector;
pub mod request;
pub mod response;
pub mod timeline;
mod toast;

pub use highlighted::Highlighted;
pub use toast::Toast;
