//! The origin a URL is fetched from (`scheme://host[:port]`), read as a browser reads the URL:
//! what a confirmation names, and what the browser's connections per server are counted by.

/// The origin (`scheme://host[:port]`, lowercase, default port left out) that `url` is fetched
/// from; a URL without a scheme is relative to the page on `page_origin`. Read as a browser reads
/// it: the authority ends at `/`, `\`, `?` or `#`, and the host follows its last `@`, so
/// `https://good.example@evil.example/` is `https://evil.example` and
/// `https://good.example\@evil.example/` is `https://good.example`.
pub fn origin_of(url: &str, page_origin: &str) -> String {
    let url = url.trim();
    let Some((scheme, rest)) = url.split_once("://") else {
        return page_origin.trim_end_matches('/').to_ascii_lowercase();
    };
    let scheme = scheme.to_ascii_lowercase();
    let authority = rest.split(['/', '\\', '?', '#']).next().unwrap_or_default();
    let host_port = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host)
        .to_ascii_lowercase();
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
    let Some((_, rest)) = url.trim().split_once("://") else {
        return ("", url.trim());
    };
    let authority_end = rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at_checked(authority_end).unwrap_or((rest, ""));
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    (host, if path.is_empty() { "/" } else { path })
}

#[cfg(test)]
mod tests {
    use super::*;

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
