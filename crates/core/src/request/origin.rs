//! The origin a URL is fetched from (`scheme://host[:port]`), read as a browser reads the URL:
//! what a confirmation names, what the browser's connections per server are counted by, and
//! whether an MCP HTTP+SSE stream's endpoint stays on the stream's origin.

/// The parts of an absolute URL, split as a browser splits them: the authority ends at the first
/// `/`, `\`, `?` or `#`, and the host (with port) follows its last `@`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UrlParts<'a> {
    /// Before `://`, as written.
    pub scheme: &'a str,
    /// Before the last `@` of the authority (`user:password`), if there is one.
    pub userinfo: Option<&'a str>,
    /// The host and port, as written.
    pub host: &'a str,
    /// Path, query and fragment: everything after the authority (may be empty).
    pub rest: &'a str,
}

/// `url` split into its parts; `None` when it has no `://` (a path, or a host without scheme).
pub fn split_url(url: &str) -> Option<UrlParts<'_>> {
    let (scheme, after) = url.split_once("://")?;
    let authority_end = after.find(['/', '\\', '?', '#']).unwrap_or(after.len());
    let (authority, rest) = after.split_at_checked(authority_end).unwrap_or((after, ""));
    let (userinfo, host) = match authority.rsplit_once('@') {
        Some((userinfo, host)) => (Some(userinfo), host),
        None => (None, authority),
    };
    Some(UrlParts {
        scheme,
        userinfo,
        host,
        rest,
    })
}

/// The origin (`scheme://host[:port]`, lowercase, default port left out) that `url` is fetched
/// from; a URL without a scheme is relative to the page on `page_origin`. Read as a browser reads
/// it: the authority ends at `/`, `\`, `?` or `#`, and the host follows its last `@`, so
/// `https://good.example@evil.example/` is `https://evil.example` and
/// `https://good.example\@evil.example/` is `https://good.example`.
pub fn origin_of(url: &str, page_origin: &str) -> String {
    let Some(parts) = split_url(url.trim()) else {
        return page_origin.trim_end_matches('/').to_ascii_lowercase();
    };
    let scheme = parts.scheme.to_ascii_lowercase();
    let host_port = parts.host.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => Some(":80"),
        "https" => Some(":443"),
        _ => None,
    };
    let host_port = default_port
        .and_then(|port| host_port.strip_suffix(port))
        .unwrap_or(&host_port);
    format!("{scheme}://{host_port}")
}

/// `url`'s host (with port) and what follows it (path, query, fragment; `/` when nothing does),
/// for lists that must show the path when space runs out (`127.0.0.1:8080`, `/demo/ticks?n=2`).
/// A URL without a scheme is all path.
pub fn host_and_path(url: &str) -> (&str, &str) {
    let Some(parts) = split_url(url.trim()) else {
        return ("", url.trim());
    };
    let path = if parts.rest.is_empty() {
        "/"
    } else {
        parts.rest
    };
    (parts.host, path)
}

/// `reference` (an absolute URL, `//host/…`, `/path`, or a path relative to `base`'s) resolved
/// against the absolute URL `base`, as a browser resolves a link; the query and fragment of
/// `base` are not kept.
pub fn resolve(base: &str, reference: &str) -> String {
    let reference = reference.trim();
    if split_url(reference).is_some() {
        return reference.to_owned();
    }
    let Some(parts) = split_url(base.trim()) else {
        return reference.to_owned();
    };
    if let Some(authority) = reference.strip_prefix("//") {
        return format!("{}://{authority}", parts.scheme);
    }
    let origin = format!(
        "{}://{}{}",
        parts.scheme,
        parts.userinfo.map(|u| format!("{u}@")).unwrap_or_default(),
        parts.host
    );
    if reference.starts_with('/') {
        return format!("{origin}{reference}");
    }
    let path = parts.rest.split(['?', '#']).next().unwrap_or_default();
    let directory = path.rsplit_once('/').map_or("", |(directory, _)| directory);
    format!("{origin}{directory}/{reference}")
}

/// Where to post the messages of an MCP HTTP+SSE stream fetched from `stream_url` whose
/// `endpoint` event named `endpoint`: resolved against the stream's URL.
///
/// # Errors
/// An endpoint on another origin than the stream's, in a sentence: a server must not make the
/// app send what the user writes elsewhere (the MCP TypeScript SDK refuses it too).
pub fn endpoint_of_stream(stream_url: &str, endpoint: &str) -> Result<String, String> {
    let url = resolve(stream_url, endpoint);
    let (stream, target) = (origin_of(stream_url, ""), origin_of(&url, ""));
    if stream == target {
        Ok(url)
    } else {
        Err(format!(
            "The stream's endpoint event names {target}, not the stream's origin {stream}: SSE \
             Studio does not post your messages to another origin."
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endpoint_resolves_against_the_stream_and_must_stay_on_its_origin() {
        let stream = "http://127.0.0.1:8080/demo/mcp-sse?x=1";
        assert_eq!(
            endpoint_of_stream(stream, "/demo/mcp-sse/messages?session_id=a"),
            Ok("http://127.0.0.1:8080/demo/mcp-sse/messages?session_id=a".into())
        );
        assert_eq!(
            endpoint_of_stream(stream, "messages?session_id=a"),
            Ok("http://127.0.0.1:8080/demo/messages?session_id=a".into())
        );
        assert_eq!(
            endpoint_of_stream(stream, "http://127.0.0.1:8080/m"),
            Ok("http://127.0.0.1:8080/m".into())
        );
        for elsewhere in [
            "https://evil.example/collect",
            "//evil.example/collect",
            "http://127.0.0.1:9999/m",
            "http://127.0.0.1:8080@evil.example/m",
        ] {
            let refused = endpoint_of_stream(stream, elsewhere).expect_err(elsewhere);
            assert!(refused.contains("another origin"), "{refused}");
        }
    }

    const PAGE: &str = "http://127.0.0.1:8080";

    #[test]
    fn the_origin_is_read_as_a_browser_reads_the_url() {
        for (url, origin) in [
            (
                "https://API.example.com:443/v1?x=1",
                "https://api.example.com",
            ),
            ("http://example.com:80/", "http://example.com"),
            ("http://example.com:8080", "http://example.com:8080"),
            ("https://good.example@evil.example/", "https://evil.example"),
            (
                "https://good.example\\@evil.example/",
                "https://good.example",
            ),
            ("https://user:pw@host.example#frag", "https://host.example"),
            ("/demo/echo", PAGE),
        ] {
            assert_eq!(origin_of(url, PAGE), origin, "{url}");
        }
    }

    #[test]
    fn a_url_splits_into_host_and_path_for_lists() {
        assert_eq!(
            host_and_path("http://127.0.0.1:8080/demo/ticks?n=2"),
            ("127.0.0.1:8080", "/demo/ticks?n=2")
        );
        assert_eq!(host_and_path("https://u:p@h.example"), ("h.example", "/"));
        assert_eq!(host_and_path("/x"), ("", "/x"));
    }
}
