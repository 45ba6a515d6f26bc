use super::*;
use crate::session::connection_run::ConnectionRun;

/// A run of `POST http://h:8080/v1/chat?stream=true`: head at 5 ms, three reads (the second
/// cuts an event and a UTF-8 sequence), then a clean end; then a second connection.
fn recorded_run() -> SessionLog {
    let mut log = SessionLog::new(1, "POST http://h:8080/v1/chat?stream=true".into(), 0.0, 0);
    log.begin_connection(0.0, None, "");
    let mut run = ConnectionRun::new();
    let headers = vec![
        ("content-type".to_owned(), "text/event-stream".to_owned()),
        ("transfer-encoding".to_owned(), "chunked".to_owned()),
        ("content-encoding".to_owned(), "gzip".to_owned()),
        ("set-cookie".to_owned(), "session=abc".to_owned()),
        (
            "date".to_owned(),
            "Mon, 30 Nov 2026 08:04:54 GMT".to_owned(),
        ),
        ("x-request-id".to_owned(), "r-1".to_owned()),
    ];
    run.opened(&mut log, 200, "OK".into(), headers, 5.0);
    run.chunk(&mut log, b"retry: 900\nid: 1\ndata: one\n\n", 7.0);
    run.chunk(&mut log, b"id: 2\ndata: tw\xC3", 9.5);
    run.chunk(&mut log, b"\xB6\n\n", 12.0);
    let id = run.ended(&mut log, 20.0).last_event_id;
    log.begin_connection(120.0, Some(100.0), &id);
    let mut run = ConnectionRun::resuming(&id);
    let headers = vec![("content-type".to_owned(), "text/event-stream".to_owned())];
    run.opened(&mut log, 200, "OK".into(), headers, 125.0);
    run.chunk(&mut log, b"id: 3\ndata: three\n\n", 130.0);
    run.ended(&mut log, 140.0);
    log.close(CloseReason::Aborted, 150.0);
    log
}

#[test]
fn a_run_becomes_a_mock_of_its_first_connection_read_by_read() {
    let mock = Mock::from_log(&recorded_run()).expect("a head arrived");
    assert_eq!(mock.request.method.as_deref(), Some("POST"));
    assert_eq!(mock.request.path, "/v1/chat");
    assert_eq!(mock.response.status, 200);
    assert_eq!(mock.response.at_ms, 5.0);
    // Hop-by-hop headers, the encoding of a body kept decoded and the old date are dropped; a
    // cookie masked.
    assert_eq!(
        mock.response.headers,
        [
            ("content-type".to_owned(), "text/event-stream".to_owned()),
            ("set-cookie".to_owned(), MASK.to_owned()),
            ("x-request-id".to_owned(), "r-1".to_owned()),
        ]
    );
    assert_eq!(
        mock.reads
            .iter()
            .map(|(at_ms, _)| *at_ms)
            .collect::<Vec<_>>(),
        [7.0, 9.5, 12.0]
    );
    assert_eq!(mock.read_bytes(1), b"id: 2\ndata: tw\xC3");
    assert_eq!(mock.read_bytes(2), b"\xB6\n\n");
    assert_eq!(
        mock.body.len(),
        28 + 15 + 3,
        "the second connection is not in it"
    );
    assert_eq!(
        mock.end,
        MockEnd {
            at_ms: 20.0,
            how: EndHow::Clean
        }
    );
}

#[test]
fn a_stream_the_client_closed_stays_open_and_a_dropped_one_drops() {
    let mut log = SessionLog::new(1, "GET http://h/ticks".into(), 0.0, 0);
    let mut run = ConnectionRun::new();
    let headers = vec![("content-type".to_owned(), "text/event-stream".to_owned())];
    run.opened(&mut log, 200, "OK".into(), headers.clone(), 1.0);
    run.chunk(&mut log, b"data: 1\n\n", 2.0);
    log.close(CloseReason::Aborted, 50.0);
    let mock = Mock::from_log(&log).expect("a head");
    assert_eq!(
        (mock.end.how, mock.end.at_ms, mock.request.method.as_deref()),
        (EndHow::Open, 50.0, Some("GET"))
    );

    let mut log = SessionLog::new(1, "GET http://h/ticks".into(), 0.0, 0);
    let mut run = ConnectionRun::new();
    run.opened(&mut log, 200, "OK".into(), headers, 1.0);
    run.failed(&mut log, "network error".into(), 9.0);
    log.close_as_last_connection_ended();
    assert_eq!(Mock::from_log(&log).expect("a head").end.how, EndHow::Drop);
}

#[test]
fn a_run_without_a_response_is_no_mock() {
    let mut log = SessionLog::new(1, "GET http://h/".into(), 0.0, 0);
    log.close(
        CloseReason::NetworkError {
            message: "refused".into(),
        },
        3.0,
    );
    assert_eq!(Mock::from_log(&log), None);
}

#[test]
fn a_body_shown_as_text_is_one_read_at_the_end() {
    let mut log = SessionLog::new(1, "POST http://h/v1/chat".into(), 0.0, 0);
    let mut run = ConnectionRun::new();
    let headers = vec![("content-type".to_owned(), "application/json".to_owned())];
    run.opened(&mut log, 200, "OK".into(), headers, 4.0);
    run.chunk(&mut log, b"{\"a\":", 5.0);
    run.chunk(&mut log, b"1}", 6.0);
    run.ended(&mut log, 8.0);
    log.close_as_last_connection_ended();
    let mock = Mock::from_log(&log).expect("a head");
    assert_eq!(
        (mock.body.as_slice(), mock.reads.as_slice()),
        (&b"{\"a\":1}"[..], &[(8.0, 0)][..])
    );
}

#[test]
fn a_mock_file_reads_back_as_written_with_text_and_base64_reads() {
    let mut mock = Mock::from_log(&recorded_run()).expect("a head");
    mock.request.query = vec![("stream".into(), "true".into())];
    mock.request.body_contains = Some("gpt".into());
    mock.faults = vec!["drop-after:1".into()];
    let text = mock.to_json();
    assert!(
        text.contains(r#""text": "retry: 900\nid: 1\ndata: one\n\n""#),
        "{text}"
    );
    assert!(
        text.contains(r#""base64": "aWQ6IDIKZGF0YTogdHfD""#),
        "{text}"
    );
    assert_eq!(Mock::parse(&text), Ok(mock));
}

#[test]
fn a_wrong_mock_file_says_what_is_wrong() {
    let valid = Mock::from_event_stream("/s", b"data: 1\n\n", 10.0).to_json();
    let with = |from: &str, to: &str| valid.replacen(from, to, 1);
    for (text, message) in [
        ("{".to_owned(), "not valid JSON"),
        (with("sse-studio-mock", "other"), "not an SSE Studio mock"),
        (with("\"version\": 1", "\"version\": 2"), "version 2"),
        (
            with("\"path\": \"/s\"", "\"path\": \"s\""),
            "must start with \"/\"",
        ),
        (
            with("\"path\": \"/s\"", "\"pth\": \"/s\""),
            "needs a \"path\"",
        ),
        (with("\"status\": 200", "\"status\": 42"), "from 100 to 599"),
        (with("\"text\"", "\"txt\""), "Read 1 needs either"),
        (
            with(
                "\"at_ms\": 0.0,\n      \"text\"",
                "\"at_ms\": -1,\n      \"text\"",
            ),
            "Read 1's \"at_ms\"",
        ),
        (
            with("\"how\": \"clean\"", "\"how\": \"never\""),
            "use \"clean\", \"drop\" or \"open\"",
        ),
    ] {
        let error = Mock::parse(&text).expect_err(message);
        assert!(error.contains(message), "{error:?} should say {message:?}");
    }
    let out_of_order = r#"{"format":"sse-studio-mock","version":1,"request":{"path":"/"},
        "response":{"status":200},"reads":[{"at_ms":5,"text":"a"},{"at_ms":4,"text":"b"}]}"#;
    assert!(
        Mock::parse(out_of_order)
            .expect_err("decreasing")
            .contains("Read 2 comes at 4 ms, before")
    );
    let bad_base64 = r#"{"format":"sse-studio-mock","version":1,"request":{"path":"/"},
        "response":{"status":200},"reads":[{"base64":"!!"}]}"#;
    assert!(
        Mock::parse(bad_base64)
            .expect_err("base64")
            .contains("not valid base64")
    );
}

#[test]
fn an_event_stream_file_is_served_a_block_a_read_at_an_even_pace() {
    let stream = b"data: 1\n\nevent: e\r\ndata: 2\r\n\r\ndata: 3\r\rdata: cut";
    let mock = Mock::from_event_stream("/file", stream, 250.0);
    assert_eq!(mock.request.method, None);
    assert_eq!(
        (0..mock.reads.len())
            .map(|index| (mock.reads[index].0, mock.read_bytes(index)))
            .collect::<Vec<_>>(),
        [
            (0.0, &b"data: 1\n\n"[..]),
            (250.0, b"event: e\r\ndata: 2\r\n\r\n"),
            (500.0, b"data: 3\r\r"),
            (750.0, b"data: cut"),
        ]
    );
    assert_eq!(mock.end.at_ms, 1000.0, "one interval after the last read");
}

#[test]
fn a_mock_answers_its_method_path_query_and_body() {
    let mut mock = Mock::from_event_stream("/v1/chat", b"", 0.0);
    assert!(mock.matches("PUT", "/v1/chat", "", b""), "any method");
    assert!(!mock.matches("GET", "/v1/chat/", "", b""));
    mock.request.method = Some("POST".into());
    mock.request.query = vec![("model".into(), "gpt 4".into())];
    mock.request.body_contains = Some("\"stream\":true".into());
    let body = br#"{"stream":true}"#;
    assert!(mock.matches("post", "/v1/chat", "a=1&model=gpt%204", body));
    assert!(mock.matches("POST", "/v1/chat", "model=gpt+4", body));
    assert!(!mock.matches("GET", "/v1/chat", "model=gpt%204", body));
    assert!(!mock.matches("POST", "/v1/chat", "model=gpt", body));
    assert!(!mock.matches("POST", "/v1/chat", "model=gpt%204", b"{}"));
}

#[test]
fn a_resumed_stream_starts_after_the_event_with_that_id_with_the_retry_before_it() {
    let stream =
        b"retry: 900\r\nid: a\r\ndata: 1\r\n\r\ndata: 2\r\n\r\nretry: 5\nid: b\ndata: 3\n\n";
    let mock = Mock::from_event_stream("/s", stream, 0.0);
    let after_a = b"retry: 900\r\nid: a\r\ndata: 1\r\n\r\n".len();
    assert_eq!(
        mock.resume_point("a"),
        Some(ResumePoint {
            offset: after_a,
            retry: Some(900)
        })
    );
    assert_eq!(
        mock.resume_point("b"),
        Some(ResumePoint {
            offset: stream.len(),
            retry: Some(5)
        })
    );
    assert_eq!(mock.resume_point("c"), None);
    assert_eq!(
        mock.event_ends(),
        [after_a, after_a + b"data: 2\r\n\r\n".len(), stream.len()]
    );
}

#[test]
fn a_mock_is_named_after_the_last_segment_of_its_path() {
    let named = |path: &str| Mock::from_event_stream(path, b"", 0.0).file_name();
    assert_eq!(
        named("/demo/ai/openai-chat-tools"),
        "openai-chat-tools.mock.json"
    );
    assert_eq!(named("/v1/chat/completions/"), "completions.mock.json");
    assert_eq!(named("/"), "root.mock.json");
    assert_eq!(named("/a b/../\u{e9}t\u{e9}"), "-t-.mock.json");
    assert_eq!(
        Mock::serve_command("x.mock.json"),
        "sse-studio mock x.mock.json"
    );
}
