//! The request editor: method, URL, Send/Close, headers, body, examples, and opening a stream
//! offline.

mod body_editor;
mod example_menu;
mod headers_table;
mod open_stream;
mod request_bar;

pub use body_editor::BodyEditor;
pub use example_menu::ExampleMenu;
pub use headers_table::HeadersTable;
pub use open_stream::OpenStream;
pub use request_bar::RequestBar;
