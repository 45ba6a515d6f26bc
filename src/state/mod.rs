//! App-wide reactive state and the actions that change it.

pub mod app_state;
pub mod endpoint;
pub mod exports;
pub mod folder_run;
pub mod lazy_matchers;
pub mod library;
pub mod library_files;
pub mod open_streams;
pub mod saving;
pub mod session;
pub mod settings;
pub mod share;
pub mod storage_task;
pub mod timeline_state;
pub mod toaster;
pub mod workspace;

pub use app_state::AppState;
pub use folder_run::FolderRun;
pub use lazy_matchers::LazyMatchers;
pub use library::Library;
pub use open_streams::OpenStreams;
pub use settings::Settings;
pub use timeline_state::TimelineState;
pub use toaster::Toaster;
pub use workspace::Workspace;
