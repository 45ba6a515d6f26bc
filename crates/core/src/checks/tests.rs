//! Every check kind, passing and failing, on streams fed through the decoder as the app and the
//! CLI feed them; and the verdicts the same however the stream is cut into chunks.

use serde_json::json;

use super::check::{Check, Measure, TextTest, ValueTest, Which};
use super::check_run::{CheckRun, Matchers, Verdict};
use super::event_ids::own_id;
use super::form::{CHECK_KINDS, CheckForm, Field, STOP_RULE_KINDS, stop_rule};
use super::infer::{infer, merge};
use super::live::LiveChecks;
use super::stop_rule::{StopRule, due, met_by_events, met_by_last_event, next_deadline};
use crate::ai::builder::AnswerBuilder;
use crate::session::close_reason::CloseReason;
use crate::session::connection_run::ConnectionRun;
use crate::session::log::SessionLog;

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!("../../../server/fixtures/ai/", $name, ".sse"))
    };
}

const EVENT_STREAM: &str = "text/event-stream";

/// A run of `chunks` (bytes, ms since the request start) answered with `status` and
/// `content_type` at 5 ms, ended at `end_ms` (by the server, unless `stopped` names a rule).
struct Run<'a> {
    status: u16,
    content_type: &'a str,
    chunks: Vec<(&'a str, f64)>,
    end_ms: f64,
    stopped: Option<&'a str>,
}

impl<'a> Run<'a> {
    fn of(stream: &'a str) -> Self {
        Self {
            status: 200,
            content_type: EVENT_STREAM,
            chunks: vec![(stream, 10.0)],
            end_ms: 100.0,
            stopped: None,
        }
    }

    fn log(&self) -> SessionLog {
        let mut log = SessionLog::new(1, "GET http://h/".into(), 0.0, 0);
        log.begin_connection(0.0, None, "");
        let mut run = ConnectionRun::new();
        let headers = vec![("content-type".to_owned(), self.content_type.to_owned())];
        run.opened(&mut log, self.status, "OK".into(), headers, 5.0);
        for (bytes, at_ms) in &self.chunks {
            run.chunk(&mut log, bytes.as_bytes(), *at_ms);
        }
        match self.stopped {
            Some(rule) => log.close(
                CloseReason::StoppedByRule { rule: rule.into() },
                self.end_ms,
            ),
            None => {
                run.ended(&mut log, self.end_ms);
                log.close_as_last_connection_ended();
            }
        }
        log
    }

    /// The verdicts of `checks` on this run, checked incrementally after each chunk.
    fn verdicts(&self, checks: Vec<Check>) -> Vec<Verdict> {
        verdicts_of(&self.log(), checks, Some(Box::new(Fake::default())))
    }
}

fn verdicts_of(
    log: &SessionLog,
    checks: Vec<Check>,
    matchers: Option<Box<dyn Matchers>>,
) -> Vec<Verdict> {
    let mut run = CheckRun::new(checks, matchers);
    run.finish(log);
    run.verdicts().map(|(_, verdict)| verdict.clone()).collect()
}

fn one(run: &Run<'_>, check: Check) -> Verdict {
    run.verdicts(vec![check]).remove(0)
}

#[track_caller]
fn assert_failed(verdict: &Verdict, says: &str, at: Option<usize>) {
    match verdict {
        Verdict::Failed { reason, event } => {
            assert!(reason.contains(says), "{reason:?} does not say {says:?}");
            assert_eq!(*event, at, "{reason}");
        }
        other => panic!("expected a failure saying {says:?}, got {other:?}"),
    }
}

#[track_caller]
fn assert_not_reached(verdict: &Verdict, says: &str) {
    match verdict {
        Verdict::NotReached { reason } => assert!(reason.contains(says), "{reason:?}"),
        other => panic!("expected not reached ({says:?}), got {other:?}"),
    }
}

/// A log of an event stream still open: head at 10 ms, then `chunks` (bytes, ms).
fn open_log(chunks: &[(&str, f64)]) -> SessionLog {
    let mut log = SessionLog::new(1, "GET http://h/".into(), 0.0, 0);
    log.begin_connection(0.0, None, "");
    let mut run = ConnectionRun::new();
    let headers = vec![("content-type".to_owned(), EVENT_STREAM.to_owned())];
    run.opened(&mut log, 200, "OK".into(), headers, 10.0);
    for (body, at_ms) in chunks {
        run.chunk(&mut log, body.as_bytes(), *at_ms);
    }
    log
}

const TICKS: &str = "id: 1\nevent: tick\ndata: {\"n\":1}\n\nid: 2\nevent: tick\ndata: {\"n\":2}\n\n\
                     id: 3\nevent: done\ndata: {\"n\":3,\"ok\":true}\n\n";

#[test]
fn status_and_event_stream() {
    let ok = Run::of(TICKS);
    assert_eq!(one(&ok, Check::Status { status: 200 }), Verdict::Passed);
    assert_failed(
        &one(&ok, Check::Status { status: 201 }),
        "200 OK, not 201",
        None,
    );
    assert_eq!(one(&ok, Check::EventStream), Verdict::Passed);
    let text = Run {
        content_type: "text/plain",
        ..Run::of(TICKS)
    };
    assert_failed(
        &one(&text, Check::EventStream),
        "\u{201c}text/plain\u{201d}",
        None,
    );
}

#[test]
fn a_clean_end_is_a_server_end_at_an_event_boundary_or_a_stop_rule() {
    assert_eq!(one(&Run::of(TICKS), Check::CleanEnd), Verdict::Passed);
    let stopped = Run {
        stopped: Some("after 2 event(s)"),
        ..Run::of(TICKS)
    };
    assert_eq!(one(&stopped, Check::CleanEnd), Verdict::Passed);
    assert_failed(
        &one(&Run::of("data: cut"), Check::CleanEnd),
        "Truncated",
        None,
    );
}

#[test]
fn event_counts_within_a_range_of_one_type_or_all() {
    let run = Run::of(TICKS);
    let count = |event_type: Option<&str>, min, max| Check::EventCount {
        event_type: event_type.map(Into::into),
        min,
        max,
    };
    assert_eq!(one(&run, count(None, Some(3), Some(3))), Verdict::Passed);
    assert_eq!(
        one(&run, count(Some("tick"), Some(2), None)),
        Verdict::Passed
    );
    assert_failed(
        &one(&run, count(Some("tick"), Some(3), None)),
        "2 \u{201c}tick\u{201d} event(s) arrived, fewer than 3",
        None,
    );
    // Failed at the event that went over, which the result links to.
    assert_failed(
        &one(&run, count(None, None, Some(2))),
        "Event #3 is one more than the 2 allowed",
        Some(2),
    );
}

#[test]
fn types_in_order_and_types_only() {
    let run = Run::of(TICKS);
    let order = |types: &[&str]| Check::TypesInOrder {
        types: types.iter().map(|t| (*t).into()).collect(),
    };
    assert_eq!(one(&run, order(&["tick", "done"])), Verdict::Passed);
    assert_eq!(one(&run, order(&["tick", "tick", "done"])), Verdict::Passed);
    assert_failed(
        &one(&run, order(&["done", "tick"])),
        "No \u{201c}tick\u{201d} event after the \u{201c}done\u{201d} one",
        None,
    );
    assert_failed(
        &one(&run, order(&["start"])),
        "No \u{201c}start\u{201d} event arrived",
        None,
    );
    let only = |types: &[&str]| Check::TypesOnly {
        types: types.iter().map(|t| (*t).into()).collect(),
    };
    assert_eq!(one(&run, only(&["tick", "done"])), Verdict::Passed);
    assert_failed(
        &one(&run, only(&["tick"])),
        "Event #3 has type \u{201c}done\u{201d}",
        Some(2),
    );
}

#[test]
fn ids_never_repeat_and_numeric_ids_increase() {
    assert_eq!(one(&Run::of(TICKS), Check::UniqueIds), Verdict::Passed);
    let repeated = Run::of("id: a\ndata: 1\n\nid: b\ndata: 2\n\nid: a\ndata: 3\n\n");
    assert_failed(
        &one(&repeated, Check::UniqueIds),
        "Event #3 repeats id \u{201c}a\u{201d} of event #1",
        Some(2),
    );
    let decreasing = Run::of("id: 5\ndata: 1\n\nid: 4\ndata: 2\n\n");
    assert_failed(
        &one(&decreasing, Check::UniqueIds),
        "id 4 does not increase",
        Some(1),
    );
    // An event without its own id keeps the last one: not a repeat.
    let kept = Run::of("id: 1\ndata: 1\n\ndata: 2\n\nid: 2\ndata: 3\n\n");
    assert_eq!(one(&kept, Check::UniqueIds), Verdict::Passed);
    // The same id sent twice in a row is a repeat.
    let twice = Run::of("id: 1\ndata: 1\n\nid: 1\ndata: 2\n\n");
    assert_failed(&one(&twice, Check::UniqueIds), "repeats id", Some(1));
    assert_not_reached(
        &one(&Run::of("data: x\n\n"), Check::UniqueIds),
        "No event carried an id",
    );
}

#[test]
fn ids_repeated_by_a_reconnection_that_starts_over_fail() {
    let mut log = SessionLog::new(1, "GET http://h/".into(), 0.0, 0);
    let headers = || vec![("content-type".to_owned(), EVENT_STREAM.to_owned())];
    log.begin_connection(0.0, None, "");
    let mut first = ConnectionRun::new();
    first.opened(&mut log, 200, "OK".into(), headers(), 5.0);
    first.chunk(&mut log, b"id: 1\ndata: a\n\nid: 2\ndata: b\n\n", 10.0);
    let ending = first.ended(&mut log, 20.0);
    log.begin_connection(30.0, Some(10.0), &ending.last_event_id);
    let mut second = ConnectionRun::resuming(&ending.last_event_id);
    second.opened(&mut log, 200, "OK".into(), headers(), 35.0);
    second.chunk(&mut log, b"id: 1\ndata: a\n\n", 40.0);
    second.ended(&mut log, 50.0);
    log.close_as_last_connection_ended();
    let verdicts = verdicts_of(&log, vec![Check::UniqueIds], None);
    assert_failed(
        &verdicts[0],
        "Event #3 repeats id \u{201c}1\u{201d} of event #1",
        Some(2),
    );
}

#[test]
fn data_is_json_of_every_event_of_a_type() {
    let run = Run::of("event: a\ndata: {}\n\nevent: b\ndata: not json\n\n");
    let json = |t: Option<&str>| Check::DataIsJson {
        event_type: t.map(Into::into),
    };
    assert_eq!(one(&run, json(Some("a"))), Verdict::Passed);
    assert_failed(
        &one(&run, json(None)),
        "Event #2's data is not JSON",
        Some(1),
    );
    assert_not_reached(
        &one(&run, json(Some("c"))),
        "No \u{201c}c\u{201d} event arrived",
    );
}

#[test]
fn a_value_at_a_json_path_equals_contains_or_matches() {
    let run = Run::of(TICKS);
    let path = |path: &str, test: ValueTest, which: Which| Check::DataPath {
        event_type: None,
        path: path.into(),
        test,
        which,
    };
    let equals = |value| ValueTest::Equals { value };
    assert_eq!(
        one(&run, path("$.n", equals(json!(3)), Which::Some)),
        Verdict::Passed
    );
    assert_failed(
        &one(&run, path("$.n", equals(json!(3)), Which::Every)),
        "Event #1: $.n is 1, which does not equal 3",
        Some(0),
    );
    assert_failed(
        &one(&run, path("$.ok", equals(json!(true)), Which::Every)),
        "Event #1: no value at $.ok",
        Some(0),
    );
    assert_failed(
        &one(&run, path("$.n", equals(json!(9)), Which::Some)),
        "No event met it",
        None,
    );
    let matches = ValueTest::Matches { regex: "3".into() };
    assert_eq!(
        one(&run, path("$.n", matches, Which::Some)),
        Verdict::Passed
    );
    let contains = ValueTest::Contains { text: "tr".into() };
    assert_eq!(
        one(&run, path("$.ok", contains, Which::Some)),
        Verdict::Passed
    );
    // A check that cannot work says so at once.
    let broken = one(&run, path("$[", equals(json!(1)), Which::Some));
    assert_failed(
        &broken,
        "The JSON path $[ is not valid: expected $.name",
        None,
    );
    let bad_regex = one(
        &run,
        path("$.n", ValueTest::Matches { regex: "(".into() }, Which::Some),
    );
    assert_failed(&bad_regex, "The regular expression /(/ is not valid", None);
}

#[test]
fn data_contains_a_text_in_every_or_some_event() {
    let run = Run::of(TICKS);
    let contains = |text: &str, which| Check::DataContains {
        event_type: Some("tick".into()),
        text: text.into(),
        which,
    };
    assert_eq!(one(&run, contains("\"n\"", Which::Every)), Verdict::Passed);
    assert_failed(
        &one(&run, contains(":1", Which::Every)),
        "Event #2: its data does not contain \u{201c}:1\u{201d}",
        Some(1),
    );
    assert_eq!(one(&run, contains(":2", Which::Some)), Verdict::Passed);
}

#[test]
fn timing_budgets() {
    let run = Run {
        chunks: vec![("data: a\n\n", 10.0), ("data: b\n\n", 400.0)],
        end_ms: 500.0,
        ..Run::of("")
    };
    let within = |measure, max_ms| one(&run, Check::Timing { measure, max_ms });
    assert_eq!(within(Measure::Headers, 5), Verdict::Passed);
    assert_failed(
        &within(Measure::Headers, 4),
        "The response head came after 5.00 ms",
        None,
    );
    assert_eq!(within(Measure::FirstEvent, 10), Verdict::Passed);
    assert_failed(
        &within(Measure::FirstEvent, 9),
        "The first event came after 10 ms",
        Some(0),
    );
    assert_eq!(within(Measure::LargestGap, 390), Verdict::Passed);
    assert_failed(
        &within(Measure::LargestGap, 100),
        "Event #2 came after a gap of 390 ms",
        Some(1),
    );
    assert_eq!(within(Measure::Duration, 500), Verdict::Passed);
    assert_failed(&within(Measure::Duration, 499), "The run took 500 ms", None);
}

#[test]
fn ai_answer_checks_on_a_complete_tool_call_stream() {
    let run = Run::of(fixture!("openai-chat-tools"));
    let verdicts = run.verdicts(vec![
        Check::AnswerComplete,
        Check::ToolCall {
            name: "get_weather".into(),
            schema: None,
        },
        Check::FinishReason {
            reason: "tool_calls".into(),
        },
        Check::FirstToken { max_ms: 10 },
        Check::UsagePresent,
    ]);
    assert!(
        verdicts.iter().all(|v| *v == Verdict::Passed),
        "{verdicts:?}"
    );
    let more = run.verdicts(vec![
        Check::ToolCall {
            name: "send_email".into(),
            schema: None,
        },
        Check::FinishReason {
            reason: "stop".into(),
        },
        Check::FirstToken { max_ms: 9 },
    ]);
    assert_failed(
        &more[0],
        "No call of tool \u{201c}send_email\u{201d}; called: get_weather",
        None,
    );
    assert_failed(
        &more[1],
        "The finish reason is \u{201c}tool_calls\u{201d}, not \u{201c}stop\u{201d}",
        None,
    );
    assert_failed(&more[2], "The first token came after 10 ms", None);
}

#[test]
fn an_ai_answer_without_its_terminator_is_incomplete() {
    let run = Run::of(fixture!("openai-chat-no-done"));
    let verdicts = run.verdicts(vec![
        Check::AnswerComplete,
        Check::AnswerText {
            test: TextTest::Contains {
                text: "there! \u{1f44b}".into(),
            },
        },
        Check::AnswerText {
            test: TextTest::Matches {
                regex: "^Bonjour".into(),
            },
        },
    ]);
    assert_failed(&verdicts[0], "the stream ended without data: [DONE]", None);
    assert_failed(
        &one(&run, Check::UsagePresent),
        "The stream reported no token usage",
        None,
    );
    assert_eq!(verdicts[1], Verdict::Passed);
    assert_failed(
        &verdicts[2],
        "The answer's text does not match /^Bonjour/",
        None,
    );
    // Not an AI stream at all.
    assert_not_reached(
        &one(&Run::of(TICKS), Check::AnswerComplete),
        "not in an AI format",
    );
}

#[test]
fn an_ai_stream_out_of_protocol_order_fails_at_its_first_break() {
    let sample = fixture!("anthropic-thinking-tools");
    assert_eq!(one(&Run::of(sample), Check::AnswerInOrder), Verdict::Passed);
    // Block 1's stop (the 11th event) left out, as `/demo/ai/…?skip=11` sends it.
    let cut: String = sample
        .split_inclusive("\n\n")
        .enumerate()
        .filter(|(n, _)| *n != 10)
        .map(|(_, block)| block)
        .collect();
    assert_failed(
        &one(&Run::of(&cut), Check::AnswerInOrder),
        "Content block 1 (started at event #7) was not stopped before content_block_start of block 2 at event #11",
        Some(10),
    );
    assert_not_reached(
        &one(&Run::of(TICKS), Check::AnswerInOrder),
        "not in an AI format",
    );
}

/// A stand-in for the front end's matchers (the real ones, in `sse-studio-matchers`, have their
/// own tests): schemas `{"required": [name]}`, paths `$.name`, and "regexes" that match where
/// their text is contained (`(` alone is invalid).
#[derive(Default)]
struct Fake {
    compiled: Vec<String>,
}

impl Fake {
    fn keep(&mut self, what: &str) -> usize {
        self.compiled.push(what.to_owned());
        self.compiled.len() - 1
    }

    fn get(&self, handle: usize) -> &str {
        self.compiled.get(handle).map_or("", String::as_str)
    }
}

impl Matchers for Fake {
    fn compile_schema(&mut self, schema: &serde_json::Value) -> Result<usize, String> {
        let required = schema["required"][0]
            .as_str()
            .ok_or_else(|| "no required field".to_owned())?;
        Ok(self.keep(required))
    }

    fn validate(&self, schema: usize, value: &serde_json::Value) -> Result<(), String> {
        let field = self.get(schema);
        match value.get(field) {
            Some(_) => Ok(()),
            None => Err(format!("at \"\": \"{field}\" is required")),
        }
    }

    fn compile_path(&mut self, path: &str) -> Result<usize, String> {
        let field = path
            .strip_prefix("$.")
            .ok_or_else(|| "expected $.name".to_owned())?;
        Ok(self.keep(field))
    }

    fn query(&self, path: usize, value: &serde_json::Value) -> Vec<serde_json::Value> {
        value.get(self.get(path)).cloned().into_iter().collect()
    }

    fn compile_regex(&mut self, regex: &str) -> Result<usize, String> {
        if regex == "(" {
            return Err("unclosed group".into());
        }
        Ok(self.keep(regex))
    }

    fn is_match(&self, regex: usize, text: &str) -> bool {
        text.contains(self.get(regex))
    }
}

#[test]
fn json_schema_checks_use_the_front_ends_validator_or_are_not_reached_without_one() {
    let log = Run::of(TICKS).log();
    let schema = |event_type: &str| Check::DataSchema {
        event_type: Some(event_type.into()),
        schema: json!({"required": ["ok"]}),
        json_only: false,
    };
    let with = |check| verdicts_of(&log, vec![check], Some(Box::new(Fake::default()))).remove(0);
    assert_eq!(with(schema("done")), Verdict::Passed);
    assert_failed(
        &with(schema("tick")),
        "Event #1's data does not match the schema: at \"\": \"ok\" is required",
        Some(0),
    );
    let bad = Check::DataSchema {
        event_type: None,
        schema: json!({}),
        json_only: false,
    };
    assert_failed(
        &with(bad),
        "The JSON Schema is not valid: no required field",
        None,
    );
    // Without matchers (the app before their module is loaded), as with a path or a regex.
    let without = verdicts_of(&log, vec![schema("done")], None).remove(0);
    assert_not_reached(&without, "which is not loaded");
}

#[test]
fn verdicts_do_not_depend_on_where_the_stream_was_cut() {
    let checks = || {
        vec![
            Check::EventCount {
                event_type: None,
                min: Some(3),
                max: Some(3),
            },
            Check::TypesInOrder {
                types: vec!["tick".into(), "done".into()],
            },
            Check::UniqueIds,
            Check::DataIsJson { event_type: None },
            Check::DataPath {
                event_type: Some("done".into()),
                path: "$.ok".into(),
                test: ValueTest::Equals { value: json!(true) },
                which: Which::Every,
            },
        ]
    };
    for cut in 0..=TICKS.len() {
        let (head, tail) = TICKS.split_at(cut);
        let run = Run {
            chunks: vec![(head, 10.0), (tail, 10.0)],
            ..Run::of("")
        };
        // Checked incrementally: once after each chunk, then at the end.
        let log = run.log();
        let mut checks_run = CheckRun::new(checks(), Some(Box::new(Fake::default())));
        let mut partial = SessionLog::new(1, "GET http://h/".into(), 0.0, 0);
        partial.begin_connection(0.0, None, "");
        let mut connection = ConnectionRun::new();
        let headers = vec![("content-type".to_owned(), EVENT_STREAM.to_owned())];
        connection.opened(&mut partial, 200, "OK".into(), headers, 5.0);
        for piece in [head, tail] {
            connection.chunk(&mut partial, piece.as_bytes(), 10.0);
            checks_run.sync(&partial);
        }
        connection.ended(&mut partial, 100.0);
        partial.close_as_last_connection_ended();
        checks_run.finish(&partial);
        assert!(checks_run.all_passed(), "cut at {cut}: {checks_run:?}");
        assert_eq!(
            verdicts_of(&log, checks(), Some(Box::new(Fake::default()))),
            vec![Verdict::Passed; 5]
        );
    }
}

#[test]
fn an_event_sets_an_id_only_with_its_own_id_field() {
    let log = open_log(&[(
        "id: 1\ndata: a\n\ndata: b\n\nid: 1\ndata: c\n\nid\ndata: d\n\n",
        20.0,
    )]);
    let ids: Vec<_> = (0..4).map(|index| own_id(&log, index)).collect();
    assert_eq!(
        ids,
        [
            Some("1".into()),
            None,
            Some("1".into()),
            Some(String::new())
        ]
    );
}

#[test]
fn event_rules_stop_at_the_event_that_meets_them() {
    let log = open_log(&[("data: a\n\nevent: done\ndata: [DONE]\n\n", 20.0)]);
    let rule = |rule: StopRule| met_by_events(&[rule], &log, 0);
    assert_eq!(
        rule(StopRule::AfterEvents { count: 2 }).as_deref(),
        Some("after 2 event(s)")
    );
    assert_eq!(rule(StopRule::AfterEvents { count: 3 }), None);
    assert_eq!(
        rule(StopRule::OnType {
            event_type: "done".into()
        })
        .as_deref(),
        Some("on a \u{201c}done\u{201d} event")
    );
    assert!(
        rule(StopRule::OnData {
            text: "[DONE]".into()
        })
        .is_some()
    );
    assert_eq!(
        rule(StopRule::OnData {
            text: "nope".into()
        }),
        None
    );
    // Only events not looked at yet.
    assert_eq!(
        met_by_events(
            &[StopRule::OnType {
                event_type: "message".into()
            }],
            &log,
            1
        ),
        None
    );
}

#[test]
fn time_rules_are_due_at_their_deadline_and_an_event_moves_the_idle_one() {
    let rules = [
        StopRule::AfterMs { ms: 5000 },
        StopRule::IdleMs { ms: 1000 },
    ];
    let quiet = open_log(&[]);
    // From the response head (10 ms) until the first event.
    assert_eq!(next_deadline(&rules, &quiet).map(|d| d.0), Some(1010.0));
    assert_eq!(due(&rules, &quiet, 1009.0), None);
    assert_eq!(
        due(&rules, &quiet, 1010.0).as_deref(),
        Some("after 1 s without an event")
    );
    let busy = open_log(&[("data: a\n\n", 4500.0)]);
    assert_eq!(due(&rules, &busy, 5000.0).as_deref(), Some("after 5 s"));
    assert_eq!(due(&rules, &busy, 4999.0), None);
    assert_eq!(
        next_deadline(&[StopRule::AfterEvents { count: 1 }], &busy),
        None
    );
}

#[test]
fn save_as_test_infers_status_types_a_schema_per_type_and_timing_with_headroom() {
    let run = Run {
        chunks: vec![(TICKS, 10.0)],
        end_ms: 100.0,
        ..Run::of("")
    };
    let checks = infer(&run.log(), None);
    assert_eq!(
        checks,
        vec![
            Check::Status { status: 200 },
            Check::EventStream,
            Check::CleanEnd,
            Check::TypesInOrder {
                types: vec!["tick".into(), "done".into()]
            },
            Check::DataSchema {
                event_type: Some("tick".into()),
                schema: json!({"type": "object", "required": ["n"], "properties": {"n": {"type": "integer"}}}),
                json_only: false,
            },
            Check::DataSchema {
                event_type: Some("done".into()),
                schema: json!({"type": "object", "required": ["n", "ok"],
                    "properties": {"n": {"type": "integer"}, "ok": {"type": "boolean"}}}),
                json_only: false,
            },
            Check::Timing {
                measure: Measure::FirstEvent,
                max_ms: 1010
            },
            // All three came in one chunk: a gap of 0, and 1 s of headroom.
            Check::Timing {
                measure: Measure::LargestGap,
                max_ms: 1000
            },
            Check::Timing {
                measure: Measure::Duration,
                max_ms: 1100
            },
        ]
    );
    // Every one of them passes on the run (the schemas with the CLI's validator: its tests).
    let verdicts = verdicts_of(&run.log(), checks, None);
    assert!(
        verdicts
            .iter()
            .all(|v| matches!(v, Verdict::Passed | Verdict::NotReached { .. })),
        "{verdicts:?}"
    );
}

#[test]
fn save_as_test_keeps_fields_of_every_event_and_types_seen_and_leaves_non_json_data_out() {
    let run = Run::of(
        "data: {\"a\":1,\"b\":\"x\"}\n\ndata: {\"a\":1.5}\n\ndata: [DONE]\n\n\
         event: n\ndata: 1\n\nevent: n\ndata: null\n\n",
    );
    let checks = infer(&run.log(), None);
    let schemas: Vec<_> = checks
        .iter()
        .filter_map(|check| match check {
            Check::DataSchema {
                event_type,
                schema,
                json_only,
            } => Some((event_type.clone(), schema.clone(), *json_only)),
            _ => None,
        })
        .collect();
    // "message" has a non-JSON event: its schema is for the JSON ones, with the field every
    // one of them has; "n" holds an integer or null.
    assert_eq!(
        schemas,
        vec![
            (
                Some("message".into()),
                json!({"type": "object", "required": ["a"], "properties": {"a": {"type": "number"}}}),
                true
            ),
            (
                Some("n".into()),
                json!({"type": ["integer", "null"]}),
                false
            )
        ]
    );
    // Alternating types are listed once each, in order of first appearance, when long.
    let alternating: String = (0..10)
        .map(|_| "event: tick\ndata: 1\n\nevent: ping\ndata: 1\n\n")
        .collect();
    let checks = infer(&Run::of(&alternating).log(), None);
    assert!(checks.contains(&Check::TypesInOrder {
        types: vec!["tick".into(), "ping".into()]
    }));
}

#[test]
fn every_kind_the_add_form_offers_builds_the_check_saved_under_that_kind() {
    for (kind, _, fields) in CHECK_KINDS {
        let mut form = CheckForm {
            kind: kind.into(),
            ..CheckForm::default()
        };
        for field in fields {
            match field {
                Field::EventType => form.event_type = "tick".into(),
                Field::Number | Field::Range => form.number = "200".into(),
                Field::Types => form.types = "start, end".into(),
                Field::Path => form.path = "$.n".into(),
                Field::Op | Field::TextOp | Field::Which | Field::Measure => {}
                Field::Text => form.text = "x".into(),
                Field::Ms => form.ms = "500".into(),
                Field::Schema => form.schema = "{\"type\": \"object\"}".into(),
                Field::Name => form.name = "get_weather".into(),
            }
        }
        let check = form
            .build()
            .unwrap_or_else(|error| panic!("{kind}: {error}"));
        let saved = serde_json::to_value(&check).expect("serialisable");
        assert_eq!(saved["kind"], kind, "{check:?}");
    }
    let form = |kind: &str, number: &str, types: &str| CheckForm {
        kind: kind.into(),
        number: number.into(),
        types: types.into(),
        ..CheckForm::default()
    };
    assert_eq!(
        form("status", "ok", "").build(),
        Err("The status: write a whole number, e.g. 200.".into())
    );
    assert!(form("types-in-order", "", " , ").build().is_err());
    assert_eq!(
        form("types-in-order", "", "a, b").build(),
        Ok(Check::TypesInOrder {
            types: vec!["a".into(), "b".into()]
        })
    );
}

#[test]
fn every_stop_rule_the_add_form_offers_builds_the_rule_saved_under_that_kind() {
    for (kind, _, _) in STOP_RULE_KINDS {
        let value = if kind.starts_with("on-") {
            "done"
        } else {
            "2.5"
        };
        let value = if kind == "after-events" { "3" } else { value };
        let rule = stop_rule(kind, value).unwrap_or_else(|error| panic!("{kind}: {error}"));
        assert_eq!(
            serde_json::to_value(&rule).expect("serialisable")["kind"],
            kind
        );
    }
    assert_eq!(
        stop_rule("idle-ms", "2.5"),
        Ok(StopRule::IdleMs { ms: 2500 })
    );
    assert!(stop_rule("after-ms", "-1").is_err());
    assert!(stop_rule("on-type", " ").is_err());
}

/// What makes matchers, for [`LiveChecks::update`].
type MakeMatchers = fn() -> Option<Box<dyn Matchers>>;

/// No matchers.
const NONE: Option<MakeMatchers> = None;

#[test]
fn live_checks_settle_when_the_run_ends_and_start_over_when_the_checks_change() {
    let mut live = LiveChecks::default();
    let count = vec![Check::EventCount {
        event_type: None,
        min: Some(3),
        max: None,
    }];
    let open = open_log(&[("data: a\n\n", 20.0)]);
    assert_eq!(live.update(&count, &open, NONE)[0].1, Verdict::Pending);
    let mut closed = open.clone();
    closed.close(CloseReason::Aborted, 30.0);
    assert_failed(
        &live.update(&count, &closed, NONE)[0].1,
        "1 event(s) arrived, fewer than 3",
        None,
    );
    let one = vec![Check::EventCount {
        event_type: None,
        min: Some(1),
        max: None,
    }];
    let verdicts = live.update(&one, &closed, NONE);
    assert_eq!(
        verdicts,
        vec![("At least 1 event(s)".to_owned(), Verdict::Passed)]
    );
    // Matchers that arrive later: the checks are evaluated afresh with them.
    let path = vec![Check::DataPath {
        event_type: None,
        path: "$.n".into(),
        test: ValueTest::Equals { value: json!(1) },
        which: Which::Some,
    }];
    let ticks = Run::of(TICKS).log();
    assert!(matches!(
        live.update(&path, &ticks, NONE)[0].1,
        Verdict::NotReached { .. }
    ));
    let arrived = Some(|| Some(Box::new(Fake::default()) as Box<dyn Matchers>));
    assert_eq!(live.update(&path, &ticks, arrived)[0].1, Verdict::Passed);
}

#[test]
fn a_check_or_rule_written_wrong_is_refused_naming_the_field() {
    let read = |text: &str| serde_json::from_str::<Check>(text).map_err(|e| e.to_string());
    assert_eq!(
        read(r#"{"kind":"status"}"#),
        Err("a check of kind \u{201c}status\u{201d} needs the field `status`".into())
    );
    assert_eq!(
        read(r#"{"kind":"timing","measure":"forever","max_ms":1}"#),
        Err("`measure` of a check of kind \u{201c}timing\u{201d} must be one of headers, first-event, largest-gap, duration, not \u{201c}forever\u{201d}".into())
    );
    assert_eq!(
        read(r#"{"kind":"telepathy"}"#),
        Err("there is no check \u{201c}telepathy\u{201d}".into())
    );
    assert!(read(r#"{"kind":"data-path","path":"$","test":{"op":"is"}}"#).is_err());
    assert!(read("[]").is_err());
    let rule = serde_json::from_str::<StopRule>(r#"{"kind":"idle-ms","ms":"soon"}"#);
    assert!(rule.is_err_and(|e| {
        e.to_string()
            .contains("`ms` of a stop rule must be a whole number")
    }));
}

#[test]
fn a_run_stops_at_the_event_that_meets_a_rule_even_mid_chunk() {
    let mut log = SessionLog::new(1, "GET http://h/".into(), 0.0, 0);
    log.begin_connection(0.0, None, "");
    let mut run = ConnectionRun::new();
    let headers = vec![("content-type".to_owned(), EVENT_STREAM.to_owned())];
    run.opened(&mut log, 200, "OK".into(), headers, 1.0);
    let rules = [StopRule::AfterEvents { count: 2 }];
    let mut met = None;
    let stopped = run.chunk_part_until(
        &mut log,
        b"data: 1\n\ndata: 2\n\ndata: 3\n\n",
        2.0,
        false,
        |log| {
            met = met_by_last_event(&rules, log);
            met.is_some()
        },
    );
    assert!(stopped);
    assert_eq!(met.as_deref(), Some("after 2 event(s)"));
    assert_eq!(log.event_count(), 2);
}

#[test]
fn a_tool_calls_arguments_are_checked_against_its_schema() {
    let run = Run::of(fixture!("openai-chat-tools"));
    let call = |required: &str| Check::ToolCall {
        name: "get_weather".into(),
        schema: Some(json!({ "required": [required] })),
    };
    let verdicts = run.verdicts(vec![call("city"), call("zip")]);
    assert_eq!(verdicts[0], Verdict::Passed);
    assert_failed(
        &verdicts[1],
        "The arguments of tool \u{201c}get_weather\u{201d} do not match the schema: at \"\": \"zip\" is required",
        None,
    );
    // Without matchers, not reached.
    let without = verdicts_of(&run.log(), vec![call("city")], None).remove(0);
    assert_not_reached(&without, "which is not loaded");
}

#[test]
fn a_check_opened_in_the_form_builds_back_the_same() {
    let run = Run {
        chunks: vec![(fixture!("openai-chat-tools"), 10.0)],
        ..Run::of("")
    };
    let mut checks = infer(&run.log(), AnswerBuilder::default().sync(&run.log()));
    checks.extend([
        Check::EventCount {
            event_type: Some("tick".into()),
            min: None,
            max: Some(3),
        },
        Check::TypesOnly {
            types: vec!["a".into(), "b".into()],
        },
        Check::DataPath {
            event_type: None,
            path: "$.model".into(),
            test: ValueTest::Equals {
                value: json!("gpt-4o"),
            },
            which: Which::Some,
        },
        Check::DataPath {
            event_type: None,
            path: "$.n".into(),
            test: ValueTest::Equals { value: json!(3) },
            which: Which::Every,
        },
        Check::DataContains {
            event_type: Some("x".into()),
            text: "y".into(),
            which: Which::Some,
        },
        Check::AnswerText {
            test: TextTest::Matches {
                regex: "^Hi".into(),
            },
        },
        Check::ToolCall {
            name: "get_weather".into(),
            schema: Some(json!({"type": "object"})),
        },
        Check::FinishReason {
            reason: "stop".into(),
        },
        Check::FirstToken { max_ms: 900 },
        Check::UniqueIds,
    ]);
    assert!(checks.iter().any(|c| matches!(
        c,
        Check::DataSchema {
            json_only: true,
            ..
        }
    )));
    for check in checks {
        assert_eq!(
            CheckForm::of(&check).build(),
            Ok(check.clone()),
            "{check:?}"
        );
    }
}

#[test]
fn save_as_test_again_updates_its_checks_and_keeps_the_users_own() {
    let mine = Check::DataContains {
        event_type: None,
        text: "x".into(),
        which: Which::Some,
    };
    let old_budget = Check::Timing {
        measure: Measure::Duration,
        max_ms: 10,
    };
    let existing = vec![Check::Status { status: 201 }, mine.clone(), old_budget];
    let inferred = infer(&Run::of(TICKS).log(), None);
    let count = inferred.len();
    let (merged, replaced) = merge(&existing, inferred);
    // Status and the duration budget were about the same things: replaced in place.
    assert_eq!(replaced, 2);
    assert_eq!(merged.len(), count + 1);
    assert_eq!(merged[0], Check::Status { status: 200 });
    assert_eq!(merged[1], mine);
    assert!(
        matches!(merged[2], Check::Timing { measure: Measure::Duration, max_ms } if max_ms > 10)
    );
}
