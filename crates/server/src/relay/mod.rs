//! `ANY /relay?url=<target>`: a streaming CORS relay. The browser app cannot read a stream from
//! a server that does not answer CORS; through the relay it can. The request (method, the
//! user's headers, body) goes to the target, and the target's status, headers and body come
//! back, each chunk passed on as it arrives (no buffering, no compression).
//!
//! The relay runs on the origin that holds the user's keys, so it is built to be useless to
//! anyone else ([`access`]): only a `fetch()` from this origin (or one named with
//! `--allow-origin`) to a host name the server answers to gets through, and every answer is
//! sandboxed ([`headers`]). It reaches only public addresses unless started with
//! `--allow-private` ([`address`]); `--allow-host` limits targets to the hosts named. Streams
//! are capped in number, per client and in total ([`admission`]), and in time: connecting,
//! and each silence of the target.
//!
//! The target may also be named by the `X-Relay-Target` header.

pub mod access;
pub mod address;
mod admission;
pub mod headers;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{ConnectInfo, Query, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures_util::{StreamExt, TryStreamExt};
use reqwest::Url;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use serde::Deserialize;

use access::AccessPolicy;
use address::is_public;
use admission::Admissions;
pub use headers::TARGET_HEADER;

/// Which targets the relay may reach, who may use it, and its limits.
#[derive(Debug, Clone, Default)]
pub struct RelayPolicy {
    /// Whether loopback, private and other non-public addresses may be reached.
    pub allow_private: bool,
    /// When not empty, the only hosts that may be reached (compared without case).
    pub allowed_hosts: Vec<String>,
    /// Which pages and host names may use the relay.
    pub access: AccessPolicy,
    /// Timeouts and caps.
    pub limits: RelayLimits,
}

/// The relay's timeouts and caps (each a flag of `sse-studio-server`).
#[derive(Debug, Clone)]
pub struct RelayLimits {
    /// Longest wait for the target's connection (TCP and TLS), default 10 s.
    pub connect_timeout: Duration,
    /// Longest silence of the target, before its answer or within its body, default 300 s (an
    /// event stream that sends nothing, not even a comment, for that long is taken as dead).
    pub idle_timeout: Duration,
    /// Relayed streams open at once, default 256.
    pub max_streams: usize,
    /// Relayed streams open at once from one client address, default 32.
    pub max_streams_per_client: usize,
    /// Largest request body passed on, in bytes, default 32 MiB.
    pub max_body_bytes: u64,
}

impl Default for RelayLimits {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(300),
            max_streams: 256,
            max_streams_per_client: 32,
            max_body_bytes: 32 << 20,
        }
    }
}

/// Seconds a client told "full" should wait before trying again (`Retry-After`).
const RETRY_AFTER_SECONDS: &str = "5";

/// The relay's shared state: the policy, one HTTP client (connection pool) and the open
/// stream counts.
#[derive(Debug, Clone)]
pub struct Relay {
    policy: Arc<RelayPolicy>,
    client: reqwest::Client,
    admissions: Arc<Admissions>,
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
            // A proxy from HTTP_PROXY would resolve names itself, past the resolver's check.
            .no_proxy()
            .connect_timeout(policy.limits.connect_timeout)
            .read_timeout(policy.limits.idle_timeout)
            .dns_resolver(Arc::new(CheckedResolver {
                allow_private: policy.allow_private,
            }))
            .build()
            .expect("the HTTP client starts");
        let admissions = Admissions::new(
            policy.limits.max_streams,
            policy.limits.max_streams_per_client,
        );
        Self {
            policy,
            client,
            admissions,
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct Target {
    url: Option<String>,
}

/// Relays the request to its target; answers a CORS preflight itself. Refuses (403) a request
/// [`access`] does not allow, before anything else.
pub async fn relay(
    State(relay): State<Relay>,
    Query(target): Query<Target>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    if let Err(refusal) = relay.policy.access.check(&parts.headers) {
        // No CORS headers: the page that asked may not even read why.
        return plain(StatusCode::FORBIDDEN, refusal.to_string());
    }
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
        Err((status, message)) => return with_cors(plain(status, message), &parts.headers),
    };
    let max_body = relay.policy.limits.max_body_bytes;
    let declared_length = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared_length.is_some_and(|length| length > max_body) {
        return with_cors(too_large(max_body), &parts.headers);
    }
    let client = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| info.0.ip());
    let admission = match relay.admissions.admit(client) {
        Ok(admission) => admission,
        Err(full) => {
            let mut response = plain(StatusCode::SERVICE_UNAVAILABLE, full.to_string());
            response.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from_static(RETRY_AFTER_SECONDS),
            );
            return with_cors(response, &parts.headers);
        }
    };
    let over_cap = Arc::new(AtomicBool::new(false));
    let body = capped(body, max_body, Arc::clone(&over_cap));
    let sent = relay
        .client
        .request(parts.method.clone(), url.clone())
        .headers(headers::outgoing(&parts.headers))
        .body(body)
        .send()
        .await;
    let answer = match sent {
        Ok(answer) => answer,
        Err(_) if over_cap.load(Ordering::Relaxed) => {
            return with_cors(too_large(max_body), &parts.headers);
        }
        Err(error) => {
            let reason = if error.is_timeout() {
                "no answer in time (--connect-timeout, --idle-timeout)".to_owned()
            } else {
                describe(&error)
            };
            let message = format!(
                "The relay could not reach {}: {reason}. Check the URL and that the server is up.",
                headers::origin_of(&url)
            );
            return with_cors(plain(StatusCode::BAD_GATEWAY, message), &parts.headers);
        }
    };
    let mut response = Response::builder().status(answer.status());
    if let Some(passed) = response.headers_mut() {
        *passed = headers::incoming(answer.headers(), &url, parts.uri.path());
    }
    // The admission lives as long as the body: until the stream ends or the client goes away.
    let stream = answer
        .bytes_stream()
        .map_err(std::io::Error::other)
        .map(move |chunk| {
            let _held = &admission;
            chunk
        });
    let response = response
        .body(Body::from_stream(stream))
        .unwrap_or_else(|_| StatusCode::BAD_GATEWAY.into_response());
    with_cors(response, &parts.headers)
}

/// The request body as a stream that fails once more than `max_bytes` have passed, setting
/// `over_cap` so the answer can say why.
fn capped(body: Body, max_bytes: u64, over_cap: Arc<AtomicBool>) -> reqwest::Body {
    let mut passed: u64 = 0;
    let stream = body.into_data_stream().map(move |chunk| {
        let chunk = chunk.map_err(std::io::Error::other)?;
        passed = passed.saturating_add(chunk.len() as u64);
        if passed > max_bytes {
            over_cap.store(true, Ordering::Relaxed);
            return Err(std::io::Error::other("request body over the relay's cap"));
        }
        Ok(chunk)
    });
    reqwest::Body::wrap_stream(stream)
}

fn too_large(max_bytes: u64) -> Response {
    plain(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!(
            "The request body is over the relay's cap of {max_bytes} bytes (--max-body-bytes)."
        ),
    )
}

/// The target URL, if it is one the policy allows. Error texts name the target's origin at
/// most, never its path or query (which may hold keys).
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
            format!("The target is not a URL ({error})."),
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
        "The relay does not reach {host}: it is a loopback, private or otherwise non-public address. Start sse-studio-server with --allow-private to allow it."
    )
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

/// A plain-text answer with `status`, sandboxed like every relay answer.
fn plain(status: StatusCode, message: String) -> Response {
    let mut response = (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message,
    )
        .into_response();
    headers::sandbox(response.headers_mut());
    response
}

/// `response` with CORS headers that let the requesting page read everything: its origin
/// (already checked by [`access`]), the method and headers it asked for, and every response
/// header exposed. A request without `Origin` needs none.
fn with_cors(mut response: Response, request: &HeaderMap) -> Response {
    let Some(origin) = request.get(header::ORIGIN).cloned() else {
        return response;
    };
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
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
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
