//! Mocks over real sockets: a recorded run replayed read by read with its timing, resumed with
//! `Last-Event-ID`, and each fault as a client sees it.

use std::io::Read as _;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use futures_util::StreamExt;
use sse_studio_core::library::mock::{EndHow, Mock, MockEnd};
use sse_studio_server::mock::{self, Mocks, Options, Served};
use sse_studio_server::{ServeLimits, serve};

/// The recorded reads: (ms after the request, bytes), after the head at 20 ms. The second read
/// cuts an event.
const READS: [(f64, &str); 4] = [
    (30.0, "retry: 2000\nid: 1\ndata: one\n\n"),
    (110.0, "id: 2\ndata: a longer second"),
    (190.0, " event\n\nid: 3\ndata: 3\n\n"),
    (270.0, "id: 4\ndata: four\n\n"),
];

fn recorded() -> Mock {
    let mut mock = Mock::from_event_stream("/v1/stream", b"", 0.0);
    for (at_ms, text) in READS {
        mock.reads.push((at_ms, mock.body.len()));
        mock.body.extend_from_slice(text.as_bytes());
    }
    mock.response.at_ms = 20.0;
    mock.end = MockEnd {
        at_ms: 280.0,
        how: EndHow::Clean,
    };
    mock
}

/// A mock server on a free loopback port, serving `mock` as `options` say.
async fn start(mock: Mock, options: Options) -> SocketAddr {
    let served = Served {
        source: "recorded.json".into(),
        body: Bytes::from(mock.body.clone()),
        mock: Arc::new(mock),
        faults: Vec::new(),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port");
    let address = listener.local_addr().expect("bound");
    let router = mock::router(Mocks::new(vec![served], options));
    tokio::spawn(serve(listener, router, ServeLimits::default()));
    address
}

/// What a client saw: the head's time, each chunk's time and bytes, and whether the body ended
/// with an error (a dropped connection).
struct Seen {
    head_ms: f64,
    headers: reqwest::header::HeaderMap,
    chunks: Vec<(f64, Bytes)>,
    is_dropped: bool,
}

impl Seen {
    fn body(&self) -> Vec<u8> {
        self.chunks
            .iter()
            .flat_map(|(_, bytes)| bytes.to_vec())
            .collect()
    }
}

async fn fetch(address: SocketAddr, path_and_query: &str, last_event_id: Option<&str>) -> Seen {
    let client = reqwest::Client::new();
    let mut request = client.get(format!("http://{address}{path_and_query}"));
    if let Some(id) = last_event_id {
        request = request.header("last-event-id", id);
    }
    let sent = Instant::now();
    let ms = |at: Instant| at.duration_since(sent).as_secs_f64() * 1000.0;
    let response = request.send().await.expect("a response");
    let head_ms = ms(Instant::now());
    let headers = response.headers().clone();
    let mut body = response.bytes_stream();
    let mut chunks = Vec::new();
    let mut is_dropped = false;
    while let Some(chunk) = body.next().await {
        match chunk {
            Ok(bytes) => chunks.push((ms(Instant::now()), bytes)),
            Err(_) => {
                is_dropped = true;
                break;
            }
        }
    }
    Seen {
        head_ms,
        headers,
        chunks,
        is_dropped,
    }
}

#[tokio::test]
async fn a_mock_replays_each_read_whole_at_its_recorded_time() {
    let address = start(recorded(), Options::default()).await;
    let seen = fetch(address, "/v1/stream", None).await;
    let sizes: Vec<usize> = seen.chunks.iter().map(|(_, bytes)| bytes.len()).collect();
    assert_eq!(sizes, READS.map(|(_, text)| text.len()));
    assert!(
        (seen.head_ms - 20.0).abs() < 20.0,
        "head at {} ms",
        seen.head_ms
    );
    for ((at_ms, _), (seen_ms, _)) in READS.iter().zip(&seen.chunks) {
        assert!(
            (seen_ms - at_ms).abs() < 20.0,
            "a read recorded at {at_ms} ms came at {seen_ms} ms"
        );
    }
    assert!(!seen.is_dropped);
}

#[tokio::test]
async fn speed_scales_the_times_and_no_delay_sends_at_once() {
    let fast = Options {
        speed: 4.0,
        ..Options::default()
    };
    let seen = fetch(start(recorded(), fast).await, "/v1/stream", None).await;
    let last = seen.chunks.last().expect("reads").0;
    assert!(
        (last - 67.5).abs() < 20.0,
        "the last read came at {last} ms"
    );
    let instant = Options {
        no_delay: true,
        ..Options::default()
    };
    let seen = fetch(start(recorded(), instant).await, "/v1/stream", None).await;
    assert!(seen.chunks.last().expect("reads").0 < 40.0);
    assert_eq!(seen.body(), recorded().body);
}

#[tokio::test]
async fn last_event_id_resumes_after_that_event_with_the_recorded_retry() {
    let address = start(recorded(), Options::default()).await;
    let seen = fetch(address, "/v1/stream", Some("2")).await;
    assert_eq!(
        String::from_utf8_lossy(&seen.body()),
        "retry: 2000\n\nid: 3\ndata: 3\n\nid: 4\ndata: four\n\n"
    );
    // The read holding the resume point comes first, right after the head; the next keeps its
    // spacing (80 ms).
    let first = seen.chunks[0].0;
    let second = seen.chunks.last().expect("two reads").0;
    assert!(
        (second - first - 80.0).abs() < 20.0,
        "{first} then {second} ms"
    );
}

#[tokio::test]
async fn each_fault_reaches_the_client_as_it_would_from_a_real_server() {
    let address = start(recorded(), Options::default()).await;
    let text = |seen: &Seen| String::from_utf8_lossy(&seen.body()).into_owned();

    let seen = fetch(address, "/v1/stream?_fault=drop-after:2", None).await;
    assert!(seen.is_dropped, "drop-after: a network error");
    assert!(
        text(&seen).ends_with("a longer second event\n\n"),
        "{}",
        text(&seen)
    );

    let seen = fetch(address, "/v1/stream?_fault=cut-mid-event:1", None).await;
    assert!(!seen.is_dropped);
    assert_eq!(
        text(&seen),
        "retry: 2000\nid: 1\ndata: one\n\nid: 2\ndata: a lon"
    );

    let seen = fetch(address, "/v1/stream?_fault=delay-first-byte:300", None).await;
    assert!(
        seen.head_ms >= 300.0,
        "the head came at {} ms",
        seen.head_ms
    );

    let seen = fetch(address, "/v1/stream?_fault=gzip", None).await;
    assert_eq!(seen.headers["content-encoding"], "gzip");
    assert_eq!(seen.chunks.len(), 1, "all at once");
    let mut decoded = Vec::new();
    flate2::read::GzDecoder::new(&seen.body()[..])
        .read_to_end(&mut decoded)
        .expect("gzip");
    assert_eq!(decoded, recorded().body);

    let seen = fetch(address, "/v1/stream?_fault=burst:300", None).await;
    assert_eq!(seen.chunks.len(), 1, "all at once");
    assert!(seen.chunks[0].0 >= 300.0);
    assert_eq!(seen.body(), recorded().body);

    let seen = fetch(address, "/v1/stream?_fault=content-type:text/plain", None).await;
    assert_eq!(seen.headers["content-type"], "text/plain");

    let seen = fetch(address, "/v1/stream?_fault=no-blank-line", None).await;
    assert!(!text(&seen).contains("\n\n"), "{}", text(&seen));

    let seen = fetch(address, "/v1/stream?_fault=retry:5000", None).await;
    assert!(
        text(&seen).starts_with("retry: 5000\n\nid: 1\n"),
        "{}",
        text(&seen)
    );
    assert!(!text(&seen).contains("retry: 2000"));
}

#[tokio::test]
async fn every_response_is_readable_from_any_origin() {
    let address = start(recorded(), Options::default()).await;
    let seen = fetch(address, "/v1/stream?_fault=no-blank-line", None).await;
    assert_eq!(seen.headers["access-control-allow-origin"], "*");
    assert_eq!(seen.headers["access-control-expose-headers"], "*");
}

#[tokio::test]
async fn a_looped_mock_never_ends() {
    let looped = Options {
        repeat: true,
        speed: 8.0,
        ..Options::default()
    };
    let address = start(recorded(), looped).await;
    let client = reqwest::Client::new();
    let response = client
        .get(format!("http://{address}/v1/stream"))
        .send()
        .await
        .expect("a response");
    let mut body = response.bytes_stream();
    let mut received = Vec::new();
    let length = recorded().body.len();
    while received.len() < 2 * length + 1 {
        let chunk = tokio::time::timeout(Duration::from_secs(5), body.next())
            .await
            .expect("more keeps coming")
            .expect("not ended")
            .expect("not dropped");
        received.extend_from_slice(&chunk);
    }
    assert_eq!(&received[length..2 * length], &recorded().body[..]);
}
