//! The open request tabs, kept across a reload: each tab's draft (as a saved request is kept,
//! trust included, so a shared request stays untrusted) and the saved request it edits, and
//! which tab was active. A reload used to throw every open tab and unsaved edit away.

use serde_json::{Value, json};

use crate::library::collection::SavedRequest;
use crate::request::draft::RequestDraft;

/// Version of the stored shape; a newer one is not read (the starter tab opens instead).
pub const OPEN_TABS_VERSION: u32 = 1;

/// The tabs as stored: `{"version", "tabs": [{"request", "saved_as": [collection, request] or
/// null}], "active"}`, written and read by hand (derived serde code costs the wasm kilobytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenTabs {
    /// [`OPEN_TABS_VERSION`] when written.
    pub version: u32,
    /// The tabs, in order.
    pub tabs: Vec<OpenTab>,
    /// The position of the active tab.
    pub active: usize,
}

/// One tab as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenTab {
    /// Its draft (id and name unused).
    pub request: SavedRequest,
    /// The (collection id, request id) of the saved request it edits, if any.
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
        let tabs: Vec<Value> = self
            .tabs
            .iter()
            .map(|tab| {
                json!({
                    "request": serde_json::to_value(&tab.request).unwrap_or(Value::Null),
                    "saved_as": tab.saved_as.as_ref().map(|(collection, request)| [collection, request]),
                })
            })
            .collect();
        json!({ "version": self.version, "tabs": tabs, "active": self.active }).to_string()
    }

    /// The tabs stored as `text`; `None` when it is not readable, of a newer version, or holds
    /// no tab (a tab that is not readable is left out).
    pub fn from_json(text: &str) -> Option<Self> {
        let value: Value = serde_json::from_str(text).ok()?;
        let version = u32::try_from(value.get("version")?.as_u64()?).ok()?;
        let tabs: Vec<OpenTab> = value
            .get("tabs")?
            .as_array()?
            .iter()
            .filter_map(|tab| {
                let request = serde_json::from_value(tab.get("request")?.clone()).ok()?;
                let saved_as = tab.get("saved_as").and_then(|pair| {
                    Some((
                        pair.get(0)?.as_str()?.to_owned(),
                        pair.get(1)?.as_str()?.to_owned(),
                    ))
                });
                Some(OpenTab { request, saved_as })
            })
            .collect();
        let active = value
            .get("active")
            .and_then(Value::as_u64)
            .and_then(|active| usize::try_from(active).ok())
            .unwrap_or_default();
        (version <= OPEN_TABS_VERSION && !tabs.is_empty()).then_some(Self {
            version,
            tabs,
            active,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::draft::Method;
    use crate::request::trust::{Source, Trust};

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
