//! Who may use the relay: a `fetch()` from the app's own origin (or one named with
//! `--allow-origin`), addressed to a host name the server answers to. Everything a browser
//! sends on another site's behalf is refused before any connection is made: a navigation or a
//! subresource (so no other site can make the relay's answer a page or a script on this
//! origin), a service worker's script fetch, a foreign `Origin` (so no other site can read
//! through it), and a `Host` the server does not answer to (so DNS rebinding finds nothing).
//!
//! A request with no `Origin` and no `Sec-Fetch-*` headers (curl, a script) is allowed: it
//! carries no one else's authority. Browsers send `Origin` with every cross-origin `fetch()`,
//! so a page elsewhere cannot leave it out.

use std::net::IpAddr;

use axum::http::{HeaderMap, header};

/// The hosts and origins the relay answers.
#[derive(Debug, Clone, Default)]
pub struct AccessPolicy {
    /// The address the server listens on (`--host`). When it is unspecified (`0.0.0.0`, `::`),
    /// any IP address is accepted as the `Host`: an address cannot be rebound, only a name can.
    pub listen_host: Option<IpAddr>,
    /// Further host names the server is reached by (`--public-host`, e.g. behind a proxy), without
    /// port, compared without case.
    pub public_hosts: Vec<String>,
    /// Other origins whose pages may use the relay (`--allow-origin`), as `scheme://host[:port]`.
    pub allowed_origins: Vec<String>,
}

/// Why a request may not use the relay; its [`std::fmt::Display`] says so for the 403 body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// `Sec-Fetch-Mode: navigate`, or a `Sec-Fetch-Dest` other than `empty`: not a `fetch()`.
    NotAFetch { dest: String, mode: String },
    /// A `Service-Worker: script` header: a service worker registration.
    ServiceWorker,
    /// An `Origin` that is neither the server's own nor allowed.
    ForeignOrigin(String),
    /// A `Host` the server does not answer to (or none).
    UnknownHost(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotAFetch { dest, mode } => write!(
                f,
                "The relay answers fetch() calls only, not a page load or a subresource \
                 (Sec-Fetch-Dest: {dest}, Sec-Fetch-Mode: {mode})."
            ),
            Self::ServiceWorker => write!(f, "The relay does not serve service worker scripts."),
            Self::ForeignOrigin(origin) => write!(
                f,
                "Pages on {origin} may not use this relay. Start sse-studio-server with \
                 --allow-origin {origin} to let them."
            ),
            Self::UnknownHost(host) => write!(
                f,
                "This server does not answer to the host name \u{201c}{host}\u{201d}. Reach it by \
                 127.0.0.1 or localhost, or start it with --public-host {host}."
            ),
        }
    }
}

impl AccessPolicy {
    /// Whether the request with these headers may use the relay (a preflight included).
    ///
    /// # Errors
    /// The first [`Refusal`] that applies, checked in the order the variants are listed.
    pub fn check(&self, headers: &HeaderMap) -> Result<(), Refusal> {
        let text = |name: &str| {
            headers
                .get(name)
                .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
        };
        let dest = text("sec-fetch-dest");
        let mode = text("sec-fetch-mode");
        if dest.as_deref().is_some_and(|dest| dest != "empty")
            || mode.as_deref() == Some("navigate")
        {
            return Err(Refusal::NotAFetch {
                dest: dest.unwrap_or_else(|| "-".into()),
                mode: mode.unwrap_or_else(|| "-".into()),
            });
        }
        if headers.contains_key("service-worker") {
            return Err(Refusal::ServiceWorker);
        }
        let host = text(header::HOST.as_str()).unwrap_or_default();
        if !self.answers_to(&host) {
            return Err(Refusal::UnknownHost(host));
        }
        if let Some(origin) = text(header::ORIGIN.as_str())
            && !self.is_allowed_origin(&origin, &host)
        {
            return Err(Refusal::ForeignOrigin(origin));
        }
        Ok(())
    }

    /// Whether `host` (a `Host` header: name or address, optional port) is one the server
    /// answers to.
    fn answers_to(&self, host: &str) -> bool {
        let name = host_name(host).to_ascii_lowercase();
        if name == "localhost" || name.ends_with(".localhost") {
            // Browsers resolve these to loopback themselves (RFC 6761 §6.3): never rebound.
            return true;
        }
        if let Ok(address) = name
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
        {
            return match self.listen_host {
                Some(listen) if !listen.is_unspecified() => {
                    address.is_loopback() || address == listen
                }
                _ => true,
            };
        }
        self.public_hosts
            .iter()
            .any(|public| public.eq_ignore_ascii_case(&name))
    }

    /// Whether a page on `origin` may use the relay reached as `host`: the same origin, or one
    /// allowed by name.
    fn is_allowed_origin(&self, origin: &str, host: &str) -> bool {
        let origin = origin.trim_end_matches('/');
        ["http://", "https://"]
            .iter()
            .any(|scheme| origin.eq_ignore_ascii_case(&format!("{scheme}{host}")))
            || self
                .allowed_origins
                .iter()
                .any(|allowed| allowed.trim_end_matches('/').eq_ignore_ascii_case(origin))
    }
}

/// The name or address of a `Host` value, without its port (`[::1]:8080` → `[::1]`).
fn host_name(host: &str) -> &str {
    if host.starts_with('[') {
        return host.split_inclusive(']').next().unwrap_or(host);
    }
    host.split(':').next().unwrap_or(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|&(name, value)| {
                (
                    axum::http::HeaderName::from_static(name),
                    axum::http::HeaderValue::from_static(value),
                )
            })
            .collect()
    }

    fn loopback() -> AccessPolicy {
        AccessPolicy {
            listen_host: Some(IpAddr::from([127, 0, 0, 1])),
            ..AccessPolicy::default()
        }
    }

    #[test]
    fn the_apps_own_fetch_is_allowed_with_or_without_origin() {
        let same_origin_get = headers(&[
            ("host", "127.0.0.1:8080"),
            ("sec-fetch-dest", "empty"),
            ("sec-fetch-mode", "cors"),
            ("sec-fetch-site", "same-origin"),
        ]);
        assert_eq!(loopback().check(&same_origin_get), Ok(()));
        let same_origin_post = headers(&[
            ("host", "localhost:8080"),
            ("origin", "http://localhost:8080"),
            ("sec-fetch-dest", "empty"),
            ("sec-fetch-mode", "cors"),
        ]);
        assert_eq!(loopback().check(&same_origin_post), Ok(()));
        assert_eq!(
            loopback().check(&headers(&[("host", "[::1]:8080")])),
            Ok(())
        );
    }

    #[test]
    fn a_navigation_or_subresource_is_refused() {
        for (dest, mode) in [
            ("document", "navigate"),
            ("iframe", "navigate"),
            ("script", "no-cors"),
            ("empty", "navigate"),
        ] {
            let mut request = headers(&[("host", "127.0.0.1:8080")]);
            request.insert("sec-fetch-dest", dest.parse().expect("a value"));
            request.insert("sec-fetch-mode", mode.parse().expect("a value"));
            assert!(
                matches!(loopback().check(&request), Err(Refusal::NotAFetch { .. })),
                "{dest} {mode}"
            );
        }
    }

    #[test]
    fn a_service_worker_script_fetch_is_refused() {
        let request = headers(&[("host", "127.0.0.1:8080"), ("service-worker", "script")]);
        assert_eq!(loopback().check(&request), Err(Refusal::ServiceWorker));
    }

    #[test]
    fn a_foreign_origin_is_refused_unless_allowed() {
        let request = headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "https://evil.example"),
        ]);
        assert_eq!(
            loopback().check(&request),
            Err(Refusal::ForeignOrigin("https://evil.example".into()))
        );
        let other_port = headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "http://127.0.0.1:9999"),
        ]);
        assert!(
            loopback().check(&other_port).is_err(),
            "another port is another origin"
        );
        let allowed = AccessPolicy {
            allowed_origins: vec!["https://studio.example.com".into()],
            ..loopback()
        };
        let request = headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "https://studio.example.com"),
        ]);
        assert_eq!(allowed.check(&request), Ok(()));
    }

    #[test]
    fn a_rebound_host_name_is_refused_unless_public() {
        let rebound = headers(&[
            ("host", "evil.example:8080"),
            ("origin", "http://evil.example:8080"),
        ]);
        assert_eq!(
            loopback().check(&rebound),
            Err(Refusal::UnknownHost("evil.example:8080".into()))
        );
        let public = AccessPolicy {
            public_hosts: vec!["studio.example.com".into()],
            ..loopback()
        };
        let request = headers(&[
            ("host", "Studio.Example.com"),
            ("origin", "https://studio.example.com"),
        ]);
        assert_eq!(public.check(&request), Ok(()));
        assert!(loopback().check(&headers(&[])).is_err(), "no Host at all");
    }

    #[test]
    fn another_address_is_refused_unless_the_server_listens_on_all() {
        let lan = headers(&[("host", "192.168.1.20:8080")]);
        assert!(loopback().check(&lan).is_err());
        let everywhere = AccessPolicy {
            listen_host: Some(IpAddr::from([0, 0, 0, 0])),
            ..AccessPolicy::default()
        };
        assert_eq!(everywhere.check(&lan), Ok(()));
    }
}
