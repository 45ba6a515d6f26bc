//! The request editor: method, URL, Send/Close, headers, body, examples.

mod body_editor;
mod example_menu;
mod headers_table;
mod request_bar;

pub use body_editor::BodyEditor;
pub use example_menu::ExampleMenu;
pub use headers_table::HeadersTable;
pub use request_bar::RequestBar;
