//! The CORS relay over real sockets: an upstream server, the app with its relay, and an HTTP
//! client in the page's place. Each attack the relay must stop has a test here that is refused
//! (or stripped) by one defence.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{any, get};
use futures_util::StreamExt;
use sse_studio_server::Config;
use sse_studio_server::relay::{RelayLimits, RelayPolicy};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::Notify;

/// Serves `router` on a free loopback port, through the server's own accept loop.
async fn serve_with(router: Router, limits: sse_studio_server::ServeLimits) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port");
    let address = listener.local_addr().expect("bound");
    tokio::spawn(sse_studio_server::serve(listener, router, limits));
    address
}

async fn serve(router: Router) -> SocketAddr {
    serve_with(router, sse_studio_server::ServeLimits::default()).await
}

/// An upstream and how many requests reached it.
struct Upstream {
    address: SocketAddr,
    hits: Arc<AtomicUsize>,
}

/// An upstream with `/stream` (one event, then a second once `release` is notified), `/echo`
/// (the method, `Authorization`, the names of the headers it got, and the body, as text),
/// `/hostile` (an HTML page with headers that act on the origin that shows it), `/moved` (a
/// redirect) and `/silent` (one event, then nothing, ever).
async fn upstream(release: Arc<Notify>) -> Upstream {
    let hits = Arc::new(AtomicUsize::new(0));
    let stream = get(move || {
        let release = release.clone();
        async move {
            let chunks = futures_util::stream::unfold(0, move |step| {
                let release = release.clone();
                async move {
                    match step {
                        0 => Some((Ok::<_, std::io::Error>(Bytes::from("data: one\n\n")), 1)),
                        1 => {
                            release.notified().await;
                            Some((Ok(Bytes::from("data: two\n\n")), 2))
                        }
                        _ => None,
                    }
                }
            });
            (
                [
                    (header::CONTENT_TYPE, "text/event-stream"),
                    (header::CACHE_CONTROL, "no-store"),
                ],
                Body::from_stream(chunks),
            )
        }
    });
    let echo = any(
        |method: Method, headers: HeaderMap, body: Bytes| async move {
            let authorization = headers
                .get(header::AUTHORIZATION)
                .and_then(|value| value.to_str().ok())
                .unwrap_or("-")
                .to_owned();
            let names: Vec<&str> = headers.keys().map(|name| name.as_str()).collect();
            format!(
                "{method} {authorization} [{}] {}",
                names.join(","),
                String::from_utf8_lossy(&body)
            )
        },
    );
    let hostile = get(|| async {
        (
            [
                (header::CONTENT_TYPE, "text/html"),
                (header::SET_COOKIE, "stolen=1; Path=/"),
                (header::HeaderName::from_static("clear-site-data"), "\"*\""),
                (header::REFRESH, "0; url=https://evil.example/"),
                (
                    header::HeaderName::from_static("service-worker-allowed"),
                    "/",
                ),
                (header::LINK, "</evil.js>; rel=preload; as=script"),
                (header::CONTENT_SECURITY_POLICY, "default-src *"),
            ],
            "<script>indexedDB.open('sse-studio')</script>",
        )
    });
    let moved = get(|| async {
        (StatusCode::FOUND, [(header::LOCATION, "/stream?page=2")]).into_response()
    });
    let silent = get(|| async {
        let chunks = futures_util::stream::once(async {
            Ok::<_, std::io::Error>(Bytes::from("data: one\n\n"))
        })
        .chain(futures_util::stream::pending());
        (
            [(header::CONTENT_TYPE, "text/event-stream")],
            Body::from_stream(chunks),
        )
    });
    let counted = hits.clone();
    let router = Router::new()
        .route("/stream", stream)
        .route("/echo", echo)
        .route("/hostile", hostile)
        .route("/moved", moved)
        .route("/silent", silent)
        .layer(axum::middleware::map_request(
            move |request: axum::extract::Request| {
                let counted = counted.clone();
                async move {
                    counted.fetch_add(1, Ordering::SeqCst);
                    request
                }
            },
        ));
    Upstream {
        address: serve(router).await,
        hits,
    }
}

async fn relay(config: Config) -> SocketAddr {
    serve(sse_studio_server::app(
        std::path::Path::new("/nonexistent-dist"),
        config,
    ))
    .await
}

fn allow_private() -> Config {
    Config {
        relay: RelayPolicy {
            allow_private: true,
            ..RelayPolicy::default()
        },
        ..Config::default()
    }
}

fn with_limits(limits: RelayLimits) -> Config {
    let mut config = allow_private();
    config.relay.limits = limits;
    config
}

/// The headers Chromium sends with the app's own `fetch()` of the relay (a POST: with `Origin`).
fn app_fetch(relay: SocketAddr) -> HeaderMap {
    let mut headers = HeaderMap::new();
    let origin = format!("http://{relay}");
    headers.insert(header::ORIGIN, origin.parse().expect("a value"));
    headers.insert("sec-fetch-dest", "empty".parse().expect("a value"));
    headers.insert("sec-fetch-mode", "cors".parse().expect("a value"));
    headers.insert("sec-fetch-site", "same-origin".parse().expect("a value"));
    headers
}

#[tokio::test]
async fn the_apps_own_fetch_streams_each_chunk_as_it_arrives_with_the_targets_status_and_headers() {
    let release = Arc::new(Notify::new());
    let target = upstream(release.clone()).await.address;
    let relay = relay(allow_private()).await;
    let response = reqwest::Client::new()
        .get(format!("http://{relay}/relay?url=http://{target}/stream"))
        .headers(app_fetch(relay))
        .send()
        .await
        .expect("the relay answers");
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers[header::CONTENT_TYPE], "text/event-stream");
    assert_eq!(
        headers[header::CACHE_CONTROL],
        "no-store",
        "the target's own, not the site's no-cache"
    );
    assert_eq!(
        headers[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        format!("http://{relay}").as_str()
    );
    assert!(
        headers[header::ACCESS_CONTROL_EXPOSE_HEADERS]
            .to_str()
            .expect("text")
            .contains("content-type")
    );
    let mut body = response.bytes_stream();
    let first = body.next().await.expect("a chunk").expect("bytes");
    // The upstream has not sent its second event yet: the first came through unbuffered.
    assert_eq!(&first[..], b"data: one\n\n");
    release.notify_one();
    let second = body.next().await.expect("a chunk").expect("bytes");
    assert_eq!(&second[..], b"data: two\n\n");
    assert!(body.next().await.is_none());
}

#[tokio::test]
async fn method_headers_and_body_reach_the_target_and_preflights_allow_what_is_asked() {
    let target = upstream(Arc::new(Notify::new())).await.address;
    let relay = relay(allow_private()).await;
    let client = reqwest::Client::new();
    let echoed = client
        .post(format!("http://{relay}/relay"))
        .header("x-relay-target", format!("http://{target}/echo"))
        .header(header::AUTHORIZATION, "Bearer sk-1")
        .body("{\"stream\":true}")
        .send()
        .await
        .expect("the relay answers")
        .text()
        .await
        .expect("text");
    assert!(echoed.starts_with("POST Bearer sk-1 "), "{echoed}");
    assert!(echoed.ends_with(" {\"stream\":true}"), "{echoed}");
    let preflight = client
        .request(
            Method::OPTIONS,
            format!("http://{relay}/relay?url=http://{target}/echo"),
        )
        .headers(app_fetch(relay))
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .header(
            header::ACCESS_CONTROL_REQUEST_HEADERS,
            "authorization, content-type",
        )
        .send()
        .await
        .expect("the relay answers");
    assert_eq!(preflight.status(), 204);
    assert_eq!(
        preflight.headers()[header::ACCESS_CONTROL_ALLOW_HEADERS],
        "authorization, content-type"
    );
    assert_eq!(
        preflight.headers()[header::ACCESS_CONTROL_ALLOW_METHODS],
        "POST"
    );
}

/// What [`attempt`] gives for a request refused before the target was reached: 403, not
/// readable cross-origin, no request upstream.
const REFUSED: (StatusCode, bool, usize) = (StatusCode::FORBIDDEN, false, 0);

/// Sends `headers` to the relay for the upstream's `/echo` and returns the status, whether the
/// answer may be read cross-origin, and how many requests reached the upstream.
async fn attempt(headers: &[(&str, &str)], method: Method) -> (StatusCode, bool, usize) {
    let upstream = upstream(Arc::new(Notify::new())).await;
    let relay = relay(allow_private()).await;
    let mut request = reqwest::Client::new().request(
        method,
        format!("http://{relay}/relay?url=http://{}/echo", upstream.address),
    );
    for &(name, value) in headers {
        request = request.header(name, value.replace("RELAY", &relay.to_string()));
    }
    let response = request.send().await.expect("the relay answers");
    let readable = response
        .headers()
        .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN);
    (
        response.status(),
        readable,
        upstream.hits.load(Ordering::SeqCst),
    )
}

#[tokio::test]
async fn a_navigation_from_another_site_is_refused_before_connecting() {
    // What Chromium sends when a page elsewhere links or redirects to the relay.
    let navigation = [
        ("sec-fetch-dest", "document"),
        ("sec-fetch-mode", "navigate"),
        ("sec-fetch-site", "cross-site"),
    ];
    assert_eq!(attempt(&navigation, Method::GET).await, REFUSED);
    let frame = [("sec-fetch-dest", "iframe"), ("sec-fetch-mode", "navigate")];
    assert_eq!(attempt(&frame, Method::GET).await, REFUSED);
    let script = [("sec-fetch-dest", "script"), ("sec-fetch-mode", "no-cors")];
    assert_eq!(attempt(&script, Method::GET).await, REFUSED);
}

#[tokio::test]
async fn a_service_worker_registration_is_refused() {
    let registration = [
        ("service-worker", "script"),
        ("sec-fetch-dest", "serviceworker"),
    ];
    assert_eq!(attempt(&registration, Method::GET).await, REFUSED);
    let header_only = [("service-worker", "script")];
    assert_eq!(attempt(&header_only, Method::GET).await, REFUSED);
}

#[tokio::test]
async fn a_fetch_from_another_origin_is_refused_preflight_included() {
    let foreign = [
        ("origin", "https://evil.example"),
        ("sec-fetch-dest", "empty"),
        ("sec-fetch-mode", "cors"),
    ];
    assert_eq!(attempt(&foreign, Method::GET).await, REFUSED);
    let preflight = [
        ("origin", "https://evil.example"),
        ("access-control-request-method", "POST"),
    ];
    assert_eq!(attempt(&preflight, Method::OPTIONS).await, REFUSED);
    let own = [("origin", "http://RELAY"), ("sec-fetch-dest", "empty")];
    assert_eq!(attempt(&own, Method::GET).await, (StatusCode::OK, true, 1));
}

#[tokio::test]
async fn a_dns_rebinding_host_name_is_refused() {
    // The attacker's name resolves to 127.0.0.1; the page is same-origin with it.
    let rebound = [
        ("host", "rebind.evil.example:8080"),
        ("origin", "http://rebind.evil.example:8080"),
    ];
    assert_eq!(attempt(&rebound, Method::GET).await, REFUSED);
}

#[tokio::test]
async fn a_client_without_origin_such_as_curl_may_use_it() {
    assert_eq!(attempt(&[], Method::GET).await, (StatusCode::OK, false, 1));
}

#[tokio::test]
async fn cookies_origin_referer_and_browser_headers_do_not_reach_the_target() {
    let upstream = upstream(Arc::new(Notify::new())).await;
    let relay = relay(allow_private()).await;
    let echoed = reqwest::Client::new()
        .get(format!(
            "http://{relay}/relay?url=http://{}/echo",
            upstream.address
        ))
        .headers(app_fetch(relay))
        .header(header::COOKIE, "local_app_session=s3cret")
        .header(header::REFERER, format!("http://{relay}/"))
        .header("x-relay-target", "http://ignored.example/")
        .header("x-api-key", "sk-1")
        .send()
        .await
        .expect("the relay answers")
        .text()
        .await
        .expect("text");
    let names = echoed.split(['[', ']']).nth(1).expect("the header names");
    for gone in [
        "cookie",
        "origin",
        "referer",
        "sec-fetch-dest",
        "sec-fetch-mode",
        "sec-fetch-site",
        "x-relay-target",
    ] {
        assert!(
            !names.split(',').any(|name| name == gone),
            "{gone} reached the target: {names}"
        );
    }
    assert!(names.split(',').any(|name| name == "x-api-key"), "{names}");
}

#[tokio::test]
async fn a_hostile_answer_is_sandboxed_and_cannot_act_on_the_apps_origin() {
    let upstream = upstream(Arc::new(Notify::new())).await;
    let relay = relay(allow_private()).await;
    let response = reqwest::Client::new()
        .get(format!(
            "http://{relay}/relay?url=http://{}/hostile",
            upstream.address
        ))
        .headers(app_fetch(relay))
        .send()
        .await
        .expect("the relay answers");
    let headers = response.headers();
    assert_eq!(
        headers[header::CONTENT_SECURITY_POLICY],
        "sandbox; default-src 'none'"
    );
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers["cross-origin-resource-policy"], "same-origin");
    for gone in [
        "set-cookie",
        "clear-site-data",
        "refresh",
        "service-worker-allowed",
        "link",
    ] {
        assert!(!headers.contains_key(gone), "{gone} came back");
    }
}

#[tokio::test]
async fn a_redirect_is_followed_only_through_the_relay() {
    let upstream = upstream(Arc::new(Notify::new())).await;
    let relay = relay(allow_private()).await;
    let response = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client")
        .get(format!(
            "http://{relay}/relay?url=http://{}/moved",
            upstream.address
        ))
        .send()
        .await
        .expect("the relay answers");
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = response.headers()[header::LOCATION].to_str().expect("text");
    let expected = format!("http://{}/stream?page=2", upstream.address);
    assert_eq!(
        location,
        format!(
            "/relay?url={}",
            percent_encoding::utf8_percent_encode(&expected, percent_encoding::NON_ALPHANUMERIC)
        )
    );
}

/// Status and text of the relay's answer for `target` under `config`.
async fn refusal(config: Config, target: &str) -> (u16, String) {
    let relay = relay(config).await;
    let response = reqwest::Client::new()
        .get(format!("http://{relay}/relay?url={target}"))
        .headers(app_fetch(relay))
        .send()
        .await
        .expect("the relay answers");
    let status = response.status().as_u16();
    assert!(
        response
            .headers()
            .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN),
        "a refusal is readable by the app"
    );
    (status, response.text().await.expect("text"))
}

#[tokio::test]
async fn private_and_loopback_targets_are_refused_unless_allowed() {
    for target in [
        "http://127.0.0.1:9/x",
        "http://localhost:9/x",
        "http://10.1.2.3/x",
        "http://[::1]:9/x",
        "http://169.254.169.254/latest/meta-data",
        "http://[64:ff9b::7f00:1]:9/x",
        "http://[2002:7f00:1::]:9/x",
        "http://[::127.0.0.1]:9/x",
        "http://[::ffff:127.0.0.1]:9/x",
    ] {
        let (status, text) = refusal(Config::default(), target).await;
        assert_eq!(status, 403, "{target}");
        assert!(text.contains("--allow-private"), "{target}: {text}");
    }
}

#[tokio::test]
async fn hosts_outside_the_allow_list_are_refused_and_bad_targets_explained() {
    let mut only = allow_private();
    only.relay.allowed_hosts = vec!["api.example.com".into()];
    let (status, text) = refusal(only, "http://127.0.0.1:9/x").await;
    assert_eq!(status, 403);
    assert!(text.contains("--allow-host"), "{text}");

    let (status, text) = refusal(allow_private(), "").await;
    assert_eq!(status, 400);
    assert!(text.contains("Name the target"), "{text}");
    let (status, text) = refusal(allow_private(), "ftp://h/x").await;
    assert_eq!(status, 400);
    assert!(text.contains("http:// and https://"), "{text}");
}

#[tokio::test]
async fn an_unreachable_target_is_named_by_its_origin_never_its_query() {
    // Nothing listens on port 9 (discard) here: unreachable, said plainly.
    let target = "http://127.0.0.1:9/v1/x%3Fapi_key%3Dsk-secret";
    let (status, text) = refusal(allow_private(), target).await;
    assert_eq!(status, 502);
    assert!(
        text.contains("could not reach http://127.0.0.1:9:"),
        "{text}"
    );
    assert!(
        !text.contains("sk-secret") && !text.contains("/v1"),
        "{text}"
    );
    let (status, text) = refusal(allow_private(), "not%20a%20url%20sk-secret").await;
    assert_eq!(status, 400);
    assert!(!text.contains("sk-secret"), "{text}");
}

#[tokio::test]
async fn streams_beyond_the_per_client_cap_wait_with_503_and_retry_after() {
    let release = Arc::new(Notify::new());
    let target = upstream(release.clone()).await.address;
    let relay = relay(with_limits(RelayLimits {
        max_streams_per_client: 1,
        ..RelayLimits::default()
    }))
    .await;
    let url = format!("http://{relay}/relay?url=http://{target}/stream");
    let client = reqwest::Client::new();
    let open = client.get(&url).send().await.expect("the relay answers");
    assert_eq!(open.status(), 200);
    let second = client.get(&url).send().await.expect("the relay answers");
    assert_eq!(second.status(), 503);
    assert_eq!(second.headers()[header::RETRY_AFTER], "5");
    assert!(
        second
            .text()
            .await
            .expect("text")
            .contains("--max-streams-per-client")
    );
    // Once the first stream has ended, its place is free again.
    release.notify_one();
    let _ = open.bytes().await.expect("the whole first stream");
    let third = client.get(&url).send().await.expect("the relay answers");
    assert_eq!(third.status(), 200);
}

#[tokio::test]
async fn streams_beyond_the_total_cap_wait_with_503() {
    let target = upstream(Arc::new(Notify::new())).await.address;
    let relay = relay(with_limits(RelayLimits {
        max_streams: 1,
        ..RelayLimits::default()
    }))
    .await;
    let url = format!("http://{relay}/relay?url=http://{target}/stream");
    let client = reqwest::Client::new();
    let _open = client.get(&url).send().await.expect("the relay answers");
    let second = client.get(&url).send().await.expect("the relay answers");
    assert_eq!(second.status(), 503);
    assert!(second.text().await.expect("text").contains("--max-streams"));
}

#[tokio::test]
async fn a_body_over_the_cap_is_refused_with_413() {
    let upstream = upstream(Arc::new(Notify::new())).await;
    let relay = relay(with_limits(RelayLimits {
        max_body_bytes: 10,
        ..RelayLimits::default()
    }))
    .await;
    let url = format!("http://{relay}/relay?url=http://{}/echo", upstream.address);
    let client = reqwest::Client::new();
    let declared = client
        .post(&url)
        .body("x".repeat(11))
        .send()
        .await
        .expect("answered");
    assert_eq!(declared.status(), 413);
    // Chunked, with no length declared: cut off as it passes the cap.
    let chunks =
        futures_util::stream::iter((0..4).map(|_| Ok::<_, std::io::Error>(Bytes::from("xxxxxx"))));
    let streamed = client
        .post(&url)
        .body(reqwest::Body::wrap_stream(chunks))
        .send()
        .await
        .expect("answered");
    assert_eq!(streamed.status(), 413);
    let within = client
        .post(&url)
        .body("x".repeat(10))
        .send()
        .await
        .expect("answered");
    assert_eq!(within.status(), 200);
}

#[tokio::test]
async fn a_target_that_falls_silent_is_given_up_after_the_idle_timeout() {
    let target = upstream(Arc::new(Notify::new())).await.address;
    let relay = relay(with_limits(RelayLimits {
        idle_timeout: Duration::from_millis(200),
        ..RelayLimits::default()
    }))
    .await;
    let response = reqwest::get(format!("http://{relay}/relay?url=http://{target}/silent"))
        .await
        .expect("the relay answers");
    let mut body = response.bytes_stream();
    let first = body.next().await.expect("a chunk").expect("bytes");
    assert_eq!(&first[..], b"data: one\n\n");
    // The target never sends again: the relay ends the body with an error instead of holding
    // the socket forever.
    let end = tokio::time::timeout(Duration::from_secs(20), body.next())
        .await
        .expect("the relay gave up");
    assert!(matches!(end, Some(Err(_)) | None), "{end:?}");
}

#[tokio::test]
async fn a_client_that_never_finishes_its_request_head_is_disconnected() {
    let relay = serve_with(
        sse_studio_server::app(std::path::Path::new("/nonexistent-dist"), Config::default()),
        sse_studio_server::ServeLimits {
            header_read_timeout: Duration::from_millis(200),
        },
    )
    .await;
    let mut socket = tokio::net::TcpStream::connect(relay)
        .await
        .expect("connects");
    socket
        .write_all(b"GET /relay?url=http://x/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .await
        .expect("writes");
    let mut rest = Vec::new();
    // The server closes the socket (after a 408, or without a word); without the timeout this
    // read would wait forever, and the bound below would fail the test.
    let closed = tokio::time::timeout(Duration::from_secs(20), socket.read_to_end(&mut rest))
        .await
        .expect("the server closed the connection");
    assert!(closed.is_ok() || rest.is_empty());
}

#[test]
fn the_http_proxy_of_the_environment_is_not_used() {
    use std::io::{BufRead, BufReader};
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let (target, proxy_hits) = runtime.block_on(async {
        let target = upstream(Arc::new(Notify::new())).await;
        let proxy = upstream(Arc::new(Notify::new())).await;
        (target.address, proxy.hits)
    });
    let proxy_address = runtime.block_on(async {
        // The proxy is a second upstream: it would answer 404 to a proxied request.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a port");
        let address = listener.local_addr().expect("bound");
        let hits = proxy_hits.clone();
        tokio::spawn(async move {
            while let Ok((_socket, _)) = listener.accept().await {
                hits.fetch_add(1, Ordering::SeqCst);
            }
        });
        address
    });
    let mut server = std::process::Command::new(env!("CARGO_BIN_EXE_sse-studio-server"))
        .args([
            "--port",
            "0",
            "--allow-private",
            "--dist",
            "/nonexistent-dist",
        ])
        .env("HTTP_PROXY", format!("http://{proxy_address}"))
        .env("http_proxy", format!("http://{proxy_address}"))
        .env("ALL_PROXY", format!("http://{proxy_address}"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the server starts");
    let stdout = server.stdout.take().expect("stdout");
    let line = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find(|line| line.contains("running at"))
        .expect("the server says where it listens");
    let base = line
        .split_whitespace()
        .last()
        .expect("a URL")
        .trim_end_matches('/')
        .to_owned();
    let status = runtime.block_on(async {
        reqwest::get(format!("{base}/relay?url=http://{target}/echo"))
            .await
            .map(|response| response.status())
    });
    let _ = server.kill();
    let _ = server.wait();
    assert_eq!(status.expect("the relay answers"), StatusCode::OK);
    assert_eq!(proxy_hits.load(Ordering::SeqCst), 0, "the proxy was used");
}
