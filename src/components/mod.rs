//! The views, one component per file, grouped by screen area.

mod highlighted;
pub mod inspector;
mod mounted;
mod picked_file;
pub mod request;
pub mod response;
mod run_report_panel;
mod shortcut_sheet;
mod side_pane;
pub mod sidebar;
mod splitter;
mod tab_bar;
mod theme_toggle;
pub mod timeline;
mod toast;
mod update_banner;

pub use highlighted::Highlighted;
pub use mounted::Mounted;
pub use picked_file::take_picked_file;
pub use run_report_panel::RunReportPanel;
pub use shortcut_sheet::ShortcutSheet;
pub use side_pane::SidePane;
pub use splitter::Splitter;
pub use tab_bar::TabBar;
pub use theme_toggle::ThemeToggle;
pub use toast::Toast;
pub use update_banner::UpdateBanner;
