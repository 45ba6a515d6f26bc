//! The open request tabs, kept across a reload: each tab's draft (as a saved request is kept,
//! trust included, so a shared request stays untrusted) and the saved request it edits, and
//! which tab was active. A reload used to throw every open tab and unsaved edit away.

use serde::{Deserialize, Serialize};

use crate::model::collection::SavedRequest;
use crate::model::request::RequestDraft;

/// Version of the stored shape; a newer one is not read (the starter tab opens instead).
pub const OPEN_TABS_VERSION: u32 = 1;

/// The tabs as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenTabs {
    /// [`OPEN_TABS_VERSION`] when written.
    pub version: u32,
    /// The tabs, in order.
    pub tabs: Vec<OpenTab>,
    /// The position of the active tab.
    pub active: usize,
}

/// One tab as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenTab {
    /// Its draft (id and name unused).
    pub request: SavedRequest,
    /// The (collection id, request id) of the saved request it edits, if any.
    #[serde(default)]
    pub saved_as: Option<(String, String)>,
}

impl OpenTabs {
    /// The tabs holding `drafts` ((draft, saved request it edits)), `active` the active one.
    pub fn of<'a>(
        drafts: impl IntoIterator<Item = (&'a RequestDraft, Option<(String, String)>)>,
        active: usize,
    ) -> Self {
        Self {
            version: OPEN_TABS_VERSION,
            tabs: drafts
                .into_iter()
                .map(|(draft, saved_as)| OpenTab {
                    request: SavedRequest::from_draft(String::new(), String::new(), draft),
                    saved_as,
                })
                .collect(),
            active,
        }
    }

    /// The stored text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The tabs stored as `text`; `None` when it is not readable, of a newer version, or holds
    /// no tab.
    pub fn from_json(text: &str) -> Option<Self> {
        let tabs: Self = serde_json::from_str(text).ok()?;
        (tabs.version <= OPEN_TABS_VERSION && !tabs.tabs.is_empty()).then_some(tabs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::request::Method;
    use crate::model::trust::{Source, Trust};

    #[test]
    fn open_tabs_survive_a_reload_with_their_drafts_trust_and_saved_request() {
        // Regression (issue 15, item 4): a reload threw every open tab and edit away.
        let mut shared = RequestDraft::new(Method::Post, "https://h/x".into(), &[], "{}".into());
        shared.trust = Trust::from(Source::ShareLink);
        let plain = RequestDraft::new(Method::Get, "http://h/s".into(), &[], String::new());
        let stored = OpenTabs::of(
            [
                (&shared, None),
                (&plain, Some(("c1".to_owned(), "r1".to_owned()))),
            ],
            1,
        )
        .to_json();
        let restored = OpenTabs::from_json(&stored).expect("readable");
        assert_eq!(restored.active, 1);
        assert_eq!(restored.tabs[0].request.to_draft(), shared);
        assert_eq!(restored.tabs[1].request.to_draft(), plain);
        assert_eq!(restored.tabs[1].saved_as, Some(("c1".into(), "r1".into())));
        assert_eq!(
            OpenTabs::from_json("{\"version\":99,\"tabs\":[],\"active\":0}"),
            None
        );
        assert_eq!(OpenTabs::from_json("not json"), None);
    }
}
