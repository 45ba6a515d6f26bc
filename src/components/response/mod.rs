//! The response head and body, for bodies that are not an event stream.

mod header_list;
mod response_view;

pub use header_list::HeaderList;
pub use response_view::ResponseView;
