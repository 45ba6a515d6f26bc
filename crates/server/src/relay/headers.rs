//! Which headers cross the relay, each way, and what it adds. Out to the target go the
//! request's own headers (method, auth, body type: what the user asked for), not what the
//! browser adds on its own (cookies of this origin, `Origin`, `Referer`, `Sec-*`). Back to the
//! page come the target's headers but those that would act on this origin (cookies,
//! `Clear-Site-Data`, `Refresh`, `Link` preloads, a service worker's scope), with a sandboxing
//! policy that makes the answer inert if a browser ever renders it.

use axum::http::{HeaderMap, HeaderName, HeaderValue, header};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::Url;

/// The header that may name the target instead of the `url` query parameter.
pub const TARGET_HEADER: &str = "x-relay-target";

/// Headers that belong to one connection (RFC 9110 §7.6.1) or that the HTTP client sets itself.
const HOP_BY_HOP: [&str; 9] = [
    "connection",
    "keep-alive",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "host",
    "content-length",
];

/// Request headers the browser adds for this origin, which must not reach a third party.
const AMBIENT: [&str; 4] = ["cookie", "cookie2", "origin", "referer"];

/// Response headers that would act on this origin rather than describe the stream.
const ACTING_ON_ORIGIN: [&str; 6] = [
    "set-cookie",
    "set-cookie2",
    "clear-site-data",
    "refresh",
    "service-worker-allowed",
    "link",
];

/// The headers of the page's request to send on to the target: all but hop-by-hop ones, the
/// relay's own ([`TARGET_HEADER`]), ambient credentials and context (`Cookie`, `Origin`,
/// `Referer`), and what only a browser can set (`Sec-*`, `Proxy-*`: forbidden to pages by the
/// Fetch standard, so never the user's).
pub fn outgoing(request: &HeaderMap) -> HeaderMap {
    let mut forwarded = HeaderMap::new();
    for (name, value) in request {
        let name_text = name.as_str();
        let is_dropped = HOP_BY_HOP.contains(&name_text)
            || AMBIENT.contains(&name_text)
            || name_text == TARGET_HEADER
            || name_text.starts_with("sec-")
            || name_text.starts_with("proxy-");
        if !is_dropped {
            forwarded.append(name.clone(), value.clone());
        }
    }
    forwarded
}

/// The headers of the target's answer to pass back: all but hop-by-hop ones, CORS headers (the
/// relay sets its own), and those that would act on this origin. A redirect's `Location` is
/// turned into the same target through the relay at `relay_path` (so following it passes the
/// relay's checks again); one that is not a URL is dropped.
///
/// Then, whatever the target sent, `Content-Security-Policy: sandbox; default-src 'none'`,
/// `X-Content-Type-Options: nosniff` and `Cross-Origin-Resource-Policy: same-origin`.
pub fn incoming(answer: &HeaderMap, target: &Url, relay_path: &str) -> HeaderMap {
    let mut passed = HeaderMap::new();
    for (name, value) in answer {
        let name_text = name.as_str();
        let is_dropped = HOP_BY_HOP.contains(&name_text)
            || ACTING_ON_ORIGIN.contains(&name_text)
            || name_text.starts_with("access-control-");
        if is_dropped {
            continue;
        }
        if name == header::LOCATION {
            if let Some(through_relay) = relayed_location(value, target, relay_path) {
                passed.append(header::LOCATION, through_relay);
            }
            continue;
        }
        passed.append(name.clone(), value.clone());
    }
    sandbox(&mut passed);
    passed
}

/// Sets the headers that keep any relay answer inert as a document or subresource.
pub fn sandbox(headers: &mut HeaderMap) {
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        HeaderName::from_static("cross-origin-resource-policy"),
        HeaderValue::from_static("same-origin"),
    );
}

/// `Location` resolved against `target`, as `relay_path?url=<it, percent-encoded>`.
fn relayed_location(value: &HeaderValue, target: &Url, relay_path: &str) -> Option<HeaderValue> {
    let location = target.join(value.to_str().ok()?).ok()?;
    let relayed = format!(
        "{relay_path}?url={}",
        utf8_percent_encode(location.as_str(), NON_ALPHANUMERIC)
    );
    HeaderValue::from_str(&relayed).ok()
}

/// `url` as `scheme://host:port`: what an error text may name (the path and query may hold keys).
pub fn origin_of(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port_or_known_default() {
        Some(port) => format!("{}://{host}:{port}", url.scheme()),
        None => format!("{}://{host}", url.scheme()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|&(name, value)| {
                (
                    HeaderName::from_static(name),
                    HeaderValue::from_static(value),
                )
            })
            .collect()
    }

    fn target() -> Url {
        Url::parse("https://api.example.com/v1/stream?key=sk-1").expect("a URL")
    }

    #[test]
    fn ambient_credentials_and_browser_context_stay_behind() {
        let out = outgoing(&map(&[
            ("cookie", "session=local-app"),
            ("origin", "http://127.0.0.1:8080"),
            ("referer", "http://127.0.0.1:8080/"),
            ("sec-fetch-site", "same-origin"),
            ("sec-ch-ua", "Chromium"),
            ("x-relay-target", "https://api.example.com/"),
            ("connection", "keep-alive"),
            ("authorization", "Bearer sk-1"),
            ("content-type", "application/json"),
            ("accept", "text/event-stream"),
        ]));
        let names: Vec<&str> = out.keys().map(HeaderName::as_str).collect();
        assert_eq!(names, ["authorization", "content-type", "accept"]);
    }

    #[test]
    fn headers_that_act_on_this_origin_do_not_come_back_and_the_answer_is_sandboxed() {
        let back = incoming(
            &map(&[
                ("set-cookie", "a=b"),
                ("clear-site-data", "\"*\""),
                ("refresh", "0; url=https://evil.example"),
                ("service-worker-allowed", "/"),
                ("link", "</x.js>; rel=preload"),
                ("access-control-allow-origin", "*"),
                ("content-security-policy", "default-src *"),
                ("content-type", "text/html"),
                ("x-request-id", "r1"),
            ]),
            &target(),
            "/relay",
        );
        let mut names: Vec<&str> = back.keys().map(HeaderName::as_str).collect();
        names.sort_unstable();
        assert_eq!(
            names,
            [
                "content-security-policy",
                "content-type",
                "cross-origin-resource-policy",
                "x-content-type-options",
                "x-request-id",
            ]
        );
        assert_eq!(
            back[header::CONTENT_SECURITY_POLICY],
            "sandbox; default-src 'none'"
        );
    }

    #[test]
    fn a_redirect_goes_through_the_relay_again() {
        let back = incoming(&map(&[("location", "/v2/stream?x=1")]), &target(), "/relay");
        assert_eq!(
            back[header::LOCATION],
            "/relay?url=https%3A%2F%2Fapi%2Eexample%2Ecom%2Fv2%2Fstream%3Fx%3D1"
        );
    }

    #[test]
    fn error_texts_name_the_origin_not_the_query() {
        assert_eq!(origin_of(&target()), "https://api.example.com:443");
    }
}
