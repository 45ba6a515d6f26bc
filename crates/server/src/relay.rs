//! `ANY /relay?url=<target>`: a streaming CORS relay. The browser app cannot read a stream from
//! a server that does not answer CORS; through the relay it can. The request (method, headers,
//! body) goes to the target as it came, and the target's status, headers and body come back as
//! they are, byte for byte, each chunk passed on as it arrives (no buffering, no compression),
//! with permissive CORS headers added.
//!
//! The target may also be named by the `X-Relay-Target` header. Loopback, private, link-local
//! and other non-public addresses are refused unless the relay was started with
//! `--allow-private` (it would otherwise open the machine's network to any page that can reach
//! the relay); `--allow-host` limits targets to the hosts named.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Query, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures_util::TryStreamExt;
use reqwest::Url;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use serde::Deserialize;

/// The header that may name the target instead of the `url` query parameter.
pub const TARGET_HEADER: &str = "x-relay-target";

/// Which targets the relay may reach.
#[derive(Debug, Clone, Default)]
pub struct RelayPolicy {
    /// Whether loopback, private and other non-public addresses may be reached.
    pub allow_private: bool,
    /// When not empty, the only hosts that may be reached (compared without case).
    pub allowed_hosts: Vec<String>,
}

/// The relay's shared state: the policy and one HTTP client (connection pool).
#[derive(Debug, Clone)]
pub struct Relay {
    policy: Arc<RelayPolicy>,
    client: reqwest::Client,
}

impl Relay {
    /// A relay enforcing `policy`.
    ///
    /// # Panics
    /// If the TLS backend cannot start (a broken build, not a user-reachable state).
    pub fn new(policy: RelayPolicy) -> Self {
        let policy = Arc::new(policy);
        let client = reqwest::Client::builder()
            // A redirect is the target's answer: pass it on, do not follow it past the checks.
            .redirect(reqwest::redirect::Policy::none())
            .dns_resolver(Arc::new(CheckedResolver {
                allow_private: policy.allow_private,
            }))
            .build()
            .expect("the HTTP client starts");
        Self { policy, client }
    }
}

#[derive(Debug, Deserialize)]
pub struct Target {
    url: Option<String>,
}

/// Headers that belong to one connection (RFC 9110 §7.6.1) or that the relay sets itself.
const NOT_FORWARDED: [&str; 10] = [
    "connection",
    "keep-alive",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "host",
    "content-length",
    TARGET_HEADER,
];

/// Relays the request to its target; answers a CORS preflight itself.
pub async fn relay(
    State(relay): State<Relay>,
    Query(target): Query<Target>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    if parts.method == Method::OPTIONS
        && parts
            .headers
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD)
    {
        return with_cors(StatusCode::NO_CONTENT.into_response(), &parts.headers);
    }
    let target = target.url.or_else(|| {
        parts
            .headers
            .get(TARGET_HEADER)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    });
    let url = match check_target(target.as_deref(), &relay.policy).await {
        Ok(url) => url,
        Err((status, message)) => return with_cors(refusal(status, message), &parts.headers),
    };
    let mut forwarded = reqwest::header::HeaderMap::new();
    for (name, value) in &parts.headers {
        if !NOT_FORWARDED.contains(&name.as_str()) {
            forwarded.append(name.clone(), value.clone());
        }
    }
    let body = reqwest::Body::wrap_stream(body.into_data_stream());
    let sent = relay
        .client
        .request(parts.method.clone(), url.clone())
        .headers(forwarded)
        .body(body)
        .send()
        .await;
    let answer = match sent {
        Ok(answer) => answer,
        Err(error) => {
            let message = format!(
                "The relay could not reach {url}: {}. Check the URL and that the server is up.",
                describe(&error)
            );
            return with_cors(refusal(StatusCode::BAD_GATEWAY, message), &parts.headers);
        }
    };
    let mut response = Response::builder().status(answer.status());
    if let Some(headers) = response.headers_mut() {
        for (name, value) in answer.headers() {
            let is_cors = name.as_str().starts_with("access-control-");
            if !is_cors && !NOT_FORWARDED.contains(&name.as_str()) {
                headers.append(name.clone(), value.clone());
            }
        }
    }
    let stream = answer.bytes_stream().map_err(std::io::Error::other);
    let response = response
        .body(Body::from_stream(stream))
        .unwrap_or_else(|_| StatusCode::BAD_GATEWAY.into_response());
    with_cors(response, &parts.headers)
}

/// The target URL, if it is one the policy allows.
async fn check_target(
    target: Option<&str>,
    policy: &RelayPolicy,
) -> Result<Url, (StatusCode, String)> {
    let target = target.filter(|t| !t.trim().is_empty()).ok_or((
        StatusCode::BAD_REQUEST,
        format!("Name the target: /relay?url=https://… or the {TARGET_HEADER} header."),
    ))?;
    let url = Url::parse(target.trim()).map_err(|error| {
        (
            StatusCode::BAD_REQUEST,
            format!("The target \u{201c}{target}\u{201d} is not a URL ({error})."),
        )
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err((
            StatusCode::BAD_REQUEST,
            "The relay reaches http:// and https:// targets only.".into(),
        ));
    }
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    if !policy.allowed_hosts.is_empty()
        && !policy
            .allowed_hosts
            .iter()
            .any(|allowed| allowed.eq_ignore_ascii_case(&host))
    {
        return Err((
            StatusCode::FORBIDDEN,
            format!(
                "The relay is limited to {} (--allow-host); {host} is not one of them.",
                policy.allowed_hosts.join(", ")
            ),
        ));
    }
    if policy.allow_private {
        return Ok(url);
    }
    // An IP literal is not resolved, so the resolver's check does not see it; a name is checked
    // here too, to answer 403 with the reason (the resolver still checks what is connected to).
    let literal = host.trim_start_matches('[').trim_end_matches(']');
    let is_private = match literal.parse::<IpAddr>() {
        Ok(address) => !is_public(address),
        Err(_) => {
            let port = url.port_or_known_default().unwrap_or(80);
            match tokio::net::lookup_host((literal, port)).await {
                Ok(mut found) => found.any(|address| !is_public(address.ip())),
                // Unresolvable: sending says so, with the resolver's words.
                Err(_) => false,
            }
        }
    };
    if is_private {
        return Err((StatusCode::FORBIDDEN, private_refusal(&host)));
    }
    Ok(url)
}

fn private_refusal(host: &str) -> String {
    format!(
        "The relay does not reach {host}: it is a loopback or private address. Start sse-studio-server with --allow-private to allow it."
    )
}

/// Whether `address` is on the public internet (not loopback, private, link-local, unique
/// local, unspecified, multicast, documentation or shared address space).
pub fn is_public(address: IpAddr) -> bool {
    match address {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || (a == 100 && (64..128).contains(&b)))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80)
        }
    }
}

/// Resolves names as the system does, refusing non-public addresses unless allowed. Checking
/// the addresses actually connected to (not a separate lookup) leaves no gap for a name that
/// changes between check and connect.
#[derive(Debug)]
struct CheckedResolver {
    allow_private: bool,
}

impl Resolve for CheckedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private = self.allow_private;
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let found: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if !allow_private && found.iter().any(|address| !is_public(address.ip())) {
                return Err(private_refusal(&host).into());
            }
            let addresses: Addrs = Box::new(found.into_iter());
            Ok(addresses)
        })
    }
}

/// The most specific cause in `error`'s chain ("connection refused", "dns error: …").
fn describe(error: &reqwest::Error) -> String {
    let mut cause: &dyn std::error::Error = error;
    while let Some(source) = cause.source() {
        cause = source;
    }
    cause.to_string()
}

/// A plain-text refusal with `status`.
fn refusal(status: StatusCode, message: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message,
    )
        .into_response()
}

/// `response` with CORS headers that let the requesting page read everything: its origin (or
/// any), the method and headers it asked for, and every response header exposed.
fn with_cors(mut response: Response, request: &HeaderMap) -> Response {
    let exposed: Vec<String> = response
        .headers()
        .keys()
        .map(HeaderName::to_string)
        .collect();
    let headers = response.headers_mut();
    let mirror = |name: HeaderName, fallback: &'static str| {
        request
            .get(name)
            .cloned()
            .unwrap_or(HeaderValue::from_static(fallback))
    };
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        mirror(header::ORIGIN, "*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        mirror(
            header::ACCESS_CONTROL_REQUEST_METHOD,
            "GET, POST, PUT, PATCH, DELETE",
        ),
    );
    // `*` does not cover Authorization: name what was asked for.
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        mirror(header::ACCESS_CONTROL_REQUEST_HEADERS, "*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
    if let Ok(exposed) = HeaderValue::from_str(&exposed.join(", ")) {
        headers.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, exposed);
    }
    headers.append(header::VARY, HeaderValue::from_static("Origin"));
    response
}
