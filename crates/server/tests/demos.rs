//! The demo streams, decoded with sse-codec as the app decodes them.

use std::path::{Path, PathBuf};
use std::time::Duration;

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use serde_json::Value;
use sse_codec::{Decoder, End, Event, Item};
use sse_studio_server::{Config, DemoLimits};
use tower::ServiceExt;

struct Reply {
    status: StatusCode,
    content_type: String,
    cache_control: String,
    body: Vec<u8>,
}

async fn send(request: Request<Body>) -> Reply {
    send_to(&PathBuf::from("/nonexistent-dist"), request).await
}

async fn send_to(dist: &Path, request: Request<Body>) -> Reply {
    send_with(dist, Config::default(), request).await
}

async fn send_with(dist: &Path, config: Config, request: Request<Body>) -> Reply {
    let response = sse_studio_server::app(dist, config)
        .oneshot(request)
        .await
        .expect("the router answers");
    let header = |name| {
        response
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    let (status, content_type, cache_control) = (
        response.status(),
        header(header::CONTENT_TYPE),
        header(header::CACHE_CONTROL),
    );
    let body = to_bytes(response.into_body(), 1 << 24)
        .await
        .expect("the body completes")
        .to_vec();
    Reply {
        status,
        content_type,
        cache_control,
        body,
    }
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri)
        .body(Body::empty())
        .expect("a valid request")
}

fn post(uri: &str, json: &str) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(json.to_owned()))
        .expect("a valid request")
}

fn decode(body: &[u8]) -> (Vec<Event>, End) {
    let mut decoder = Decoder::new();
    let mut items = Vec::new();
    decoder.feed(body, &mut items);
    let events = items
        .into_iter()
        .filter_map(|item| {
            if let Item::Event(e) = item {
                Some(e)
            } else {
                None
            }
        })
        .collect();
    (events, decoder.finish())
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("event data is JSON")
}

const CHAT: &str =
    r#"{"model":"demo-model","stream":true,"messages":[{"role":"user","content":"Say hi"}]}"#;

#[tokio::test]
async fn ticks_sends_numbered_tick_events_with_ids_and_ends_cleanly() {
    let reply = send(get("/demo/ticks?count=5&interval_ms=0")).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.content_type, "text/event-stream; charset=utf-8");
    assert_eq!(reply.cache_control, "no-cache");
    let (events, end) = decode(&reply.body);
    assert_eq!(end, End::Clean);
    let seen: Vec<_> = events
        .iter()
        .map(|e| {
            (
                e.event_type.as_str(),
                e.last_event_id.as_str(),
                json(&e.data)["n"].as_u64(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("tick", "1", Some(1)),
            ("tick", "2", Some(2)),
            ("tick", "3", Some(3)),
            ("tick", "4", Some(4)),
            ("tick", "5", Some(5))
        ]
    );
}

#[tokio::test]
async fn ticks_rejects_a_count_that_is_not_a_number() {
    assert_eq!(
        send(get("/demo/ticks?count=many")).await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn openai_demo_streams_chunks_that_add_up_to_the_reply_then_done() {
    let reply = send(post("/demo/openai/chat/completions?delay_ms=0", CHAT)).await;
    assert_eq!(reply.content_type, "text/event-stream; charset=utf-8");
    let (events, end) = decode(&reply.body);
    assert_eq!(end, End::Clean);
    let (done, chunks) = events.split_last().expect("events were sent");
    assert_eq!(done.data, "[DONE]");
    assert!(
        events.iter().all(|e| e.event_type == "message"),
        "OpenAI sends unnamed events"
    );
    let chunks: Vec<Value> = chunks.iter().map(|e| json(&e.data)).collect();
    assert!(
        chunks
            .iter()
            .all(|c| c["object"] == "chat.completion.chunk" && c["model"] == "demo-model")
    );
    assert_eq!(chunks[0]["choices"][0]["delta"]["role"], "assistant");
    let text: String = chunks
        .iter()
        .filter_map(|c| c["choices"][0]["delta"]["content"].as_str())
        .collect();
    assert!(text.contains("You said: \u{201c}Say hi\u{201d}"), "{text}");
    assert_eq!(
        chunks
            .last()
            .map(|c| c["choices"][0]["finish_reason"].clone()),
        Some(Value::from("stop"))
    );
}

#[tokio::test]
async fn openai_demo_adds_a_usage_chunk_when_asked() {
    let body = r#"{"stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"x"}]}"#;
    let (events, _) = decode(
        &send(post("/demo/openai/chat/completions?delay_ms=0", body))
            .await
            .body,
    );
    let usage = json(&events[events.len() - 2].data);
    assert_eq!(usage["choices"], Value::Array(vec![]));
    assert!(
        usage["usage"]["completion_tokens"]
            .as_u64()
            .is_some_and(|n| n > 0)
    );
}

#[tokio::test]
async fn openai_demo_answers_bad_json_with_a_400_error_object() {
    let reply = send(post("/demo/openai/chat/completions", "{not json")).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        json(&String::from_utf8_lossy(&reply.body))["error"]["type"],
        "invalid_request_error"
    );
}

#[tokio::test]
async fn openai_demo_without_stream_answers_one_completion_object() {
    let reply = send(post(
        "/demo/openai/chat/completions",
        r#"{"messages":[{"role":"user","content":"x"}]}"#,
    ))
    .await;
    assert!(reply.content_type.starts_with("application/json"));
    assert_eq!(
        json(&String::from_utf8_lossy(&reply.body))["object"],
        "chat.completion"
    );
}

#[tokio::test]
async fn anthropic_demo_streams_the_messages_event_sequence() {
    let reply = send(post("/demo/anthropic/messages?delay_ms=0", CHAT)).await;
    let (events, end) = decode(&reply.body);
    assert_eq!(end, End::Clean);
    let mut types: Vec<&str> = events.iter().map(|e| e.event_type.as_str()).collect();
    types.dedup();
    assert_eq!(
        types,
        [
            "message_start",
            "content_block_start",
            "ping",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop"
        ]
    );
    for event in &events {
        assert_eq!(
            json(&event.data)["type"],
            event.event_type.as_str(),
            "data.type matches the event type"
        );
    }
    let text: String = events
        .iter()
        .filter_map(|e| json(&e.data)["delta"]["text"].as_str().map(str::to_owned))
        .collect();
    assert!(text.contains("Say hi"), "{text}");
}

#[tokio::test]
async fn truncated_demo_ends_in_the_middle_of_an_event() {
    let (events, end) = decode(&send(get("/demo/truncated")).await.body);
    assert_eq!(events.len(), 2);
    assert!(matches!(end, End::Truncated { .. }));
}

#[tokio::test]
async fn flood_refuses_up_front_more_than_a_demo_may_send() {
    let reply = send(get("/demo/flood?count=10000000&size=1048576")).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let text = String::from_utf8_lossy(&reply.body);
    assert!(text.contains("--demo-max-bytes"), "{text}");
}

/// `config` with demos held to `max_bytes` and `max_duration`.
fn demo_limits(max_bytes: u64, max_duration: Duration) -> Config {
    Config {
        demos: DemoLimits {
            max_bytes,
            max_duration,
        },
        ..Config::default()
    }
}

#[tokio::test]
async fn a_demo_body_ends_at_the_byte_cap() {
    let limits = demo_limits(1000, Duration::from_secs(3600));
    let request = get("/demo/ticks?count=1000&interval_ms=0");
    let reply = send_with(Path::new("/nonexistent-dist"), limits, request).await;
    let (events, _) = decode(&reply.body);
    // Each tick is one chunk of ~45 bytes: the one that crosses 1000 bytes is the last.
    assert!(
        (1000..1100).contains(&reply.body.len()),
        "{}",
        reply.body.len()
    );
    assert!(events.len() < 30, "{}", events.len());
}

#[tokio::test]
async fn a_demo_body_ends_at_the_duration_cap() {
    let limits = demo_limits(1 << 30, Duration::from_millis(200));
    // Without the cap: 5 ticks a minute apart, 4 minutes.
    let request = get("/demo/ticks?count=5&interval_ms=60000");
    let reply = tokio::time::timeout(
        Duration::from_secs(30),
        send_with(Path::new("/nonexistent-dist"), limits, request),
    )
    .await
    .expect("the body ended at the cap");
    let (events, _) = decode(&reply.body);
    assert_eq!(events.len(), 1);
}

#[tokio::test]
async fn flood_sends_count_events_of_the_asked_size_and_ends_cleanly() {
    let reply = send(get("/demo/flood?count=1000&size=200")).await;
    assert_eq!(reply.content_type, "text/event-stream; charset=utf-8");
    let (events, end) = decode(&reply.body);
    assert_eq!(end, End::Clean);
    assert_eq!(events.len(), 1000);
    for (index, event) in events.iter().enumerate() {
        let seq = index as u64 + 1;
        assert_eq!(json(&event.data)["seq"].as_u64(), Some(seq));
        assert_eq!(event.last_event_id, seq.to_string());
        // Padded with whole words: at least the size asked, less than a word over.
        assert!(
            (200..216).contains(&event.data.len()),
            "{}",
            event.data.len()
        );
    }
    let heartbeats = events
        .iter()
        .filter(|e| e.event_type == "heartbeat")
        .count();
    assert_eq!(heartbeats, 10);
}

#[tokio::test]
async fn flood_as_ndjson_sends_count_records_kinded_and_ending_with_a_stop() {
    let reply = send(get("/demo/flood?count=300&size=120&format=ndjson")).await;
    assert_eq!(reply.content_type, "application/x-ndjson");
    let text = String::from_utf8_lossy(&reply.body);
    let records: Vec<Value> = text.lines().map(json).collect();
    assert_eq!(records.len(), 300);
    for (index, record) in records.iter().enumerate() {
        assert_eq!(record["seq"].as_u64(), Some(index as u64 + 1));
        let len = text.lines().nth(index).map_or(0, str::len);
        assert!((120..136).contains(&len), "{len}");
    }
    let kinds: Vec<&str> = records.iter().filter_map(|r| r["kind"].as_str()).collect();
    assert_eq!(kinds.iter().filter(|kind| **kind == "heartbeat").count(), 2);
    assert_eq!(kinds[299], "end");
    assert_eq!(records[299]["stop"], "length");
    assert!(text.ends_with("\"}\n"));
}

#[tokio::test]
async fn echo_sends_back_the_request_headers_as_one_event() {
    let request = Request::get("/demo/echo?x=1")
        .header("x-api-key", "sk-1")
        .header("accept", "text/event-stream")
        .body(Body::empty())
        .expect("a valid request");
    let reply = send(request).await;
    let (events, end) = decode(&reply.body);
    assert_eq!(end, End::Clean);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].event_type, "echo");
    let echoed = json(&events[0].data);
    assert_eq!(echoed["method"], "GET");
    assert_eq!(echoed["uri"], "/demo/echo?x=1");
    assert_eq!(echoed["headers"]["x-api-key"], "sk-1");
}

#[tokio::test]
async fn unknown_paths_fall_back_to_the_app_shell() {
    let dist = std::env::temp_dir().join(format!("sse-studio-dist-{}", std::process::id()));
    std::fs::create_dir_all(&dist).expect("temp dir");
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><title>SSE Studio</title>",
    )
    .expect("write index");
    let reply = send_to(&dist, get("/some/client/route")).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(String::from_utf8_lossy(&reply.body).contains("SSE Studio"));
    assert_eq!(reply.cache_control, "no-cache");
    std::fs::remove_dir_all(&dist).ok();
}

#[tokio::test]
async fn the_app_shell_is_served_with_its_own_content_security_policy_and_no_framing() {
    let dist = std::env::temp_dir().join(format!("sse-studio-csp-{}", std::process::id()));
    std::fs::create_dir_all(&dist).expect("temp dir");
    std::fs::write(
        dist.join("index.html"),
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; object-src 'none'\" />",
    )
    .expect("write index");
    let policy = sse_studio_server::shell_policy(&dist);
    assert_eq!(
        policy.to_str().ok(),
        Some("default-src 'self'; object-src 'none'; frame-ancestors 'none'")
    );
    let response = sse_studio_server::app(&dist, Default::default())
        .oneshot(get("/"))
        .await
        .expect("the router answers");
    assert_eq!(
        response.headers().get(header::CONTENT_SECURITY_POLICY),
        Some(&policy)
    );
    // Streams are not pages: no policy on them.
    let stream = sse_studio_server::app(&dist, Default::default())
        .oneshot(get("/demo/ticks?count=1&interval_ms=0"))
        .await
        .expect("the router answers");
    assert_eq!(stream.headers().get(header::CONTENT_SECURITY_POLICY), None);
    // As trunk's minified HTML writes it: the content first, the name unquoted.
    std::fs::write(
        dist.join("index.html"),
        "<meta content=\"width=device-width\" name=viewport><meta content=\"script-src 'self' 'sha256-x'\" http-equiv=Content-Security-Policy>",
    )
    .expect("write index");
    assert_eq!(
        sse_studio_server::shell_policy(&dist).to_str().ok(),
        Some("script-src 'self' 'sha256-x'; frame-ancestors 'none'")
    );
    std::fs::remove_dir_all(&dist).ok();
}

/// Status and body of `request`'s reply, and whether the server dropped the connection instead
/// of ending the body.
async fn send_until_dropped(request: Request<Body>) -> (StatusCode, Vec<u8>, bool) {
    use futures_util::StreamExt;
    let response = sse_studio_server::app(Path::new("/nonexistent-dist"), Default::default())
        .oneshot(request)
        .await
        .expect("the router answers");
    let status = response.status();
    let mut body = Vec::new();
    let mut chunks = response.into_body().into_data_stream();
    while let Some(chunk) = chunks.next().await {
        match chunk {
            Ok(bytes) => body.extend_from_slice(&bytes),
            Err(_) => return (status, body, true),
        }
    }
    (status, body, false)
}

fn with_last_event_id(uri: &str, id: &str) -> Request<Body> {
    Request::get(uri)
        .header("last-event-id", id)
        .body(Body::empty())
        .expect("a valid request")
}

fn ids(body: &[u8]) -> Vec<String> {
    decode(body)
        .0
        .into_iter()
        .map(|event| event.last_event_id)
        .collect()
}

#[tokio::test]
async fn resumable_carries_on_after_the_last_event_id_and_drops_every_k_events() {
    let uri = "/demo/resumable?count=7&drop_every=3&interval_ms=0&retry_ms=250";
    let (status, body, dropped) = send_until_dropped(get(uri)).await;
    assert_eq!((status, dropped), (StatusCode::OK, true));
    assert_eq!(ids(&body), ["1", "2", "3"]);
    assert!(body.starts_with(b"retry: 250\n\n"));
    let (_, body, dropped) = send_until_dropped(with_last_event_id(uri, "3")).await;
    assert_eq!(
        (ids(&body), dropped),
        (vec!["4".into(), "5".into(), "6".into()], true)
    );
    let (_, body, dropped) = send_until_dropped(with_last_event_id(uri, "6")).await;
    assert_eq!(
        (ids(&body), dropped),
        (vec!["7".into()], false),
        "the last ends cleanly"
    );
    let (status, body, _) = send_until_dropped(with_last_event_id(uri, "7")).await;
    assert_eq!(
        (status, body.len()),
        (StatusCode::NO_CONTENT, 0),
        "nothing left: stop"
    );
}

#[tokio::test]
async fn forgetful_starts_again_from_1_whatever_the_last_event_id() {
    let uri = "/demo/forgetful?count=10&drop_every=2&interval_ms=0";
    let (_, body, dropped) = send_until_dropped(with_last_event_id(uri, "2")).await;
    assert_eq!((ids(&body), dropped), (vec!["1".into(), "2".into()], true));
}

#[tokio::test]
async fn each_broken_kind_has_its_fault_and_an_unknown_kind_lists_them() {
    let reply = send(get("/demo/broken?kind=content-type")).await;
    assert_eq!(reply.content_type, "text/plain; charset=utf-8");
    assert_eq!(
        decode(&reply.body).0.len(),
        2,
        "an event stream all the same"
    );
    let reply = send(get("/demo/broken?kind=no-cache-control")).await;
    assert_eq!(
        (reply.content_type.as_str(), reply.cache_control.as_str()),
        ("text/event-stream; charset=utf-8", "")
    );
    let reply = send(get("/demo/broken?kind=no-blank-line&quiet_ms=1000")).await;
    assert_eq!(reply.body, b"data: line 1\ndata: line 2\n");
    assert_eq!(decode(&reply.body).0.len(), 0, "nothing dispatched");
    let reply = send(get("/demo/broken?kind=buffered&quiet_ms=10")).await;
    assert_eq!(decode(&reply.body).0.len(), 20);
    let reply = send(get("/demo/broken?kind=retry")).await;
    assert_eq!(reply.cache_control, "no-cache");
    let reply = send(get("/demo/broken?kind=empty-data")).await;
    let data: Vec<_> = decode(&reply.body).0.into_iter().map(|e| e.data).collect();
    assert_eq!(data, ["", "after"]);
    let (_, body, dropped) =
        send_until_dropped(get("/demo/broken?kind=idle-timeout&quiet_ms=10")).await;
    assert_eq!((ids(&body).len(), dropped), (2, true));
    let reply = send(get("/demo/broken?kind=nope")).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(String::from_utf8_lossy(&reply.body).contains("content-type, gzip"));
}

#[tokio::test]
async fn the_gzip_kind_is_a_compressed_event_stream() {
    use std::io::Read as _;
    let response = sse_studio_server::app(Path::new("/nonexistent-dist"), Default::default())
        .oneshot(get("/demo/broken?kind=gzip"))
        .await
        .expect("the router answers");
    assert_eq!(response.headers()[header::CONTENT_ENCODING], "gzip");
    let body = to_bytes(response.into_body(), 1 << 20).await.expect("body");
    let mut text = Vec::new();
    flate2::read::GzDecoder::new(&body[..])
        .read_to_end(&mut text)
        .expect("gzip");
    assert_eq!(decode(&text).0.len(), 5);
}

#[tokio::test]
async fn each_recorded_ai_sample_is_replayed_byte_for_byte_as_an_event_stream() {
    for (name, sample) in sse_studio_server::RECORDED_AI_SAMPLES {
        let reply = send(post(&format!("/demo/ai/{name}?delay_ms=0"), "{}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{name}");
        assert!(
            reply.content_type.starts_with("text/event-stream"),
            "{name}"
        );
        assert_eq!(String::from_utf8_lossy(&reply.body), sample, "{name}");
        let (events, end) = decode(&reply.body);
        assert!(events.len() >= 4, "{name}: {} events", events.len());
        assert_eq!(end, End::Clean, "{name}");
    }
    for (name, records) in sse_studio_server::RECORDED_NDJSON_SAMPLES {
        let reply = send(post(&format!("/demo/ai/{name}?delay_ms=0"), "{}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{name}");
        assert_eq!(reply.content_type, "application/x-ndjson", "{name}");
        assert_eq!(String::from_utf8_lossy(&reply.body), records, "{name}");
    }
    let unknown = send(get("/demo/ai/nope")).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(String::from_utf8_lossy(&unknown.body).contains("openai-chat-tools"));
}

#[tokio::test]
async fn each_hostile_kind_sends_what_it_says_and_an_unknown_kind_lists_them() {
    let kind = |query: &str| send(get(&format!("/demo/hostile?{query}")));
    let (events, end) = decode(&kind("kind=types&n=3").await.body);
    let types: Vec<&str> = events.iter().map(|e| e.event_type.as_str()).collect();
    assert_eq!(
        (types, end),
        (vec!["type-0", "type-1", "type-2"], End::Clean)
    );

    let body = kind("kind=no-line-end&n=100").await.body;
    assert_eq!(body.len(), "data: ".len() + 100);
    assert!(matches!(decode(&body), (events, End::Truncated { .. }) if events.is_empty()));

    let (events, _) = decode(&kind("kind=big-event&n=200000").await.body);
    assert_eq!(events.first().map(|e| e.data.len()), Some(200_000));

    let (events, _) = decode(&kind("kind=data-lines&n=1000").await.body);
    assert_eq!(events.first().map(|e| e.data.lines().count()), Some(1000));

    let (events, end) = decode(&kind("kind=comments&n=1000").await.body);
    assert_eq!((events.len(), end), (0, End::Clean));

    let text = kind("kind=text&n=1000").await;
    assert_eq!(
        (text.content_type.as_str(), text.body.len()),
        ("text/plain; charset=utf-8", 1000)
    );

    assert!(
        kind("kind=retry-zero")
            .await
            .body
            .starts_with(b"retry: 0\n")
    );
    assert!(
        kind("kind=retry-huge")
            .await
            .body
            .starts_with(b"retry: 2147483648\n")
    );

    let unknown = kind("kind=nope").await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert!(String::from_utf8_lossy(&unknown.body).contains("endless"));
}

#[tokio::test]
async fn the_endless_hostile_stream_is_ended_by_the_demo_budget() {
    let limits = demo_limits(1 << 20, Duration::from_secs(3600));
    let request = get("/demo/hostile?kind=endless");
    let reply = send_with(Path::new("/nonexistent-dist"), limits, request).await;
    assert!(
        (1 << 20..(1 << 20) + (64 << 10) + 1).contains(&reply.body.len()),
        "{}",
        reply.body.len()
    );
}

#[tokio::test]
async fn the_first_demo_resumes_after_the_last_event_id_and_says_204_when_done() {
    // Regression (issue 15, item 2): /demo/ticks ignored Last-Event-ID, so the starter request
    // replayed ticks 1–20 every 3 s, forever.
    let resumed = send(with_last_event_id("/demo/ticks?count=5&interval_ms=0", "3")).await;
    assert_eq!(ids(&resumed.body), ["4", "5"]);
    let done = send(with_last_event_id("/demo/ticks?count=5&interval_ms=0", "5")).await;
    assert_eq!(done.status, StatusCode::NO_CONTENT);
    let fresh = send(get("/demo/ticks?count=2&interval_ms=0")).await;
    assert_eq!(ids(&fresh.body), ["1", "2"]);
}

/// The non-streaming answer of recorded sample `name`.
async fn answered_whole(name: &str) -> (StatusCode, Value) {
    let reply = send(post(&format!("/demo/ai/{name}"), r#"{"stream": false}"#)).await;
    assert!(
        reply.content_type.starts_with("application/json"),
        "{name}: {}",
        reply.content_type
    );
    (reply.status, json(&String::from_utf8_lossy(&reply.body)))
}

#[tokio::test]
async fn the_recorded_ai_demos_answer_stream_false_with_one_json_object() {
    // Regression (issue 15, item 9): /demo/ai/* ignored "stream": false.
    let (status, chat) = answered_whole("openai-chat-tools").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(chat["object"], "chat.completion");
    let message = &chat["choices"][0]["message"];
    assert_eq!(message["content"], "Let me check the weather.");
    assert_eq!(message["tool_calls"][0]["function"]["name"], "get_weather");
    let arguments = message["tool_calls"][0]["function"]["arguments"]
        .as_str()
        .expect("text");
    assert_eq!(json(arguments)["city"], "Paris");
    assert_eq!(chat["choices"][0]["finish_reason"], "tool_calls");

    let (_, reasoning) = answered_whole("openai-chat-no-done").await;
    let reasoned = reasoning["choices"][0]["message"]["reasoning_content"]
        .as_str()
        .expect("text");
    assert!(
        reasoned.starts_with("The user greets me; answer briefly."),
        "{reasoned}"
    );

    let (_, response) = answered_whole("openai-responses").await;
    assert_eq!(response["object"], "response");
    assert_eq!(response["status"], "completed");

    let (status, message) = answered_whole("anthropic-thinking-tools").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(message["type"], "message");
    assert_eq!(
        message["content"][0]["thinking"],
        "The user wants the weather; I should call the tool."
    );
    let tool = message["content"]
        .as_array()
        .expect("blocks")
        .iter()
        .find(|block| block["type"] == "tool_use")
        .expect("a tool");
    assert!(tool["input"].is_object(), "{tool}");
    assert_eq!(message["stop_reason"], "tool_use");

    let (status, error) = answered_whole("anthropic-error").await;
    assert_eq!(status.as_u16(), 529);
    assert_eq!(error["error"]["type"], "overloaded_error");

    let (_, gemini) = answered_whole("gemini").await;
    let parts = gemini["candidates"][0]["content"]["parts"]
        .as_array()
        .expect("parts");
    assert_eq!(parts[0]["thought"], true);
    assert!(
        parts.iter().any(|part| part.get("functionCall").is_some()),
        "{gemini}"
    );
    assert!(
        parts[1]["text"]
            .as_str()
            .is_some_and(|text| text.starts_with("It is mild in Tokyo today")),
        "{gemini}"
    );
}

#[tokio::test]
async fn the_front_end_protocols_always_stream_and_the_ai_sdk_one_says_its_version() {
    for name in ["ai-sdk-ui", "ag-ui"] {
        let request = post(
            &format!("/demo/ai/{name}?delay_ms=0"),
            r#"{"stream": false}"#,
        );
        let response =
            sse_studio_server::app(&PathBuf::from("/nonexistent-dist"), Config::default())
                .oneshot(request)
                .await
                .expect("the router answers");
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned)
        };
        assert!(
            header("content-type").is_some_and(|value| value.starts_with("text/event-stream")),
            "{name}"
        );
        let version = header("x-vercel-ai-ui-message-stream");
        let expected = (name == "ai-sdk-ui").then(|| "v1".to_owned());
        assert_eq!(version, expected, "{name}");
    }
}

#[tokio::test]
async fn skip_leaves_one_event_of_a_recorded_sample_out() {
    let whole = send(post("/demo/ai/anthropic-thinking-tools?delay_ms=0", "{}")).await;
    let cut = send(post(
        "/demo/ai/anthropic-thinking-tools?delay_ms=0&skip=11",
        "{}",
    ))
    .await;
    let (whole, _) = decode(&whole.body);
    let (cut, _) = decode(&cut.body);
    assert_eq!(cut.len(), whole.len() - 1);
    assert_eq!(whole[10].event_type, "content_block_stop");
    assert_eq!(cut[10].event_type, "content_block_start");
    let records = send(post("/demo/ai/ollama-generate?delay_ms=0&skip=6", "{}")).await;
    let text = String::from_utf8_lossy(&records.body);
    assert_eq!(text.lines().count(), 5);
    assert!(!text.contains("\"done\":true"), "{text}");
}
