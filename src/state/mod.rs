//! App-wide reactive state and the actions that change it.

pub mod app_state;
pub mod session;

pub use app_state::AppState;
