//! Share links: making one for the active request (see `model::library::share_link`), and opening the
//! one in the page's URL — at start-up, and when a link is pasted into the address bar of an
//! open page (which changes only the fragment, so the page does not reload).

use leptos::prelude::*;

use super::app_state::AppState;
use super::session;
use super::toaster::Toaster;
use super::workspace::Workspace;
use crate::io::location;
use crate::model::library::share_link::{self, MAX_STREAM_BYTES};

/// Opens the share link in the page's URL, if there is one: its request in a new tab, ready to
/// send (not sent), and its captured stream in that tab's timeline. A damaged link is reported
/// in the toast and opens nothing.
pub fn open_from_location(workspace: Workspace, toaster: Toaster) {
    let Some(decoded) = share_link::decode(&location::fragment()) else {
        return;
    };
    match decoded {
        Ok(opened) => {
            location::clear_fragment();
            workspace.open(opened.draft, None);
            if let Some((source, bytes)) = opened.stream {
                let app = workspace.active_tab_untracked().app;
                session::open_offline(app, format!("{source} (shared)"), bytes);
            }
            toaster.notify("Opened a shared request in a new tab. Nothing was sent.");
        }
        Err(message) => toaster.notify(message),
    }
}

/// The stream of `state`'s current run, for a link: (where it came from, its bytes), if it is a
/// received or opened event stream small enough to carry.
pub fn stream_to_share(state: AppState) -> Option<(String, Vec<u8>)> {
    state.log.with_value(|log| {
        let size = log.raw_len();
        if size == 0 || size > MAX_STREAM_BYTES as u64 {
            return None;
        }
        let bytes = log.raw_pages().flatten().copied().collect();
        Some((log.target.clone(), bytes))
    })
}
