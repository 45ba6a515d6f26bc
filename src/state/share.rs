//! Share links: making one for the active request (see `model::library::share_link`), and opening the
//! one in the page's URL — at start-up, and when a link is pasted into the address bar of an
//! open page (which changes only the fragment, so the page does not reload).

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::app_state::AppState;
use super::session;
use super::toaster::Toaster;
use super::workspace::Workspace;
use crate::io::{compression, location};
use crate::model::library::share_link::{self, InflateError, MAX_PAYLOAD_BYTES, MAX_STREAM_BYTES};

/// Opens the share link in the page's URL, if there is one: its request in a new tab, ready to
/// send (not sent), and its captured stream in that tab's timeline. A damaged link is reported
/// in the toast and opens nothing.
pub fn open_from_location(workspace: Workspace, toaster: Toaster) {
    let Some(compressed) = share_link::compressed(&location::fragment()) else {
        return;
    };
    // The fragment is read now: another link pasted meanwhile is its own.
    location::clear_fragment();
    spawn_local(async move {
        let opened = match compressed {
            Ok(compressed) => compression::inflate(&compressed, MAX_PAYLOAD_BYTES)
                .await
                .map_err(InflateError::message)
                .and_then(|payload| share_link::open(&payload)),
            Err(message) => Err(message),
        };
        match opened {
            Ok(opened) => {
                workspace.open(opened.draft, None);
                if let Some((source, bytes)) = opened.stream {
                    let app = workspace.active_tab_untracked().app;
                    session::open_offline(app, format!("{source} (shared)"), bytes, None);
                }
                toaster.notify("Opened a shared request in a new tab. Nothing was sent.");
            }
            Err(message) => toaster.notify(message),
        }
    });
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
