//! A tab's saved request: Save (over the saved request the tab holds, or as a new one) and
//! whether the editor has changes not yet saved.

use leptos::prelude::*;

use crate::model::library::collection::SavedRequest;
use crate::state::app_state::{AppState, OpenedRequest};
use crate::state::library::Library;

/// Saves the request in `app`'s editor to `library`: over the saved request it was opened from,
/// or (when `save_as`, or it was not opened from one) as a new request (see
/// [`Library::save_draft`]); the tab then holds the saved request.
pub fn save(app: AppState, library: Library, save_as: bool) {
    let opened = app.opened.get_untracked().filter(|_| !save_as);
    let over = opened
        .as_ref()
        .map(|opened| (opened.collection_id.as_str(), opened.request_id.as_str()));
    let (collection_id, request_id) = app
        .draft
        .with_untracked(|draft| library.save_draft(draft, over));
    app.opened.set(Some(OpenedRequest {
        collection_id,
        request_id,
    }));
}

/// Whether `app`'s editor holds a saved request with changes not yet saved (tracked, for views).
pub fn has_unsaved_changes(app: AppState, library: Library) -> bool {
    let Some(opened) = app.opened.get() else {
        return false;
    };
    let saved = library
        .saved(&opened.collection_id, &opened.request_id)
        .as_ref()
        .map(SavedRequest::to_draft);
    // Header row ids are the editor's own; compare what is saved.
    app.draft.with(|draft| {
        saved.is_none_or(|saved| {
            SavedRequest::from_draft(String::new(), String::new(), draft)
                != SavedRequest::from_draft(String::new(), String::new(), &saved)
        })
    })
}
