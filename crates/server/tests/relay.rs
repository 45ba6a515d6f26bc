//! The CORS relay over real sockets: an upstream server, the app with its relay, and an HTTP
//! client in the page's place.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, header};
use axum::routing::{any, get};
use futures_util::StreamExt;
use sse_studio_server::relay::RelayPolicy;
use tokio::sync::Notify;

/// Serves `router` on a free loopback port.
async fn serve(router: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port");
    let address = listener.local_addr().expect("bound");
    tokio::spawn(async move { axum::serve(listener, router).await });
    address
}

/// An upstream with `/stream` (one event, then a second once `release` is notified) and
/// `/echo` (the method, the headers and the body it got, as text).
async fn upstream(release: Arc<Notify>) -> SocketAddr {
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
            format!(
                "{method} {authorization} {}",
                String::from_utf8_lossy(&body)
            )
        },
    );
    serve(Router::new().route("/stream", stream).route("/echo", echo)).await
}

async fn relay(policy: RelayPolicy) -> SocketAddr {
    serve(sse_studio_server::app(
        std::path::Path::new("/nonexistent-dist"),
        policy,
    ))
    .await
}

fn allow_private() -> RelayPolicy {
    RelayPolicy {
        allow_private: true,
        allowed_hosts: Vec::new(),
    }
}

#[tokio::test]
async fn each_chunk_is_passed_on_as_it_arrives_with_the_targets_status_and_headers() {
    let release = Arc::new(Notify::new());
    let target = upstream(release.clone()).await;
    let relay = relay(allow_private()).await;
    let response = reqwest::Client::new()
        .get(format!("http://{relay}/relay?url=http://{target}/stream"))
        .header(header::ORIGIN, "http://app.example")
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
        "http://app.example"
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
    let target = upstream(Arc::new(Notify::new())).await;
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
    assert_eq!(echoed, "POST Bearer sk-1 {\"stream\":true}");
    let preflight = client
        .request(
            Method::OPTIONS,
            format!("http://{relay}/relay?url=http://{target}/echo"),
        )
        .header(header::ORIGIN, "http://app.example")
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

/// Status and text of the relay's answer for `target` under `policy`.
async fn refusal(policy: RelayPolicy, target: &str) -> (u16, String) {
    let relay = relay(policy).await;
    let response = reqwest::get(format!("http://{relay}/relay?url={target}"))
        .await
        .expect("the relay answers");
    let status = response.status().as_u16();
    assert!(
        response
            .headers()
            .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN),
        "a refusal is readable by the page"
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
    ] {
        let (status, text) = refusal(RelayPolicy::default(), target).await;
        assert_eq!(status, 403, "{target}");
        assert!(text.contains("--allow-private"), "{target}: {text}");
    }
}

#[tokio::test]
async fn hosts_outside_the_allow_list_are_refused_and_bad_targets_explained() {
    let only = RelayPolicy {
        allow_private: true,
        allowed_hosts: vec!["api.example.com".into()],
    };
    let (status, text) = refusal(only, "http://127.0.0.1:9/x").await;
    assert_eq!(status, 403);
    assert!(text.contains("--allow-host"), "{text}");

    let (status, text) = refusal(allow_private(), "").await;
    assert_eq!(status, 400);
    assert!(text.contains("Name the target"), "{text}");
    let (status, text) = refusal(allow_private(), "ftp://h/x").await;
    assert_eq!(status, 400);
    assert!(text.contains("http:// and https://"), "{text}");

    // Nothing listens on port 9 (discard) here: unreachable, said plainly.
    let (status, text) = refusal(allow_private(), "http://127.0.0.1:9/x").await;
    assert_eq!(status, 502);
    assert!(
        text.contains("could not reach http://127.0.0.1:9/x"),
        "{text}"
    );
}
