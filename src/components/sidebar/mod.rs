//! The sidebar: saved collections and the history of runs.

mod collection_tree;
mod history_list;
#[allow(clippy::module_inception)]
mod sidebar;

pub use sidebar::Sidebar;
