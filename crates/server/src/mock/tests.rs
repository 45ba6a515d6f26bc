use super::*;
use axum::body::{Body, to_bytes};
use axum::http::Request;
use tower::ServiceExt;

const STREAM: &str = "retry: 900\nid: 1\ndata: one\n\nid: 2\ndata: two\n\nid: 3\ndata: three\n\n";

/// A folder of mocks: `chat.sse` (at /chat), `answer.json` (POST /v1/answer, a body match),
/// `other.json` (the same path for another body) and a JSON file that is not a mock.
fn folder() -> PathBuf {
    let folder = std::env::temp_dir().join(format!(
        "sse-studio-mocks-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("a temp folder");
    std::fs::write(folder.join("chat.sse"), STREAM).expect("written");
    let mut answer = Mock::from_event_stream("/v1/answer", b"data: yes\n\n", 0.0);
    answer.request.method = Some("POST".into());
    answer.request.body_contains = Some("\"q\":\"yes\"".into());
    std::fs::write(folder.join("answer.json"), answer.to_json()).expect("written");
    let mut other = Mock::from_event_stream("/v1/answer", b"data: no\n\n", 0.0);
    other.request.method = Some("POST".into());
    std::fs::write(folder.join("other.json"), other.to_json()).expect("written");
    std::fs::write(folder.join("package.json"), "{\"name\":\"x\"}").expect("written");
    folder
}

fn instant() -> Options {
    Options {
        no_delay: true,
        ..Options::default()
    }
}

async fn send(mocks: &Mocks, request: Request<Body>) -> (StatusCode, HeaderMap, String) {
    let response = router(mocks.clone())
        .oneshot(request)
        .await
        .expect("the router answers");
    let (status, headers) = (response.status(), response.headers().clone());
    let body = to_bytes(response.into_body(), 1 << 20)
        .await
        .expect("the body ends");
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).expect("a request")
}

#[tokio::test]
async fn a_folder_serves_its_mocks_by_method_path_and_body_and_lists_them() {
    let served = load(&[folder()], 100.0).expect("the folder loads");
    assert_eq!(served.len(), 3, "package.json is not a mock");
    let mocks = Mocks::new(served, instant());
    let (status, headers, body) = send(&mocks, get("/chat")).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, STREAM));
    assert_eq!(headers["content-type"], "text/event-stream; charset=utf-8");
    assert_eq!(headers["access-control-allow-origin"], "*");
    let post = |body: &'static str| {
        Request::post("/v1/answer")
            .body(Body::from(body))
            .expect("a request")
    };
    assert_eq!(
        send(&mocks, post("{\"q\":\"yes\"}")).await.2,
        "data: yes\n\n"
    );
    assert_eq!(
        send(&mocks, post("{\"q\":\"maybe\"}")).await.2,
        "data: no\n\n"
    );
    let (status, _, body) = send(&mocks, get("/v1/answer")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        body.starts_with("No mock answers GET /v1/answer. Served:\nPOST /v1/answer"),
        "{body}"
    );
    let (status, _, listing) = send(&mocks, get("/")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        listing.contains("* /chat \u{2192} 200 \u{b7} 3 reads \u{b7} 3 events"),
        "{listing}"
    );
    assert!(
        listing.contains("[body contains \"\\\"q\\\":\\\"yes\\\"\"]"),
        "{listing}"
    );
}

#[tokio::test]
async fn a_preflight_is_answered_with_the_method_and_headers_asked_for() {
    let mocks = Mocks::new(load(&[folder()], 0.0).expect("loads"), instant());
    let request = Request::options("/v1/answer")
        .header("origin", "http://elsewhere.test")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization, content-type",
        )
        .body(Body::empty())
        .expect("a request");
    let (status, headers, _) = send(&mocks, request).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(headers["access-control-allow-methods"], "POST");
    assert_eq!(
        headers["access-control-allow-headers"],
        "authorization, content-type"
    );
    assert_eq!(headers["access-control-allow-origin"], "*");
}

#[tokio::test]
async fn last_event_id_resumes_after_that_event_with_the_recorded_retry() {
    let mocks = Mocks::new(load(&[folder()], 0.0).expect("loads"), instant());
    let resume = |id: &'static str| {
        Request::get("/chat")
            .header("last-event-id", id)
            .body(Body::empty())
            .expect("a request")
    };
    assert_eq!(
        send(&mocks, resume("2")).await.2,
        "retry: 900\n\nid: 3\ndata: three\n\n"
    );
    assert_eq!(send(&mocks, resume("unknown")).await.2, STREAM);
}

#[tokio::test]
async fn faults_come_from_the_query_the_options_and_the_file() {
    let folder = folder();
    let mut faulty = Mock::from_event_stream("/faulty", STREAM.as_bytes(), 0.0);
    faulty.faults = vec!["no-blank-line".into()];
    std::fs::write(folder.join("faulty.json"), faulty.to_json()).expect("written");
    let options = Options {
        faults: vec![Fault::ContentType("text/plain".into())],
        ..instant()
    };
    let mocks = Mocks::new(
        load(std::slice::from_ref(&folder), 0.0).expect("loads"),
        options,
    );
    let (_, headers, body) = send(&mocks, get("/chat?_fault=cut-mid-event:2")).await;
    assert_eq!(headers["content-type"], "text/plain");
    assert_eq!(
        body,
        "retry: 900\nid: 1\ndata: one\n\nid: 2\ndata: two\n\nid: 3\ndat"
    );
    let (_, _, body) = send(&mocks, get("/faulty")).await;
    assert!(!body.contains("\n\n"), "{body:?}");
    let (status, _, body) = send(&mocks, get("/chat?_fault=slow")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.starts_with("Unknown fault \u{201c}slow\u{201d}"),
        "{body}"
    );
}

#[test]
fn a_wrong_file_is_named_with_what_is_wrong() {
    let folder = folder();
    let broken = folder.join("broken.json");
    std::fs::write(&broken, "{\"format\":\"sse-studio-mock\",\"version\":1}").expect("written");
    let message = load(std::slice::from_ref(&folder), 0.0).expect_err("a broken mock");
    assert!(
        message.starts_with(&format!("{}: The mock needs \"request\"", broken.display())),
        "{message}"
    );
    std::fs::remove_file(&broken).expect("removed");
    let package = folder.join("package.json");
    let message =
        load(std::slice::from_ref(&package), 0.0).expect_err("named, so it must be a mock");
    assert!(message.contains("not an SSE Studio mock"), "{message}");
    let mut faulty = Mock::from_event_stream("/f", b"", 0.0);
    faulty.faults = vec!["drop-after:x".into()];
    std::fs::write(folder.join("faulty.json"), faulty.to_json()).expect("written");
    let message = load(std::slice::from_ref(&folder), 0.0).expect_err("a wrong fault");
    assert!(
        message.contains("faulty.json: The fault \u{201c}drop-after:x\u{201d}"),
        "{message}"
    );
    assert!(
        load(&[folder.join("missing.json")], 0.0)
            .expect_err("missing")
            .starts_with("Cannot read")
    );
}

#[tokio::test]
async fn the_server_answers_a_mock_path_with_the_mock_and_the_rest_as_before() {
    let served = load(&[folder()], 0.0).expect("loads");
    let config = crate::Config {
        mocks: Some(Mocks::new(served, instant())),
        ..crate::Config::default()
    };
    let app = crate::app(Path::new("/nonexistent-dist"), config);
    let response = app.clone().oneshot(get("/chat")).await.expect("answers");
    let body = to_bytes(response.into_body(), 1 << 20).await.expect("ends");
    assert_eq!(&body[..], STREAM.as_bytes());
    let response = app
        .oneshot(get("/demo/ticks?count=1&interval_ms=0"))
        .await
        .expect("answers");
    assert_eq!(response.status(), StatusCode::OK);
    let body = to_bytes(response.into_body(), 1 << 20).await.expect("ends");
    assert!(String::from_utf8_lossy(&body).contains("event: tick"));
}

#[tokio::test]
async fn a_looped_mock_starts_again_where_it_ended() {
    let mocks = Mocks::new(
        vec![Served {
            source: "chat.sse".into(),
            body: Bytes::from_static(b"data: 1\n\n"),
            mock: Arc::new(Mock::from_event_stream("/chat", b"data: 1\n\n", 0.0)),
            faults: Vec::new(),
        }],
        Options {
            repeat: true,
            ..instant()
        },
    );
    let response = router(mocks).oneshot(get("/chat")).await.expect("answers");
    let mut body = response.into_body().into_data_stream();
    let mut received = Vec::new();
    while received.len() < 3 * 9 {
        let chunk = futures_util::StreamExt::next(&mut body)
            .await
            .expect("it never ends")
            .expect("no error");
        received.extend_from_slice(&chunk);
    }
    assert_eq!(&received[..27], b"data: 1\n\ndata: 1\n\ndata: 1\n\n");
}

#[tokio::test]
async fn a_request_body_over_the_cap_is_refused_with_413() {
    let mocks = Mocks::new(load(&[folder()], 0.0).expect("loads"), instant());
    let huge = vec![b'x'; MAX_REQUEST_BODY_BYTES + 1];
    let request = Request::post("/v1/answer")
        .body(Body::from(huge))
        .expect("a request");
    let (status, _, body) = send(&mocks, request).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(body.contains("up to 1048576 bytes"), "{body}");
}

#[tokio::test]
async fn the_listing_is_plain_text_so_a_file_cannot_inject_markup() {
    let folder = folder();
    let mut hostile = Mock::from_event_stream("/<script>alert(1)</script>", b"", 0.0);
    hostile.request.body_contains = Some("<img src=x onerror=alert(1)>".into());
    std::fs::write(folder.join("hostile.json"), hostile.to_json()).expect("written");
    let mocks = Mocks::new(load(&[folder], 0.0).expect("loads"), instant());
    let (_, headers, listing) = send(&mocks, get("/")).await;
    assert_eq!(headers["content-type"], "text/plain; charset=utf-8");
    assert!(listing.contains("/<script>alert(1)</script>"));
}

#[tokio::test]
async fn a_looped_mock_in_the_server_ends_at_the_demo_byte_cap() {
    // A `.sse` file read at 0 ms intervals: each round due at once, read by read.
    let served = load(&[folder()], 0.0).expect("loads");
    let config = crate::Config {
        mocks: Some(Mocks::new(
            served,
            Options {
                repeat: true,
                ..Options::default()
            },
        )),
        demos: crate::DemoLimits {
            max_bytes: 1000,
            max_duration: Duration::from_secs(60),
        },
        ..crate::Config::default()
    };
    let app = crate::app(Path::new("/nonexistent-dist"), config);
    let response = app.oneshot(get("/chat")).await.expect("answers");
    let body = to_bytes(response.into_body(), 1 << 20)
        .await
        .expect("the body ends at the cap");
    // The read that reaches the cap is the last.
    assert!(
        (1000..1000 + STREAM.len()).contains(&body.len()),
        "{} bytes",
        body.len()
    );
}

#[tokio::test]
async fn watch_serves_a_changed_file_and_keeps_the_last_good_mocks_after_a_bad_one() {
    let folder = folder();
    let mocks = Mocks::new(
        load(std::slice::from_ref(&folder), 0.0).expect("loads"),
        instant(),
    );
    let (sender, mut reports) = tokio::sync::mpsc::unbounded_channel();
    let watching = tokio::spawn(watch::watch(
        vec![folder.clone()],
        mocks.clone(),
        move |report| {
            let _ = sender.send(report);
        },
    ));
    // Each write stamped later than the last look, whatever the file system's time resolution.
    let write = |name: &str, text: &str, later: u64| {
        let file = std::fs::File::create(folder.join(name)).expect("opens");
        std::io::Write::write_all(&mut &file, text.as_bytes()).expect("written");
        file.set_modified(std::time::SystemTime::now() + Duration::from_secs(later))
            .expect("stamped");
    };
    write("chat.sse", "data: changed\n\n", 5);
    assert_eq!(reports.recv().await.as_deref(), Some("reloaded: 3 mocks"));
    assert_eq!(send(&mocks, get("/chat")).await.2, "data: changed\n\n");
    write("answer.json", "{\"format\":\"sse-studio-mock\"}", 10);
    let report = reports.recv().await.unwrap_or_default();
    assert!(
        report.starts_with("not reloaded (the last good mocks are served)"),
        "{report}"
    );
    assert_eq!(send(&mocks, get("/chat")).await.2, "data: changed\n\n");
    watching.abort();
}

#[tokio::test]
async fn no_delay_sends_what_is_due_in_large_writes() {
    let mocks = Mocks::new(
        load(&[folder()], 0.0).expect("loads"),
        Options {
            repeat: true,
            ..instant()
        },
    );
    let response = router(mocks).oneshot(get("/chat")).await.expect("answers");
    let mut body = response.into_body().into_data_stream();
    let first = futures_util::StreamExt::next(&mut body)
        .await
        .expect("a first write")
        .expect("no error");
    assert!(
        first.len() >= crate::replay::COALESCE_BYTES,
        "{} bytes",
        first.len()
    );
    assert!(first.starts_with(STREAM.as_bytes()));
}
