//! The response shown as text, for bodies that are not an event stream.

mod response_view;

pub use response_view::ResponseView;
