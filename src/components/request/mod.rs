//! The request editor: method, URL, Send/Close, environment and variables, auth, headers, body,
//! checks and stop rules, how the stream is read, examples, save, curl, and opening a stream
//! offline.

mod auth_editor;
mod body_editor;
mod byte_budget_field;
mod captures_editor;
mod checks_editor;
mod curl_tools;
mod environment_picker;
mod example_menu;
mod headers_table;
mod last_event_id_field;
mod open_stream;
mod params_table;
mod reading_fields;
mod reconnect_switch;
mod relay_switch;
mod request_bar;
mod request_details;
mod save_button;
mod secret_confirm;
mod share_panel;
mod variable_hints;

pub use auth_editor::AuthEditor;
pub use body_editor::BodyEditor;
pub use byte_budget_field::ByteBudgetField;
pub use captures_editor::CapturesEditor;
pub use checks_editor::ChecksEditor;
pub use curl_tools::CurlTools;
pub use environment_picker::EnvironmentPicker;
pub use example_menu::ExampleMenu;
pub use headers_table::HeadersTable;
pub use last_event_id_field::LastEventIdField;
pub use open_stream::OpenStream;
pub use params_table::ParamsTable;
pub use reading_fields::ReadingFields;
pub use reconnect_switch::ReconnectSwitch;
pub use relay_switch::RelaySwitch;
pub use request_bar::RequestBar;
pub use request_details::RequestDetails;
pub use save_button::SaveButton;
pub use secret_confirm::SecretConfirm;
pub use share_panel::SharePanel;
pub use variable_hints::VariableHints;
