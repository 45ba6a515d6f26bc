//! The response head and body, for bodies that are not an event stream, and the run's
//! diagnostics, the AI answer, the JSON-RPC conversation and the checks' results.

mod answer_view;
mod check_results;
mod diagnostics_panel;
mod header_list;
mod json_rpc_view;
mod response_view;

pub use answer_view::AnswerView;
pub use check_results::CheckResults;
pub use diagnostics_panel::DiagnosticsPanel;
pub use header_list::HeaderList;
pub use json_rpc_view::JsonRpcView;
pub use response_view::ResponseView;
