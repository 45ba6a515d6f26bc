//! `sse-studio` against the demo server, run in this process on a free port: exit codes, the
//! reports, variables, and recordings the app opens.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::{Value, json};
use sse_studio_core::checks::check::Check;
use sse_studio_core::library::reopen::reopen;

/// The demo server's origin, started once for all tests.
fn origin() -> &'static str {
    static ORIGIN: OnceLock<String> = OnceLock::new();
    ORIGIN.get_or_init(|| {
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Runtime::new().expect("a runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("a free port");
                let port = listener.local_addr().expect("an address").port();
                sender.send(port).expect("the test waits");
                let app =
                    sse_studio_server::app(Path::new("/nonexistent-dist"), Default::default());
                axum::serve(listener, app).await.expect("serves");
            });
        });
        let port = receiver.recv().expect("the server starts");
        format!("http://127.0.0.1:{port}")
    })
}

fn sse_studio(args: &[&str], vars: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sse-studio"));
    command.args(args).env("NO_COLOR", "1");
    for (name, value) in vars {
        command.env(name, value);
    }
    command.output().expect("sse-studio runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let folder = std::env::temp_dir().join(format!("sse-studio-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("a scratch folder");
    folder
}

/// A collections file with one collection "Demos" holding `requests` (name, method, url, checks).
fn collections_file(folder: &Path, requests: &[(&str, &str, &str, Vec<Check>)]) -> PathBuf {
    let requests: Vec<Value> = requests
        .iter()
        .enumerate()
        .map(|(index, (name, method, url, checks))| {
            json!({
                "id": format!("r{index}"), "name": name, "method": method, "url": url,
                "headers": [{"name": "Accept", "value": "text/event-stream", "enabled": true}],
                "body": "{}", "checks": checks,
                // As the app's switch "Reconnect" off: a GET demo that ends is not resumed.
                "reconnect": {"enabled": false, "backoff": false, "max_delay_ms": 30000},
            })
        })
        .collect();
    let file = json!({
        "format": "sse-studio-collections", "version": 2,
        "collections": [{"id": "c", "name": "Demos", "requests": requests}],
    });
    let path = folder.join("collections.json");
    std::fs::write(&path, file.to_string()).expect("written");
    path
}

fn ai_checks() -> Vec<Check> {
    vec![
        Check::Status { status: 200 },
        Check::EventStream,
        Check::CleanEnd,
        Check::AnswerComplete,
        Check::FinishReason {
            reason: "tool_calls".into(),
        },
    ]
}

#[test]
fn stream_prints_each_event_then_the_close_and_stops_by_rule() {
    // All in one read, mostly: the run still stops at the third event.
    let url = format!("{}/demo/ticks?count=30&interval_ms=0", origin());
    let output = sse_studio(&["stream", &url, "--json", "--max-events", "3"], &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let lines: Vec<Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("NDJSON"))
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(
        lines[0],
        json!({"event": "tick", "data": "{\"n\":1,\"of\":30}", "id": "1"})
    );
    assert_eq!(lines[3]["end"], "stopped-by-rule");
    assert_eq!(lines[3]["reason"], "Stopped by rule: after 3 event(s)");

    let text = sse_studio(
        &[
            "stream",
            &format!("{}/demo/ticks?count=2&interval_ms=0", origin()),
        ],
        &[],
    );
    let printed = stdout(&text);
    assert!(
        printed.contains(" tick id=2 {\"n\":2,\"of\":2}"),
        "{printed}"
    );
    assert!(
        printed.ends_with("\u{2014} Closed cleanly by the server (2 event(s), ")
            || printed.contains("Closed cleanly by the server (2 event(s)")
    );
    // A refused connection ends in a network error, exit 1.
    let refused = sse_studio(&["stream", "http://127.0.0.1:9/x"], &[]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stdout(&refused).contains("Network error"),
        "{}",
        stdout(&refused)
    );
}

#[test]
fn run_passes_on_the_complete_ai_stream_and_fails_naming_the_missing_terminator() {
    let folder = scratch("ai");
    let file = collections_file(
        &folder,
        &[
            (
                "Tools",
                "POST",
                "{{host}}/demo/ai/openai-chat-tools",
                ai_checks(),
            ),
            (
                "No DONE",
                "POST",
                "{{host}}/demo/ai/openai-chat-no-done",
                vec![Check::AnswerComplete],
            ),
        ],
    );
    let file = file.to_str().expect("UTF-8");
    let host = format!("host={}", origin());
    let passing = sse_studio(&["run", file, "--var", &host, "--request", "Tools"], &[]);
    assert_eq!(
        passing.status.code(),
        Some(0),
        "{}{}",
        stdout(&passing),
        stderr(&passing)
    );
    assert!(stdout(&passing).contains("\u{2713} The AI answer is complete"));

    let junit = folder.join("report.xml");
    let junit_arg = junit.to_str().expect("UTF-8");
    let failing = sse_studio(
        &[
            "run",
            file,
            "--var",
            &host,
            "--reporter",
            "junit",
            "--out",
            junit_arg,
        ],
        &[],
    );
    assert_eq!(failing.status.code(), Some(1), "{}", stdout(&failing));
    assert!(stdout(&failing).contains("the stream ended without data: [DONE]"));
    let xml = std::fs::read_to_string(&junit).expect("a JUnit report");
    assert!(xml.contains("tests=\"2\" failures=\"1\""), "{xml}");
    assert_eq!(xml.matches("<failure ").count(), 1, "{xml}");
    assert!(xml.contains("The AI answer is complete (its terminator arrived): The answer is incomplete: the stream ended without data: [DONE]"), "{xml}");
}

#[test]
fn variables_come_from_the_environment_and_an_undefined_one_is_named_with_exit_2() {
    let folder = scratch("vars");
    let file = collections_file(
        &folder,
        &[(
            "Ticks",
            "GET",
            "{{host}}/demo/ticks?count=2&interval_ms=0",
            vec![Check::Status { status: 200 }],
        )],
    );
    let file = file.to_str().expect("UTF-8");
    let from_env = sse_studio(&["run", file], &[("SSE_STUDIO_VAR_host", origin())]);
    assert_eq!(
        from_env.status.code(),
        Some(0),
        "{}{}",
        stdout(&from_env),
        stderr(&from_env)
    );
    let undefined = sse_studio(&["run", file], &[]);
    assert_eq!(undefined.status.code(), Some(2));
    assert!(
        stderr(&undefined).contains("{{host}}"),
        "{}",
        stderr(&undefined)
    );
    let unreadable = sse_studio(&["run", "/nonexistent/collections.json"], &[]);
    assert_eq!(unreadable.status.code(), Some(2));
    assert!(stderr(&unreadable).contains("Cannot read"));
}

#[test]
fn secret_values_are_never_printed() {
    let folder = scratch("secrets");
    let file = collections_file(
        &folder,
        &[(
            "Echo",
            "GET",
            "{{host}}/demo/echo?api_key={{api_key}}",
            vec![Check::Status { status: 200 }],
        )],
    );
    let file = file.to_str().expect("UTF-8");
    let output = sse_studio(
        &[
            "run",
            file,
            "--var",
            &format!("host={}", origin()),
            "--reporter",
            "json",
        ],
        &[("SSE_STUDIO_VAR_api_key", "sk-very-secret")],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let printed = stdout(&output);
    assert!(!printed.contains("sk-very-secret"), "{printed}");
    assert!(
        printed.contains("api_key=\u{2022}\u{2022}\u{2022}"),
        "{printed}"
    );
}

#[test]
fn a_recorded_run_opens_in_the_app_as_the_same_events() {
    let folder = scratch("record");
    let file = collections_file(
        &folder,
        &[(
            "Ticks",
            "GET",
            "{{host}}/demo/ticks?count=3&interval_ms=0",
            Vec::new(),
        )],
    );
    let record = folder.join("runs");
    let output = sse_studio(
        &[
            "run",
            file.to_str().expect("UTF-8"),
            "--var",
            &format!("host={}", origin()),
            "--record",
            record.to_str().expect("UTF-8"),
        ],
        &[],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let recorded = std::fs::read(record.join("01-ticks.json")).expect("a recording");
    // What the app's "Open a stream" does with the file.
    let log = reopen(&recorded, "01-ticks.json", 1, 0.0, 0)
        .expect("an SSE Studio export")
        .expect("readable");
    assert_eq!(log.event_count(), 3);
    assert_eq!(
        log.event(2).map(|e| e.last_event_id.to_owned()),
        Some("3".into())
    );
    assert_eq!(log.closed.map(|c| c.reason.kind()), Some("clean"));
}

/// The run of `url` as the app would hold it after Send: recorded by `sse-studio run --record`
/// and opened as the app opens a session file.
fn recorded_run(folder: &Path, url: &str) -> sse_studio_core::session::log::SessionLog {
    let file = collections_file(folder, &[("Source", "POST", url, Vec::new())]);
    let record = folder.join("source-run");
    let output = sse_studio(
        &[
            "run",
            file.to_str().expect("UTF-8"),
            "--record",
            record.to_str().expect("UTF-8"),
        ],
        &[],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let bytes = std::fs::read(record.join("01-source.json")).expect("a recording");
    reopen(&bytes, "01-source.json", 1, 0.0, 0)
        .expect("an export")
        .expect("readable")
}

#[test]
fn checks_inferred_from_a_run_pass_on_a_rerun_and_fail_on_a_stream_without_its_terminator() {
    use sse_studio_core::ai::builder::AnswerBuilder;
    use sse_studio_core::checks::infer::infer;
    for sample in [
        "openai-chat-tools",
        "anthropic-thinking-tools",
        "openai-responses",
        "gemini",
    ] {
        let folder = scratch(sample);
        let url = format!("{}/demo/ai/{sample}", origin());
        let log = recorded_run(&folder, &url);
        let checks = infer(&log, AnswerBuilder::default().sync(&log));
        assert!(
            checks.contains(&Check::AnswerComplete),
            "{sample}: {checks:?}"
        );
        assert!(
            checks
                .iter()
                .any(|check| matches!(check, Check::DataSchema { .. })),
            "{sample}: {checks:?}"
        );
        let file = collections_file(&folder, &[("Saved as test", "POST", &url, checks.clone())]);
        let rerun = sse_studio(&["run", file.to_str().expect("UTF-8")], &[]);
        assert_eq!(rerun.status.code(), Some(0), "{sample}: {}", stdout(&rerun));
        if sample == "openai-chat-tools" {
            let elsewhere = format!("{}/demo/ai/openai-chat-no-done", origin());
            let file = collections_file(&folder, &[("Saved as test", "POST", &elsewhere, checks)]);
            let failing = sse_studio(&["run", file.to_str().expect("UTF-8")], &[]);
            assert_eq!(failing.status.code(), Some(1), "{}", stdout(&failing));
            assert!(stdout(&failing).contains("the stream ended without data: [DONE]"));
        }
    }
}

#[test]
fn ctrl_c_closes_the_stream_with_its_close_line_and_exit_130() {
    use std::io::{BufRead, BufReader, Read};
    let url = format!("{}/demo/ticks?count=1000&interval_ms=50", origin());
    let mut child = Command::new(env!("CARGO_BIN_EXE_sse-studio"))
        .args(["stream", &url])
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("sse-studio runs");
    let mut stdout = BufReader::new(child.stdout.take().expect("piped"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("a first event");
    assert!(first.contains(" tick id=1 "), "{first}");
    let interrupted = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(interrupted.success());
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).expect("the rest");
    let status = child.wait().expect("it ends");
    assert_eq!(status.code(), Some(130), "{rest}");
    let last = rest.lines().last().unwrap_or_default();
    assert!(last.starts_with("\u{2014} Aborted by you ("), "{rest}");
}

#[test]
fn the_mcp_templates_run_in_order_chained_through_the_captured_session_id() {
    use sse_studio_core::checks::check::Which;
    use sse_studio_core::library::collection::SavedRequest;
    use sse_studio_core::request::template::{Group, TEMPLATES};

    let folder = scratch("mcp");
    // initialize (captures Mcp-Session-Id), notifications/initialized, tools/list, tools/call
    // (twice, the second dropped and resumed): all but the first are refused without the
    // captured session (rmcp answers 400/404).
    let mut requests = Vec::new();
    for (index, template) in TEMPLATES
        .iter()
        .filter(|template| template.group == Group::Mcp)
        .take(4)
        .enumerate()
    {
        let mut draft = template.draft(origin());
        draft.checks = vec![Check::Status {
            status: if index == 1 { 202 } else { 200 },
        }];
        if index == 3 {
            draft.checks.push(Check::DataContains {
                event_type: None,
                text: "°C tomorrow at latitude 48.8".into(),
                which: Which::Some,
            });
        }
        let request = SavedRequest::from_draft(format!("r{index}"), template.label.into(), &draft);
        requests.push(serde_json::to_value(&request).expect("JSON"));
        if index == 3 {
            // The same call with its stream reset after the priming event and one progress
            // notification: resumed with a GET and Last-Event-ID, it still gets its answer.
            draft.url.push_str("?drop_after=2");
            // Slow enough to be resumed (after the demo's retry, 3 s) before it answers.
            draft.body = draft.body.replace(
                "\"latitude\": 48.8",
                "\"latitude\": 48.8, \"step_ms\": 2500",
            );
            let request = SavedRequest::from_draft("r9".into(), "dropped".into(), &draft);
            requests.push(serde_json::to_value(&request).expect("JSON"));
        }
    }
    let file = json!({
        "format": "sse-studio-collections", "version": 2,
        "collections": [{"id": "c", "name": "MCP", "requests": requests}],
    });
    let path = folder.join("collections.json");
    std::fs::write(&path, file.to_string()).expect("written");
    let record = folder.join("runs");
    let output = sse_studio(
        &[
            "run",
            path.to_str().expect("UTF-8"),
            "--record",
            record.to_str().expect("UTF-8"),
        ],
        &[],
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}{}",
        stdout(&output),
        stderr(&output)
    );
    assert!(stdout(&output).contains("5 passed"), "{}", stdout(&output));
    // The dropped call: one resumption from the last event it had, then done once answered.
    let recorded = std::fs::read(record.join("05-dropped.json")).expect("a recording");
    let log = reopen(&recorded, "05-dropped.json", 1, 0.0, 0)
        .expect("an export")
        .expect("readable");
    let [first, second] = log.connections() else {
        panic!("two connections: {:?}", log.connections());
    };
    assert_eq!(first.last_event_id, "");
    let last_had = log.event(second.first_event - 1).map(|e| e.last_event_id);
    assert_eq!(Some(second.last_event_id.as_str()), last_had);
    assert_eq!(second.first_event, 2, "the priming event and one progress");
    assert_eq!(log.closed.map(|c| c.reason.kind()), Some("clean"));
}

#[test]
fn run_reads_a_stream_by_the_request_s_own_rule_as_the_app_does() {
    let folder = scratch("rule");
    let request = |name: &str, reading: Value| {
        json!({
            "id": name, "name": name, "method": "GET",
            "url": "{{host}}/demo/flood?count=50&size=100&format=ndjson",
            "headers": [], "reading": reading,
            "checks": [Check::AnswerComplete, Check::FinishReason { reason: "length".into() }],
        })
    };
    let file = json!({
        "format": "sse-studio-collections", "version": 2,
        "collections": [{"id": "c", "name": "Rules", "requests": [
            request("With", json!({"record_type": "$.kind", "text": "$.text", "finish": "$.stop"})),
            request("Without", json!({})),
        ]}],
    });
    let path = folder.join("collections.json");
    std::fs::write(&path, file.to_string()).expect("written");
    let file = path.to_str().expect("UTF-8");
    let host = format!("host={}", origin());
    let with = sse_studio(&["run", file, "--var", &host, "--request", "With"], &[]);
    assert_eq!(
        with.status.code(),
        Some(0),
        "{}{}",
        stdout(&with),
        stderr(&with)
    );
    let without = sse_studio(&["run", file, "--var", &host, "--request", "Without"], &[]);
    assert_eq!(without.status.code(), Some(1), "{}", stdout(&without));
}

#[test]
fn stream_prints_the_answer_its_events_add_up_to_as_the_app_assembles_it() {
    let url = format!("{}/demo/ai/ollama-chat?delay_ms=0", origin());
    let text = sse_studio(&["stream", &url, "--answer"], &[]);
    assert_eq!(text.status.code(), Some(0), "{}", stderr(&text));
    let printed = stdout(&text);
    let answer = printed
        .split_once("\u{2014} Answer: ")
        .map(|(_, answer)| answer)
        .unwrap_or_else(|| panic!("no answer in {printed}"));
    assert!(
        answer.starts_with("Ollama (qwen3), complete\n> The user asks about SSE. Keep it short.\n"),
        "{answer}"
    );
    assert!(
        answer.contains("\nServer-sent events push text over HTTP.\n"),
        "{answer}"
    );
    assert!(
        answer.contains("Tool call get_weather:\n{\n  \"city\": \"Paris\""),
        "{answer}"
    );
    assert!(
        answer.contains("Finish reason: stop \u{b7} Tokens: 26 input \u{b7} 282 output"),
        "{answer}"
    );
    // The close line still comes last.
    assert!(
        answer.contains("\n\u{2014} Closed cleanly by the server"),
        "{answer}"
    );

    // Without the terminator the answer says it is incomplete, in JSON too.
    let cut = format!("{}/demo/ai/ollama-chat?delay_ms=0&skip=7", origin());
    let json = sse_studio(&["stream", &cut, "--answer", "--json"], &[]);
    let lines: Vec<Value> = stdout(&json)
        .lines()
        .map(|line| serde_json::from_str(line).expect("NDJSON"))
        .collect();
    let answer = &lines[lines.len() - 2]["answer"];
    assert_eq!(answer["dialect"], "Ollama");
    assert_eq!(answer["status"], "incomplete");
    assert_eq!(answer["tool_calls"][0]["name"], "get_weather");
    assert_eq!(lines[lines.len() - 1]["end"], "clean");

    // A tool's result, when the stream carries it, comes with its call.
    let agent = format!("{}/demo/ai/ag-ui?delay_ms=0", origin());
    let json = stdout(&sse_studio(&["stream", &agent, "--answer", "--json"], &[]));
    let answer = json
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .find_map(|line| line.get("answer").cloned())
        .unwrap_or_else(|| panic!("no answer in {json}"));
    assert_eq!(answer["tool_calls"][0]["result"], "3 flights found");

    // A stream in no AI dialect says why there is no answer.
    let ticks = format!("{}/demo/ticks?count=1&interval_ms=0", origin());
    let none = stdout(&sse_studio(&["stream", &ticks, "--answer"], &[]));
    assert!(
        none.contains("\u{2014} No answer: The stream is not in an AI format"),
        "{none}"
    );
}

#[test]
fn stream_reads_records_by_the_flags_as_the_app_reads_them_by_its_settings() {
    let url = format!("{}/demo/flood?count=150&size=50&format=ndjson", origin());
    let rule = [
        "--record-type",
        "$.kind",
        "--rule-text",
        "$.text",
        "--rule-finish",
        "$.stop",
    ];
    let output = sse_studio(
        &[&["stream", &url, "--json", "--answer"][..], &rule[..]].concat(),
        &[],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let lines: Vec<Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("NDJSON"))
        .collect();
    let types: Vec<&str> = lines[..150]
        .iter()
        .map(|line| line["event"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(types[0], "delta");
    assert_eq!(types[99], "heartbeat");
    assert_eq!(types[149], "end");
    let answer = &lines[150]["answer"];
    assert_eq!(answer["dialect"], "Your rule");
    assert_eq!(answer["status"], "complete");
    assert_eq!(answer["finish_reason"], "length");

    // --until stops at the first record of that type, as the app's stop rule does.
    let until = sse_studio(
        &[
            "stream",
            &url,
            "--json",
            "--record-type",
            "$.kind",
            "--until",
            "heartbeat",
        ],
        &[],
    );
    assert_eq!(stdout(&until).lines().count(), 101, "{}", stdout(&until));

    // A path that is not one is refused before anything is sent, naming the flag.
    let wrong = sse_studio(&["stream", &url, "--rule-text", "text"], &[]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        stderr(&wrong).contains("--rule-text text: not a JSON path"),
        "{}",
        stderr(&wrong)
    );
    // The rule's other paths need its text path.
    let alone = sse_studio(&["stream", &url, "--rule-finish", "$.stop"], &[]);
    assert_eq!(alone.status.code(), Some(2), "{}", stderr(&alone));
    assert!(
        stderr(&alone).contains("--rule-finish needs --rule-text"),
        "{}",
        stderr(&alone)
    );
}
