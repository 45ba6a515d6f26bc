//! Saved requests in collections and folders, and the collections file format (our own,
//! documented and versioned JSON) for import and export.
//!
//! What is saved: name, method, URL, headers (with enabled flags) and body, with `{{variables}}`
//! as written, never their values. The event log is not saved with a request (history keeps runs).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::checks::check::Check;
use crate::checks::json::Fields;
use crate::checks::stop_rule::StopRule;
use crate::request::auth::Auth;
use crate::request::capture::Capture;
use crate::request::draft::{Method, RequestDraft};
use crate::request::secrets::{is_secret_name, mask_literal, redact_url_literals};
use crate::request::trust::{Source, Trust};
use crate::request::variables::Secrets;
use crate::session::reading::{READING_FIELDS, Reading};
use crate::session::reconnect::ReconnectPolicy;

/// Version of the collections file and of stored collection records, raised when their shape
/// changes (older versions are migrated on load).
pub const FORMAT_VERSION: u32 = 2;

/// The `format` field of a collections file.
pub const FORMAT_NAME: &str = "sse-studio-collections";

/// A saved request. Read by hand through `serde_json::Value` ([`SavedRequest::from_json`]): the
/// derive, instantiated for each place it is read from, cost the size-budgeted app ~14 KB.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct SavedRequest {
    /// Stable identity (a UUID).
    pub id: String,
    /// Its name in the sidebar.
    pub name: String,
    /// `GET`, `POST`, `PUT`, `PATCH` or `DELETE`.
    pub method: String,
    /// URL as written (may hold `{{variables}}`).
    pub url: String,
    /// Header rows, in order.
    pub headers: Vec<SavedHeader>,
    /// Body as written.
    #[serde(default)]
    pub body: String,
    /// Auth as written (absent in files written before auth existed: none).
    #[serde(default)]
    pub auth: Auth,
    /// Whether it is sent through the CORS relay (absent in older files: no).
    #[serde(default)]
    pub via_relay: bool,
    /// How it reconnects (absent in older files: by method, no backoff).
    #[serde(default)]
    pub reconnect: ReconnectPolicy,
    /// Whether it may spend secrets without asking (absent: trusted). Kept in this browser's
    /// storage only: never written to a collections file, and every imported request is
    /// untrusted whatever its file says.
    #[serde(default, skip_serializing_if = "Trust::is_trusted")]
    pub trust: Trust,
    /// What its run is expected to do (absent in version 1 files: none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<Check>,
    /// When its run ends by itself (absent in version 1 files: none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stop_rules: Vec<StopRule>,
    /// The variables it sets from its response (absent in older files: none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub captures: Vec<Capture>,
    /// How its stream is read (absent in older files: records typed by `$.type`, no rule).
    #[serde(default, skip_serializing_if = "Reading::is_default")]
    pub reading: Reading,
}

/// A request's `reading` as [`Serialize`] writes it: each of [`READING_FIELDS`] a text, absent
/// when empty.
fn reading(value: &Value) -> Result<Reading, String> {
    let fields = Fields::of(value, "a request's reading")?;
    let mut reading = Reading::default();
    for (name, _, _) in READING_FIELDS {
        if let (Some(text), Some(field)) = (fields.optional_text(name)?, reading.field_mut(name)) {
            *field = text;
        }
    }
    Ok(reading)
}

/// A saved header row.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct SavedHeader {
    /// Name as written.
    pub name: String,
    /// Value as written.
    pub value: String,
    /// Whether it is sent (absent: yes).
    pub enabled: bool,
}

serde_through_json!(read SavedRequest);

impl SavedRequest {
    /// Reads one as [`Serialize`] writes it; the fields added since format 1 (`body` on) may be
    /// absent and then default. The error names the field that is missing or of the wrong type.
    pub fn from_json(value: &Value) -> Result<Self, String> {
        let fields = Fields::of(value, "a saved request")?;
        let header = |value: &Value| {
            let fields = Fields::of(value, "a header")?;
            Ok(SavedHeader {
                name: fields.text("name")?,
                value: fields.text("value")?,
                enabled: fields.get("enabled").is_none() || fields.flag("enabled")?,
            })
        };
        Ok(Self {
            id: fields.text("id")?,
            name: fields.text("name")?,
            method: fields.text("method")?,
            url: fields.text("url")?,
            headers: fields.list("headers", true, header)?,
            body: fields.optional_text("body")?.unwrap_or_default(),
            auth: fields.get("auth").map_or(Ok(Auth::None), Auth::from_json)?,
            via_relay: fields.flag("via_relay")?,
            reconnect: fields
                .get("reconnect")
                .map_or(Ok(ReconnectPolicy::default()), ReconnectPolicy::from_json)?,
            trust: fields
                .get("trust")
                .map_or(Ok(Trust::Trusted), Trust::from_json)?,
            checks: fields.list("checks", false, Check::from_json)?,
            stop_rules: fields.list("stop_rules", false, StopRule::from_json)?,
            captures: fields.list("captures", false, Capture::from_json)?,
            reading: fields
                .get("reading")
                .map_or(Ok(Reading::default()), reading)?,
        })
    }
}

/// A folder of requests inside a collection.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Folder {
    /// Stable identity (a UUID).
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its requests, in order.
    #[serde(default)]
    pub requests: Vec<SavedRequest>,
}

/// A collection: requests at its top level and in folders. Stored as one record.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Collection {
    /// Stable identity (a UUID).
    pub id: String,
    /// Its name.
    pub name: String,
    /// Folders, in order.
    #[serde(default)]
    pub folders: Vec<Folder>,
    /// Requests outside any folder, in order.
    #[serde(default)]
    pub requests: Vec<SavedRequest>,
}

impl Collection {
    /// Every request of the collection, top level first, then folder by folder.
    pub fn all_requests(&self) -> impl Iterator<Item = &SavedRequest> {
        self.requests
            .iter()
            .chain(self.folders.iter().flat_map(|folder| &folder.requests))
    }

    /// The requests "Run" runs, in order, each with its suite ("Collection" or "Collection /
    /// Folder"): the whole collection's ([`Collection::all_requests`]' order) when `folder_id`
    /// is `None`, else folder `folder_id`'s (none when there is no such folder).
    pub fn to_run<'a>(&'a self, folder_id: Option<&str>) -> Vec<(String, &'a SavedRequest)> {
        let in_folder = |folder: &'a Folder| {
            let suite = format!("{} / {}", self.name, folder.name);
            folder
                .requests
                .iter()
                .map(move |request| (suite.clone(), request))
        };
        match folder_id {
            Some(id) => self
                .folders
                .iter()
                .filter(|folder| folder.id == id)
                .flat_map(in_folder)
                .collect(),
            None => self
                .requests
                .iter()
                .map(|request| (self.name.clone(), request))
                .chain(self.folders.iter().flat_map(in_folder))
                .collect(),
        }
    }

    /// Every request of the collection, as [`Collection::all_requests`], to change.
    pub fn all_requests_mut(&mut self) -> impl Iterator<Item = &mut SavedRequest> {
        self.requests.iter_mut().chain(
            self.folders
                .iter_mut()
                .flat_map(|folder| &mut folder.requests),
        )
    }

    /// The request with `id`, wherever it is in the collection.
    pub fn request_mut(&mut self, id: &str) -> Option<&mut SavedRequest> {
        self.all_requests_mut().find(|request| request.id == id)
    }

    /// Removes the request with `id` and returns it with where it was, for
    /// [`Collection::restore`].
    pub fn remove_request(&mut self, id: &str) -> Option<Removed> {
        if let Some(index) = self.requests.iter().position(|request| request.id == id) {
            return Some(Removed {
                request: self.requests.remove(index),
                folder_id: None,
                index,
            });
        }
        self.folders.iter_mut().find_map(|folder| {
            let index = folder
                .requests
                .iter()
                .position(|request| request.id == id)?;
            Some(Removed {
                request: folder.requests.remove(index),
                folder_id: Some(folder.id.clone()),
                index,
            })
        })
    }

    /// Puts `removed` back where it was: in its folder (its collection's top level when that
    /// folder is gone since), at its former position (the end when the list is shorter now).
    /// Does nothing when the request is there already (put back in another tab).
    pub fn restore(&mut self, removed: Removed) {
        if self
            .all_requests()
            .any(|request| request.id == removed.request.id)
        {
            return;
        }
        let folder = removed.folder_id.as_ref().and_then(|folder_id| {
            self.folders
                .iter_mut()
                .find(|folder| &folder.id == folder_id)
        });
        let list = match folder {
            Some(folder) => &mut folder.requests,
            None => &mut self.requests,
        };
        list.insert(removed.index.min(list.len()), removed.request);
    }
}

/// A request taken out of a collection by [`Collection::remove_request`], and where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// The request.
    pub request: SavedRequest,
    /// The folder it was in, or `None` for the collection's top level.
    pub folder_id: Option<String>,
    /// Its position in that list, from 0.
    pub index: usize,
}

/// Where a request goes: a collection, and a folder in it or its top level.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Place {
    /// The collection's id.
    pub collection_id: String,
    /// The folder's id, or `None` for the top level.
    pub folder_id: Option<String>,
}

/// Moves request `request_id` (wherever it is) to the end of `to`. Returns the collections that
/// changed (one, or two when it moved between collections), to be saved; none when the request
/// or the destination does not exist.
pub fn move_request(collections: &[Collection], request_id: &str, to: &Place) -> Vec<Collection> {
    let Some(source) = collections.iter().find(|collection| {
        collection
            .all_requests()
            .any(|request| request.id == request_id)
    }) else {
        return Vec::new();
    };
    let Some(destination) = collections.iter().find(|c| c.id == to.collection_id) else {
        return Vec::new();
    };
    if let Some(folder_id) = &to.folder_id
        && !destination
            .folders
            .iter()
            .any(|folder| &folder.id == folder_id)
    {
        return Vec::new();
    }
    let mut source = source.clone();
    let Some(Removed { request, .. }) = source.remove_request(request_id) else {
        return Vec::new();
    };
    let same = source.id == destination.id;
    let mut destination = if same {
        source.clone()
    } else {
        destination.clone()
    };
    let list = match &to.folder_id {
        Some(folder_id) => destination
            .folders
            .iter_mut()
            .find(|folder| &folder.id == folder_id)
            .map(|folder| &mut folder.requests),
        None => Some(&mut destination.requests),
    };
    if let Some(list) = list {
        list.push(request);
    }
    if same {
        vec![destination]
    } else {
        vec![source, destination]
    }
}

impl SavedRequest {
    /// `draft` saved as `name` with identity `id`.
    pub fn from_draft(id: String, name: String, draft: &RequestDraft) -> Self {
        Self {
            id,
            name,
            method: draft.method.as_str().to_owned(),
            url: draft.url.clone(),
            headers: draft
                .headers
                .iter()
                .map(|row| SavedHeader {
                    name: row.name.clone(),
                    value: row.value.clone(),
                    enabled: row.enabled,
                })
                .collect(),
            body: draft.body.clone(),
            auth: draft.auth.clone(),
            via_relay: draft.via_relay,
            reconnect: draft.reconnect,
            trust: draft.trust.clone(),
            checks: draft.checks.clone(),
            stop_rules: draft.stop_rules.clone(),
            captures: draft.captures.clone(),
            reading: draft.reading.clone(),
        }
    }

    /// Masks its literal credentials (see [`export_collections`]).
    fn mask_literal_secrets(&mut self) {
        self.url = redact_url_literals(&self.url);
        for header in &mut self.headers {
            if is_secret_name(&header.name) {
                header.value = mask_literal(&header.value);
            }
        }
        match &mut self.auth {
            Auth::None => {}
            Auth::Bearer { token } => *token = mask_literal(token),
            Auth::Basic { password, .. } => *password = mask_literal(password),
            Auth::ApiKey { value, .. } => *value = mask_literal(value),
        }
    }

    /// The request as an editor draft (see [`RequestDraft::restored`]).
    pub fn to_draft(&self) -> RequestDraft {
        let mut draft = RequestDraft::restored(
            &self.method,
            self.url.clone(),
            self.headers
                .iter()
                .map(|header| (header.name.as_str(), header.value.as_str(), header.enabled)),
            self.body.clone(),
        );
        draft.auth = self.auth.clone();
        draft.via_relay = self.via_relay;
        draft.reconnect = self.reconnect;
        draft.trust = self.trust.clone();
        draft.checks = self.checks.clone();
        draft.stop_rules = self.stop_rules.clone();
        draft.captures = self.captures.clone();
        draft.reading = self.reading.clone();
        draft
    }
}

/// A collections file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CollectionsFile {
    /// Always [`FORMAT_NAME`].
    pub format: String,
    /// [`FORMAT_VERSION`] when written.
    pub version: u32,
    /// The collections.
    pub collections: Vec<Collection>,
}

/// `collections` as a collections file (pretty JSON). With [`Secrets::Mask`] every credential
/// written literally — auth values, values of headers and query parameters named like
/// credentials — is replaced by `•••`; those written as `{{references}}` are kept.
pub fn export_collections(collections: &[Collection], secrets: Secrets) -> String {
    let mut collections = collections.to_vec();
    for request in collections
        .iter_mut()
        .flat_map(Collection::all_requests_mut)
    {
        // Local knowledge, meaningless elsewhere: an import is untrusted whatever it says.
        request.trust = Trust::Trusted;
        if secrets == Secrets::Mask {
            request.mask_literal_secrets();
        }
    }
    let file = CollectionsFile {
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        collections,
    };
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// The collections in a collections file.
///
/// # Errors
/// Exactly what is wrong, as a sentence: not JSON (with line and column), not a collections file,
/// a newer version, a missing or mistyped field (with where), an empty name, a method the request
/// bar does not offer, or an id used twice.
pub fn import_collections(text: &str) -> Result<Vec<Collection>, String> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|error| format!("This file is not valid JSON: {error}."))?;
    if value.get("format").and_then(|format| format.as_str()) != Some(FORMAT_NAME) {
        return Err(format!(
            "This is not an SSE Studio collections file (its \"format\" should be \"{FORMAT_NAME}\")."
        ));
    }
    match value.get("version").and_then(serde_json::Value::as_u64) {
        Some(version) if version <= u64::from(FORMAT_VERSION) => {}
        Some(version) => {
            return Err(format!(
                "This file is version {version}; this SSE Studio reads up to version {FORMAT_VERSION}. Update SSE Studio to import it."
            ));
        }
        None => return Err("The file has no \"version\" number.".into()),
    }
    let file: CollectionsFile = serde_json::from_value(value)
        .map_err(|error| format!("The file does not have the expected shape: {error}."))?;
    let mut ids = std::collections::HashSet::new();
    for collection in &file.collections {
        check_name("A collection", &collection.name)?;
        let mut check_id = |id: &str| {
            if ids.insert(id.to_owned()) {
                Ok(())
            } else {
                Err(format!("The id \"{id}\" is used twice."))
            }
        };
        check_id(&collection.id)?;
        for folder in &collection.folders {
            check_name(
                &format!("A folder in \"{}\"", collection.name),
                &folder.name,
            )?;
            check_id(&folder.id)?;
        }
        for request in collection.all_requests() {
            check_name(
                &format!("A request in \"{}\"", collection.name),
                &request.name,
            )?;
            check_id(&request.id)?;
            if Method::parse(&request.method).is_none() {
                return Err(format!(
                    "The request \"{}\" in \"{}\" has the method \"{}\"; use GET, POST, PUT, PATCH or DELETE.",
                    request.name, collection.name, request.method
                ));
            }
        }
    }
    let mut collections = file.collections;
    for request in collections
        .iter_mut()
        .flat_map(Collection::all_requests_mut)
    {
        request.trust = Trust::from(Source::CollectionsFile);
    }
    Ok(collections)
}

fn check_name(what: &str, name: &str) -> Result<(), String> {
    if name.trim().is_empty() {
        Err(format!("{what} has an empty name."))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collection() -> Collection {
        let mut draft = RequestDraft::new(
            Method::Post,
            "{{host}}/v1/chat".into(),
            &[("Authorization", "Bearer {{api_key}}")],
            "{}".into(),
        );
        draft.checks = vec![Check::Status { status: 200 }, Check::AnswerComplete];
        draft.stop_rules = vec![StopRule::AfterEvents { count: 100 }];
        draft.reading = Reading {
            record_type: "$.kind".into(),
            text: "$.delta.text".into(),
            finish: "$.stop".into(),
            ..Reading::default()
        };
        Collection {
            id: "c1".into(),
            name: "OpenAI".into(),
            folders: vec![Folder {
                id: "f1".into(),
                name: "Chat".into(),
                requests: vec![SavedRequest::from_draft(
                    "r2".into(),
                    "Stream".into(),
                    &draft,
                )],
            }],
            requests: vec![SavedRequest::from_draft(
                "r1".into(),
                "Plain".into(),
                &draft,
            )],
        }
    }

    #[test]
    fn run_takes_the_collection_top_level_first_or_one_folder() {
        let collection = collection();
        let names = |folder| {
            collection
                .to_run(folder)
                .into_iter()
                .map(|(suite, request)| format!("{suite}: {}", request.name))
                .collect::<Vec<_>>()
        };
        assert_eq!(names(None), ["OpenAI: Plain", "OpenAI / Chat: Stream"]);
        assert_eq!(names(Some("f1")), ["OpenAI / Chat: Stream"]);
        assert!(names(Some("gone")).is_empty());
    }

    #[test]
    fn a_draft_round_trips_through_a_saved_request_keeping_variables_as_written() {
        let mut draft = RequestDraft::new(
            Method::Post,
            "{{host}}/x".into(),
            &[("K", "{{key}}")],
            "b".into(),
        );
        draft.auth = Auth::Bearer {
            token: "{{token}}".into(),
        };
        let saved = SavedRequest::from_draft("id".into(), "n".into(), &draft);
        assert_eq!(saved.headers[1].value, "{{key}}");
        assert_eq!(saved.to_draft(), draft);
    }

    #[test]
    fn collections_export_and_import_back_the_same_but_untrusted() {
        let exported = export_collections(&[collection()], Secrets::Reveal);
        let mut expected = collection();
        for request in expected.all_requests_mut() {
            request.trust = Trust::from(Source::CollectionsFile);
        }
        assert_eq!(import_collections(&exported), Ok(vec![expected]));
    }

    #[test]
    fn a_version_1_file_imports_with_no_checks_or_stop_rules() {
        let version_1 = r#"{"format":"sse-studio-collections","version":1,"collections":[
            {"id":"c","name":"C","requests":[{"id":"r","name":"R","method":"GET",
             "url":"http://h/","headers":[{"name":"Accept","value":"text/event-stream"}]}]}]}"#;
        let imported = import_collections(version_1).expect("a version 1 file");
        let request = imported[0].all_requests().next().expect("one request");
        assert!(request.checks.is_empty() && request.stop_rules.is_empty());
        // The fields added since default: the header is sent, no body, no auth, by method.
        assert!(request.headers[0].enabled);
        assert_eq!((request.body.as_str(), &request.auth), ("", &Auth::None));
        assert!(!request.via_relay && request.reconnect == ReconnectPolicy::default());
        // Written back without the empty lists.
        let written = export_collections(&imported, Secrets::Mask);
        assert!(!written.contains("checks") && !written.contains("stop_rules"));
        assert!(!written.contains("reading"), "{written}");
    }

    #[test]
    fn an_imported_request_is_untrusted_whatever_its_file_says() {
        let mut confirmed = collection();
        for request in confirmed.all_requests_mut() {
            request.trust = Trust::from(Source::CurlCommand);
            request.trust.confirm("https://evil.example");
        }
        // A file that claims the requests are trusted, or already confirmed for an origin.
        let file = serde_json::json!({
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "collections": [confirmed],
        })
        .to_string();
        let exported = export_collections(&[confirmed], Secrets::Reveal);
        assert!(!exported.contains("trust"), "{exported}");
        for text in [file, exported] {
            let imported = import_collections(&text).expect("imports");
            assert!(
                imported
                    .iter()
                    .flat_map(Collection::all_requests)
                    .all(|request| request.trust == Trust::from(Source::CollectionsFile))
            );
        }
    }

    #[test]
    fn an_export_masks_literal_credentials_unless_asked_and_keeps_references() {
        let mut draft = RequestDraft::new(
            Method::Get,
            "http://h/?api_key=sk-url&model=m".into(),
            &[
                ("X-Api-Key", "sk-header"),
                ("Authorization", "Bearer {{token}}"),
            ],
            String::new(),
        );
        draft.auth = Auth::Basic {
            username: "me".into(),
            password: "pw-literal".into(),
        };
        let mut collection = collection();
        collection.requests = vec![SavedRequest::from_draft("r9".into(), "R".into(), &draft)];
        let masked = export_collections(std::slice::from_ref(&collection), Secrets::Mask);
        for secret in ["sk-url", "sk-header", "pw-literal"] {
            assert!(!masked.contains(secret), "{secret} leaked");
        }
        for kept in ["{{token}}", "{{api_key}}", "\"me\"", "model=m"] {
            assert!(masked.contains(kept), "{kept} lost");
        }
        let revealed = export_collections(&[collection], Secrets::Reveal);
        assert!(revealed.contains("pw-literal") && revealed.contains("sk-header"));
    }

    #[test]
    fn a_malformed_file_is_refused_saying_exactly_what_is_wrong() {
        let valid = export_collections(&[collection()], Secrets::Reveal);
        let cases = [
            ("{", "not valid JSON"),
            (
                r#"{"format":"postman"}"#,
                "not an SSE Studio collections file",
            ),
            (
                &valid.replace(&format!("\"version\": {FORMAT_VERSION}"), "\"version\": 9"),
                "version 9",
            ),
            (
                &valid.replace("\"url\"", "\"uri\""),
                "a saved request needs the field `url`",
            ),
            (
                &valid.replacen("\"type\": \"none\"", "\"type\": \"kerberos\"", 1),
                "no auth type \u{201c}kerberos\u{201d}",
            ),
            (
                &valid.replace("\"Stream\"", "\"  \""),
                "A request in \"OpenAI\" has an empty name",
            ),
            (
                &valid.replace("\"POST\"", "\"HEAD\""),
                "has the method \"HEAD\"",
            ),
            (&valid.replace("\"r2\"", "\"r1\""), "\"r1\" is used twice"),
        ];
        for (text, expected) in cases {
            let error = import_collections(text).expect_err(expected);
            assert!(error.contains(expected), "{expected}: {error}");
        }
    }

    #[test]
    fn a_request_moves_into_a_folder_or_another_collection() {
        let second = Collection {
            id: "c2".into(),
            name: "Other".into(),
            folders: Vec::new(),
            requests: Vec::new(),
        };
        let collections = vec![collection(), second];
        let into_folder = Place {
            collection_id: "c1".into(),
            folder_id: Some("f1".into()),
        };
        let changed = move_request(&collections, "r1", &into_folder);
        assert_eq!(changed.len(), 1);
        assert!(changed[0].requests.is_empty());
        assert_eq!(changed[0].folders[0].requests.len(), 2);
        let elsewhere = Place {
            collection_id: "c2".into(),
            folder_id: None,
        };
        let changed = move_request(&collections, "r2", &elsewhere);
        assert_eq!(changed.len(), 2);
        assert!(changed[0].folders[0].requests.is_empty());
        assert_eq!(changed[1].requests[0].id, "r2");
        let nowhere = Place {
            collection_id: "c9".into(),
            folder_id: None,
        };
        assert!(move_request(&collections, "r1", &nowhere).is_empty());
    }

    #[test]
    fn requests_are_found_and_removed_wherever_they_are() {
        let mut collection = collection();
        assert_eq!(collection.all_requests().count(), 2);
        collection.request_mut("r2").expect("in the folder").name = "Renamed".into();
        assert_eq!(
            collection.remove_request("r2").map(|r| r.request.name),
            Some("Renamed".into())
        );
        assert_eq!(collection.remove_request("r2"), None);
    }

    #[test]
    fn undo_puts_a_deleted_request_back_in_its_folder_at_its_place() {
        let mut collection = collection();
        let mut second = collection.folders[0].requests[0].clone();
        second.id = "r3".into();
        collection.folders[0].requests.push(second);
        let removed = collection.remove_request("r2").expect("in the folder");
        assert_eq!(
            (removed.folder_id.as_deref(), removed.index),
            (Some("f1"), 0)
        );
        collection.restore(removed.clone());
        let ids = |c: &Collection| c.all_requests().map(|r| r.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&collection), ["r1", "r2", "r3"]);
        // Put back already (by another tab): not twice.
        collection.restore(removed.clone());
        assert_eq!(ids(&collection), ["r1", "r2", "r3"]);
        // Its folder deleted since: the top level, at the end if the list is shorter now.
        collection.remove_request("r2");
        collection.folders.clear();
        collection.restore(Removed {
            index: 7,
            ..removed
        });
        assert_eq!(ids(&collection), ["r1", "r2"]);
    }
}
