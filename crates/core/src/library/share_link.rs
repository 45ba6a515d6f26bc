//! Share links: a request — and, if asked, a captured stream — carried in a URL fragment
//! (`#r=…`, which browsers never send to a server), so a colleague opens the same request, or
//! the same timeline offline, with nothing stored anywhere. The request travels whole, its checks
//! and stop rules too.
//!
//! The fragment is `r=` then URL-safe base64 without padding (RFC 4648 §5) of raw DEFLATE
//! (RFC 1951) of: the request as JSON ([`Shared`]), then, when a stream is included, a NUL byte
//! (never in JSON text) and the stream's bytes as received. The DEFLATE itself is the caller's
//! (the app uses the browser's `CompressionStream`/`DecompressionStream`, which cost the wasm
//! nothing): [`payload`] → compress → [`fragment`]; [`compressed`] → inflate (at most
//! [`MAX_PAYLOAD_BYTES`]) → [`open`].
//!
//! Secrets stay home unless the user includes them: credentials written literally (auth values,
//! values of headers and query parameters named like credentials) are replaced by
//! `{{placeholders}}` before encoding; `{{references}}` travel as they are (their values are in
//! the sender's environment, which is never shared).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

use crate::library::collection::SavedRequest;
use crate::request::auth::Auth;
use crate::request::draft::RequestDraft;
use crate::request::secrets::{
    is_secret_name, replace_secret_query_values, replace_url_credential,
};
use crate::request::trust::{Source, Trust};
use crate::request::variables::references;

/// The fragment's key.
pub const FRAGMENT_KEY: &str = "r=";
/// Version written in links; links of a newer version are refused with a message.
pub const LINK_VERSION: u32 = 1;
/// Largest stream a link carries, in bytes received.
pub const MAX_STREAM_BYTES: usize = 1 << 20;
/// Largest decompressed payload a link may hold, in bytes (a hostile link cannot make the page
/// inflate more).
pub const MAX_PAYLOAD_BYTES: usize = MAX_STREAM_BYTES + (1 << 20);

/// What a link carries besides the stream.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Shared {
    /// [`LINK_VERSION`].
    v: u32,
    /// The request (its id and name are not used).
    request: SavedRequest,
    /// Where the stream came from ("GET https://…"), when one is included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    stream_source: Option<String>,
}

/// A literal credential found in a request, and the placeholder that replaces it unless the
/// user includes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Secret {
    /// Where it is, for people: "header Authorization", "query parameter key", "bearer token".
    pub place: String,
    /// What replaces it: `{{name}}`.
    pub placeholder: String,
}

/// What a link opens.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    /// The request, ready to send.
    pub draft: RequestDraft,
    /// The captured stream, if one was included: (where it came from, its bytes).
    pub stream: Option<(String, Vec<u8>)>,
}

/// A placeholder name for a credential called `name`: lowercase, runs of other characters as
/// `_` (`X-Api-Key` → `x_api_key`).
fn placeholder(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    format!("{{{{{}}}}}", out.trim_matches('_'))
}

/// Whether `value` is written literally (not empty, not a `{{reference}}`).
fn is_literal(value: &str) -> bool {
    !value.is_empty() && references(value).is_empty()
}

/// Applies `visit(place, placeholder)` to each literal credential of `request`; where it
/// returns true the value is replaced by the placeholder.
fn each_secret(request: &mut SavedRequest, mut visit: impl FnMut(&str, &str) -> bool) {
    request.url = replace_url_credential(&request.url, |credential| {
        let holder = placeholder("url_password");
        (is_literal(credential) && visit("URL password", &holder)).then_some(holder)
    });
    request.url = replace_secret_query_values(&request.url, |name, value| {
        let holder = placeholder(name);
        (is_literal(value) && visit(&format!("query parameter {name}"), &holder)).then_some(holder)
    });
    for header in &mut request.headers {
        if is_secret_name(&header.name) && is_literal(&header.value) {
            let holder = placeholder(&header.name);
            if visit(&format!("header {}", header.name), &holder) {
                header.value = holder;
            }
        }
    }
    let (place, name, value) = match &mut request.auth {
        Auth::None => return,
        Auth::Bearer { token } => ("bearer token", "token", token),
        Auth::Basic { password, .. } => ("Basic auth password", "password", password),
        Auth::ApiKey { name, value, .. } => ("API key", name.as_str(), value),
    };
    let holder = placeholder(if name.is_empty() { "api_key" } else { name });
    if is_literal(value) && visit(place, &holder) {
        *value = holder;
    }
}

/// The literal credentials in `draft` that a link would replace by placeholders, in order.
pub fn secrets_in(draft: &RequestDraft) -> Vec<Secret> {
    let mut request = SavedRequest::from_draft(String::new(), String::new(), draft);
    let mut found = Vec::new();
    each_secret(&mut request, |place, placeholder| {
        found.push(Secret {
            place: place.to_owned(),
            placeholder: placeholder.to_owned(),
        });
        false
    });
    found
}

/// What a link carries for `draft`, before compression: the request as JSON, with the literal
/// credentials replaced by placeholders except those whose places are in `included`, then — with
/// `stream` (where it came from, its bytes) — a NUL byte and the stream. The link is
/// [`fragment`] of its raw DEFLATE (the app compresses with the browser's
/// `CompressionStream("deflate-raw")`).
///
/// # Errors
/// A stream over [`MAX_STREAM_BYTES`], said in a sentence.
pub fn payload(
    draft: &RequestDraft,
    included: &[String],
    stream: Option<(&str, &[u8])>,
) -> Result<Vec<u8>, String> {
    if let Some((_, bytes)) = stream
        && bytes.len() > MAX_STREAM_BYTES
    {
        return Err(format!(
            "The stream is {} bytes; a link carries at most {MAX_STREAM_BYTES}. Share the request \
             alone, or export the stream as a file.",
            bytes.len()
        ));
    }
    let mut request = SavedRequest::from_draft(String::new(), String::new(), draft);
    // The recipient's copy is untrusted whatever the link says; this one's trust stays here.
    request.trust = Trust::Trusted;
    each_secret(&mut request, |place, _| {
        !included.iter().any(|kept| kept == place)
    });
    let shared = Shared {
        v: LINK_VERSION,
        request,
        stream_source: stream.map(|(source, _)| source.to_owned()),
    };
    // Through a `Value`: the app already has `SavedRequest`'s serializer into one (open tabs),
    // and a second, into bytes, would add ~12 KB to the wasm.
    let mut payload = serde_json::to_value(&shared)
        .and_then(|value| serde_json::to_vec(&value))
        .map_err(|error| error.to_string())?;
    if let Some((_, bytes)) = stream {
        payload.push(0);
        payload.extend_from_slice(bytes);
    }
    Ok(payload)
}

/// The fragment (without `#`) of a link whose payload compressed (raw DEFLATE) is `compressed`.
pub fn fragment(compressed: &[u8]) -> String {
    format!("{FRAGMENT_KEY}{}", URL_SAFE_NO_PAD.encode(compressed))
}

/// The compressed payload in the link fragment `fragment` (without `#`); `None` when it is not a
/// share link. Inflate it with at most [`MAX_PAYLOAD_BYTES`] out, then [`open`] it.
///
/// # Errors
/// A sentence when it is not base64url; nothing is opened then.
pub fn compressed(fragment: &str) -> Option<Result<Vec<u8>, String>> {
    let encoded = fragment.strip_prefix(FRAGMENT_KEY)?;
    Some(
        URL_SAFE_NO_PAD
            .decode(encoded.trim())
            .map_err(|_| damaged("it is not valid base64url")),
    )
}

/// Why a link's DEFLATE data did not inflate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InflateError {
    /// It inflates past [`MAX_PAYLOAD_BYTES`].
    TooLarge,
    /// It is not DEFLATE data, or is cut short.
    Damaged,
}

impl InflateError {
    /// The sentence shown; nothing is opened.
    pub fn message(self) -> String {
        match self {
            Self::TooLarge => format!(
                "This share link holds more than {MAX_PAYLOAD_BYTES} bytes, more than a link may: \
                 nothing was opened."
            ),
            Self::Damaged => damaged("its data does not decompress; it may be cut short"),
        }
    }
}

fn damaged(why: &str) -> String {
    format!("This share link is damaged ({why}): nothing was opened. Ask for the link again.")
}

/// What the inflated `payload` of a link opens: its request (untrusted: from a share link) and
/// its stream.
///
/// # Errors
/// A sentence for a newer link's version or a payload that is not a link's.
pub fn open(payload: &[u8]) -> Result<Opened, String> {
    let (json, stream) = match payload.iter().position(|&byte| byte == 0) {
        Some(at) => (&payload[..at], Some(payload[at + 1..].to_vec())),
        None => (payload, None),
    };
    // Read as a `Value` first: its version decides the message, and `SavedRequest`'s
    // deserializer from a `Value` is the one collections files already use (one from bytes
    // would add ~16 KB to the wasm).
    let value = serde_json::from_slice::<serde_json::Value>(json)
        .map_err(|_| damaged("its request is not readable"))?;
    let version = value.get("v").and_then(serde_json::Value::as_u64);
    if version.is_some_and(|version| version > u64::from(LINK_VERSION)) {
        return Err(
            "This share link was made by a newer SSE Studio: update this one (reload the page) \
             and open it again."
                .into(),
        );
    }
    let shared: Shared =
        serde_json::from_value(value).map_err(|_| damaged("its request is not readable"))?;
    let stream = match (shared.stream_source, stream) {
        (Some(source), Some(bytes)) => Some((source, bytes)),
        (None, None) => None,
        _ => return Err(damaged("its stream does not match its request")),
    };
    let mut draft = shared.request.to_draft();
    draft.trust = Trust::from(Source::ShareLink);
    Ok(Opened { draft, stream })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::auth::KeyPlace;
    use crate::request::draft::Method;

    fn draft() -> RequestDraft {
        let mut draft = RequestDraft::new(
            Method::Post,
            "https://api.example.com/v1/chat?model=m&api_key=sk-query".into(),
            &[
                ("X-Api-Key", "sk-header"),
                ("X-Trace", "t-1"),
                ("Cookie", "{{cookie}}"),
            ],
            "{\"stream\": true}".into(),
        );
        draft.auth = Auth::Bearer {
            token: "sk-bearer".into(),
        };
        draft
    }

    /// The link's fragment as the app makes it (miniz_oxide standing in for the browser's
    /// `CompressionStream`: both write raw DEFLATE).
    fn encode(
        draft: &RequestDraft,
        included: &[String],
        stream: Option<(&str, &[u8])>,
    ) -> Result<String, String> {
        let payload = payload(draft, included, stream)?;
        Ok(fragment(&miniz_oxide::deflate::compress_to_vec(
            &payload, 6,
        )))
    }

    /// What the fragment opens, as the app does it.
    fn decode(fragment: &str) -> Option<Result<Opened, String>> {
        let inflated = compressed(fragment)?.and_then(|compressed| {
            miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_PAYLOAD_BYTES)
                .map_err(|_| InflateError::Damaged.message())
        });
        Some(inflated.and_then(|payload| open(&payload)))
    }

    fn round_trip(draft: &RequestDraft, included: &[String]) -> RequestDraft {
        let fragment = encode(draft, included, None).expect("encodes");
        decode(&fragment)
            .expect("a share link")
            .expect("decodes")
            .draft
    }

    #[test]
    fn literal_credentials_are_listed_and_replaced_by_placeholders_by_default() {
        let places: Vec<_> = secrets_in(&draft())
            .into_iter()
            .map(|secret| (secret.place, secret.placeholder))
            .collect();
        assert_eq!(
            places,
            [
                (
                    "query parameter api_key".to_owned(),
                    "{{api_key}}".to_owned()
                ),
                ("header X-Api-Key".to_owned(), "{{x_api_key}}".to_owned()),
                ("bearer token".to_owned(), "{{token}}".to_owned()),
            ]
        );
        let opened = round_trip(&draft(), &[]);
        assert_eq!(
            opened.url,
            "https://api.example.com/v1/chat?model=m&api_key={{api_key}}"
        );
        let header = |draft: &RequestDraft, name: &str| {
            draft
                .headers
                .iter()
                .find(|row| row.name == name)
                .map(|row| row.value.clone())
        };
        assert_eq!(
            header(&opened, "X-Api-Key").as_deref(),
            Some("{{x_api_key}}")
        );
        assert_eq!(header(&opened, "X-Trace").as_deref(), Some("t-1"));
        assert_eq!(header(&opened, "Cookie").as_deref(), Some("{{cookie}}"));
        assert_eq!(
            opened.auth,
            Auth::Bearer {
                token: "{{token}}".into()
            }
        );
        assert_eq!(opened.body, "{\"stream\": true}");
        assert_eq!(opened.method, Method::Post);
        assert_eq!(opened.trust, Trust::from(Source::ShareLink));
    }

    #[test]
    fn checks_and_stop_rules_travel_with_the_request() {
        use crate::checks::check::Check;
        use crate::checks::stop_rule::StopRule;
        let mut draft = draft();
        draft.checks = vec![Check::Status { status: 200 }, Check::AnswerComplete];
        draft.stop_rules = vec![StopRule::IdleMs { ms: 5000 }];
        let opened = round_trip(&draft, &[]);
        assert_eq!(opened.checks, draft.checks);
        assert_eq!(opened.stop_rules, draft.stop_rules);
    }

    #[test]
    fn a_secret_the_user_includes_travels_as_it_is() {
        let opened = round_trip(&draft(), &["bearer token".to_owned()]);
        assert_eq!(
            opened.auth,
            Auth::Bearer {
                token: "sk-bearer".into()
            }
        );
        assert!(opened.url.ends_with("api_key={{api_key}}"));
    }

    #[test]
    fn an_api_key_in_auth_is_named_after_its_parameter() {
        let mut draft = draft();
        draft.auth = Auth::ApiKey {
            name: "x-goog-api-key".into(),
            value: "g-1".into(),
            place: KeyPlace::Header,
        };
        let Auth::ApiKey { value, .. } = round_trip(&draft, &[]).auth else {
            panic!("the auth kind is kept");
        };
        assert_eq!(value, "{{x_goog_api_key}}");
    }

    #[test]
    fn a_captured_stream_comes_back_byte_for_byte() {
        let stream = b"data: caf\xC3\xA9\n\n\xFF\x00data: x\n\n";
        let fragment = encode(&draft(), &[], Some(("GET http://h/s", stream))).expect("encodes");
        let opened = decode(&fragment).expect("a link").expect("decodes");
        assert_eq!(
            opened.stream,
            Some(("GET http://h/s".to_owned(), stream.to_vec()))
        );
        let too_big = vec![b'x'; MAX_STREAM_BYTES + 1];
        assert!(encode(&draft(), &[], Some(("s", &too_big))).is_err());
    }

    #[test]
    fn damaged_links_say_so_and_other_fragments_are_not_links() {
        assert_eq!(decode("top"), None);
        let fragment = encode(&draft(), &[], None).expect("encodes");
        let cut = &fragment[..fragment.len() / 2];
        let message = decode(cut).expect("a link").expect_err("cut short");
        assert!(
            message.starts_with("This share link is damaged"),
            "{message}"
        );
        let message = decode("r=!!!").expect("a link").expect_err("not base64");
        assert!(message.contains("base64url"), "{message}");
        // Valid DEFLATE of something that is not a request.
        let junk = URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(b"[1,2]", 6));
        let message = decode(&format!("r={junk}"))
            .expect("a link")
            .expect_err("junk");
        assert!(message.contains("request is not readable"), "{message}");
    }

    #[test]
    fn a_link_from_a_newer_version_asks_for_an_update() {
        let payload = br#"{"v":99,"request":{}}"#;
        let encoded = URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(payload, 6));
        let message = decode(&format!("r={encoded}"))
            .expect("a link")
            .expect_err("newer");
        assert!(message.contains("newer SSE Studio"), "{message}");
    }

    #[test]
    fn a_password_in_the_url_becomes_a_placeholder_too() {
        let mut draft = draft();
        draft.url = "https://ann:pw-1@h.example/s".into();
        let places: Vec<_> = secrets_in(&draft)
            .into_iter()
            .map(|secret| secret.place)
            .collect();
        assert!(places.contains(&"URL password".to_owned()), "{places:?}");
        assert_eq!(
            round_trip(&draft, &[]).url,
            "https://ann:{{url_password}}@h.example/s"
        );
    }
}
