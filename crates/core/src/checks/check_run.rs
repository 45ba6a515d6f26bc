//! `CheckRun`: the verdicts of a request's checks on one run, reached incrementally as events
//! arrive ([`CheckRun::sync`], cheap per new event) and settled once the run has ended
//! ([`CheckRun::finish`]). A verdict, once passed or failed, does not change.

use std::collections::HashMap;

use serde_json::Value;

use super::check::{Check, Measure, TextTest, ValueTest, Which};
use super::event_ids::own_id;
use crate::ai::answer::Answer;
use crate::ai::builder::AnswerBuilder;
use crate::present::format::format_duration_ms;
use crate::session::close_reason::CloseReason;
use crate::session::log::{EventView, SessionLog};
use crate::simple_path::SimplePath;

/// Where a check stands (stored in reports as `{"kind": "failed", "reason", "event"}`: see
/// `checks::json`).
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Not decided yet (the run goes on).
    Pending,
    /// Met.
    Passed,
    /// Not met: why, and the log index of the event that broke it, when one did.
    Failed {
        /// Why, in a sentence.
        reason: String,
        /// The event that broke it.
        event: Option<usize>,
    },
    /// The run never got to what the check looks at (no response, no event of the type, not
    /// an AI stream, no schema validator here).
    NotReached {
        /// What was missing, in a sentence.
        reason: String,
    },
}

impl Verdict {
    /// A stable kebab-case name: `pending`, `passed`, `failed`, `not-reached`.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Passed => "passed",
            Self::Failed { .. } => "failed",
            Self::NotReached { .. } => "not-reached",
        }
    }
}

/// What checks need beyond plain JSON: JSON Schema (draft 2020-12), JSON paths (RFC 9535) and
/// regular expressions. The front end provides them, so that it decides where their code lives
/// (`sse-studio-matchers`: linked into the CLI; not in the browser app's shell, whose size is
/// budgeted). Each `compile_*` returns a handle for the matching use.
pub trait Matchers {
    /// Compiles a JSON Schema.
    ///
    /// # Errors
    /// Why `schema` is not a valid schema, in a sentence.
    fn compile_schema(&mut self, schema: &Value) -> Result<usize, String>;

    /// Checks `value` against compiled schema `schema`.
    ///
    /// # Errors
    /// The first violation, with where in `value` it is (a JSON pointer).
    fn validate(&self, schema: usize, value: &Value) -> Result<(), String>;

    /// Compiles a JSON path.
    ///
    /// # Errors
    /// Why `path` is not a valid JSON path.
    fn compile_path(&mut self, path: &str) -> Result<usize, String>;

    /// The values compiled path `path` selects in `value`, in document order.
    fn query(&self, path: usize, value: &Value) -> Vec<Value>;

    /// Compiles a regular expression (unanchored).
    ///
    /// # Errors
    /// Why `regex` is not a valid regular expression.
    fn compile_regex(&mut self, regex: &str) -> Result<usize, String>;

    /// Whether compiled regex `regex` matches somewhere in `text`.
    fn is_match(&self, regex: usize, text: &str) -> bool;
}

/// Why a check is not reached without [`Matchers`].
const NO_MATCHERS: &str = "needs JSON Schema, JSON path and regex support, which is not loaded";

/// What a check needs prepared once, before the events (handles from [`Matchers`]).
enum Prepared {
    Nothing,
    /// A JSON path (followed through the text when it is simple), and the regex its value
    /// must match.
    Path {
        query: usize,
        simple: Option<SimplePath>,
        regex: Option<usize>,
    },
    Regex(usize),
    Schema(usize),
    /// It needs [`Matchers`], and there are none.
    Unavailable,
}

/// What a check remembers between events.
#[derive(Default)]
struct Progress {
    /// Events counted, or events the check applied to.
    count: u64,
    /// The next type to find ([`Check::TypesInOrder`]).
    next_type: usize,
    /// Ids seen, each with its first event ([`Check::UniqueIds`]).
    ids: HashMap<String, usize>,
    /// The last numeric id and its event.
    last_number: Option<(u128, usize)>,
}

struct Slot {
    check: Check,
    prepared: Result<Prepared, String>,
    progress: Progress,
    verdict: Verdict,
}

/// The checks of one run and their verdicts so far.
pub struct CheckRun {
    slots: Vec<Slot>,
    /// The session the verdicts are for: a new one starts over.
    run_id: u64,
    /// The first event not looked at yet.
    next_event: usize,
    matchers: Option<Box<dyn Matchers>>,
    /// The AI answer, assembled here (from the same parse of each event's data as the checks')
    /// when a check looks at it.
    answers: Option<AnswerBuilder>,
    /// Whether each event's data is parsed into a `Value` (a path, a schema or the answer needs
    /// it), or only validated as JSON.
    builds_values: bool,
    /// The first simple path of the checks: "is it JSON?" follows it, so that one pass over
    /// the text answers both.
    first_walk: Option<SimplePath>,
}

impl std::fmt::Debug for CheckRun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckRun")
            .field("verdicts", &self.verdicts().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl CheckRun {
    /// `checks`, all pending; JSON Schemas, paths and regexes use `matchers` (without them,
    /// checks that need them are not reached). A check that cannot work (an invalid JSON path,
    /// regex or schema) fails at once, saying why.
    pub fn new(checks: Vec<Check>, mut matchers: Option<Box<dyn Matchers>>) -> Self {
        let slots: Vec<Slot> = checks
            .into_iter()
            .map(|check| {
                let prepared = prepare(&check, matchers.as_deref_mut());
                let verdict = match &prepared {
                    Err(reason) => Verdict::Failed {
                        reason: reason.clone(),
                        event: None,
                    },
                    Ok(_) => Verdict::Pending,
                };
                Slot {
                    check,
                    prepared,
                    progress: Progress::default(),
                    verdict,
                }
            })
            .collect();
        let needs_answer = slots.iter().any(|slot| slot.check.needs_answer());
        // A simple path is followed through the text; any other, a schema or the answer needs
        // each event's whole document.
        let builds_values = needs_answer
            || slots.iter().any(|slot| {
                matches!(slot.check, Check::DataSchema { .. })
                    || matches!(slot.prepared, Ok(Prepared::Path { simple: None, .. }))
            });
        let first_walk = slots.iter().find_map(|slot| match &slot.prepared {
            Ok(Prepared::Path { simple, .. }) => simple.clone(),
            _ => None,
        });
        Self {
            slots,
            run_id: 0,
            next_event: 0,
            matchers,
            answers: needs_answer.then(AnswerBuilder::default),
            builds_values,
            first_walk,
        }
    }

    /// Each check with its verdict, in order.
    pub fn verdicts(&self) -> impl Iterator<Item = (&Check, &Verdict)> {
        self.slots.iter().map(|slot| (&slot.check, &slot.verdict))
    }

    /// Whether every check passed.
    pub fn all_passed(&self) -> bool {
        self.slots
            .iter()
            .all(|slot| slot.verdict == Verdict::Passed)
    }

    /// The AI answer so far, when a check looks at it and the stream is in a known dialect.
    pub fn answer(&self) -> Option<&Answer> {
        self.answers.as_ref().and_then(AnswerBuilder::answer)
    }

    /// Looks at what `log` gained since the last call (all of it for a new session), deciding
    /// what can be decided. Each event's data is parsed as JSON at most once, for the checks and
    /// the AI answer together.
    pub fn sync(&mut self, log: &SessionLog) {
        if log.run_id != self.run_id || self.next_event > log.event_count() {
            self.run_id = log.run_id;
            self.next_event = 0;
            if let Some(answers) = &mut self.answers {
                *answers = AnswerBuilder::for_log(log);
            }
            for slot in &mut self.slots {
                slot.progress = Progress::default();
                if slot.prepared.is_ok() {
                    slot.verdict = Verdict::Pending;
                }
            }
        }
        for index in self.next_event..log.event_count() {
            let Some(event) = log.event(index) else { break };
            let mut json = Lazy::new(event.data, self.builds_values, self.first_walk.as_ref());
            for slot in &mut self.slots {
                if slot.verdict == Verdict::Pending
                    && let Ok(prepared) = &slot.prepared
                {
                    slot.verdict = on_event(
                        &slot.check,
                        prepared,
                        &mut slot.progress,
                        log,
                        &event,
                        &mut json,
                        self.matchers.as_deref(),
                    );
                }
            }
            if let Some(answers) = &mut self.answers
                && answers.wants(index)
            {
                answers.add(&event, json.get().ok());
            }
        }
        self.next_event = log.event_count();
        let answer = self.answers.as_ref().and_then(AnswerBuilder::answer);
        for slot in &mut self.slots {
            if slot.verdict == Verdict::Pending {
                slot.verdict = as_of_now(&slot.check, log, answer);
            }
        }
    }

    /// Settles every check on the ended run in `log` (see [`CheckRun::sync`]): what is still
    /// pending passes or fails on the whole run.
    pub fn finish(&mut self, log: &SessionLog) {
        self.sync(log);
        let answer = self.answers.as_ref().and_then(AnswerBuilder::answer);
        for slot in &mut self.slots {
            if slot.verdict == Verdict::Pending
                && let Ok(prepared) = &slot.prepared
            {
                slot.verdict = at_end(
                    &slot.check,
                    prepared,
                    &slot.progress,
                    log,
                    answer,
                    self.matchers.as_deref(),
                );
            }
        }
    }
}

/// Compiles paths, regexes and schemas once.
fn prepare(
    check: &Check,
    matchers: Option<&mut (dyn Matchers + 'static)>,
) -> Result<Prepared, String> {
    let needs_matchers = check.needs_matchers();
    let Some(matchers) = matchers.filter(|_| needs_matchers) else {
        return Ok(if needs_matchers {
            Prepared::Unavailable
        } else {
            Prepared::Nothing
        });
    };
    let invalid_schema = |error| format!("The JSON Schema is not valid: {error}");
    match check {
        Check::DataPath { path, test, .. } => {
            let compiled = matchers
                .compile_path(path)
                .map_err(|error| format!("The JSON path {path} is not valid: {error}"))?;
            let regex = match test {
                ValueTest::Matches { regex } => Some(
                    matchers
                        .compile_regex(regex)
                        .map_err(|error| invalid_regex(regex, &error))?,
                ),
                _ => None,
            };
            Ok(Prepared::Path {
                query: compiled,
                simple: SimplePath::parse(path),
                regex,
            })
        }
        Check::AnswerText {
            test: TextTest::Matches { regex },
        } => matchers
            .compile_regex(regex)
            .map(Prepared::Regex)
            .map_err(|error| invalid_regex(regex, &error)),
        Check::DataSchema { schema, .. }
        | Check::ToolCall {
            schema: Some(schema),
            ..
        } => matchers
            .compile_schema(schema)
            .map(Prepared::Schema)
            .map_err(invalid_schema),
        _ => Ok(Prepared::Nothing),
    }
}

/// Why `regex` cannot be used.
fn invalid_regex(regex: &str, error: &str) -> String {
    format!("The regular expression /{regex}/ is not valid: {error}")
}

/// An event's data parsed as JSON on first need, once for all checks.
struct Lazy<'a> {
    data: &'a str,
    parsed: Option<Result<Value, String>>,
    /// The simple path followed first (when "is it JSON?" is asked, or a check follows it), and
    /// what it found: the text is then JSON, and no other pass is needed to say so.
    first_walk: Option<&'a SimplePath>,
    walked: Option<Vec<Value>>,
    /// Whether some check or the answer will want the `Value`: then "is it JSON?" parses it
    /// whole once; otherwise it is only validated, building nothing.
    builds_value: bool,
}

impl<'a> Lazy<'a> {
    fn new(data: &'a str, builds_value: bool, first_walk: Option<&'a SimplePath>) -> Self {
        Self {
            data,
            parsed: None,
            first_walk,
            walked: None,
            builds_value,
        }
    }

    /// Whether the data is JSON, and why not.
    fn is_json(&mut self) -> Result<(), String> {
        if self.walked.is_some() {
            return Ok(());
        }
        if let Some(path) = self.first_walk.filter(|_| !self.has_value()) {
            return self.find(path).map(|_| ()).map_err(str::to_owned);
        }
        if self.has_value() {
            return self.get().map(|_| ()).map_err(str::to_owned);
        }
        serde_json::from_str::<serde::de::IgnoredAny>(self.data)
            .map(|_| ())
            .map_err(|error| error.to_string())
    }

    /// Whether the whole document is (or will be) built.
    fn has_value(&self) -> bool {
        self.builds_value || self.parsed.is_some()
    }

    /// The value at `path`, followed through the text, as a one-value (or empty) node list.
    fn find(&mut self, path: &SimplePath) -> Result<Vec<Value>, &str> {
        let is_first = self.first_walk == Some(path);
        if let Some(found) = self.walked.as_ref().filter(|_| is_first) {
            return Ok(found.clone());
        }
        match path.find(self.data) {
            Ok(found) => {
                let found: Vec<Value> = found.into_iter().collect();
                if is_first {
                    self.walked = Some(found.clone());
                }
                Ok(found)
            }
            // Said as the whole document's parse says it (the same parser stops at the same byte).
            Err(_) => self.get().map(|_| Vec::new()),
        }
    }

    fn get(&mut self) -> Result<&Value, &str> {
        let data = self.data;
        self.parsed
            .get_or_insert_with(|| serde_json::from_str(data).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(String::as_str)
    }
}

/// "#7" for the event at log index 6, as the timeline numbers them.
fn number(index: usize) -> String {
    format!("#{}", index + 1)
}

fn failed(reason: String, event: usize) -> Verdict {
    Verdict::Failed {
        reason,
        event: Some(event),
    }
}

fn applies(event_type: Option<&String>, event: &EventView<'_>) -> bool {
    event_type.is_none_or(|wanted| wanted == event.event_type)
}

/// A per-event check's verdict after `event` ([`Verdict::Pending`] while undecided).
fn on_event(
    check: &Check,
    prepared: &Prepared,
    progress: &mut Progress,
    log: &SessionLog,
    event: &EventView<'_>,
    json: &mut Lazy<'_>,
    matchers: Option<&dyn Matchers>,
) -> Verdict {
    let index = event.index;
    match check {
        Check::EventCount {
            event_type, max, ..
        } => {
            if applies(event_type.as_ref(), event) {
                progress.count += 1;
                if let Some(max) = max
                    && progress.count > *max
                {
                    return failed(
                        format!("Event {} is one more than the {max} allowed", number(index)),
                        index,
                    );
                }
            }
            Verdict::Pending
        }
        Check::TypesInOrder { types } => {
            if types.get(progress.next_type).map(String::as_str) == Some(event.event_type) {
                progress.next_type += 1;
            }
            if progress.next_type >= types.len() {
                Verdict::Passed
            } else {
                Verdict::Pending
            }
        }
        Check::TypesOnly { types } => {
            if types.iter().any(|t| t == event.event_type) {
                Verdict::Pending
            } else {
                failed(
                    format!(
                        "Event {} has type \u{201c}{}\u{201d}, which is not allowed",
                        number(index),
                        event.event_type
                    ),
                    index,
                )
            }
        }
        Check::UniqueIds => unique_id(progress, log, index),
        Check::DataIsJson { event_type } => {
            if !applies(event_type.as_ref(), event) {
                return Verdict::Pending;
            }
            progress.count += 1;
            match json.is_json() {
                Ok(()) => Verdict::Pending,
                Err(error) => failed(
                    format!("Event {}'s data is not JSON: {error}", number(index)),
                    index,
                ),
            }
        }
        Check::DataSchema {
            event_type,
            json_only,
            ..
        } => {
            let (Prepared::Schema(schema), Some(matchers)) = (prepared, matchers) else {
                return Verdict::Pending;
            };
            if !applies(event_type.as_ref(), event) || (*json_only && json.get().is_err()) {
                return Verdict::Pending;
            }
            progress.count += 1;
            let outcome = json.get().map_err(|error| format!("is not JSON: {error}"));
            match outcome.and_then(|value| matchers.validate(*schema, value)) {
                Ok(()) => Verdict::Pending,
                Err(error) => failed(
                    format!(
                        "Event {}'s data does not match the schema: {error}",
                        number(index)
                    ),
                    index,
                ),
            }
        }
        Check::DataPath {
            event_type,
            path,
            test,
            which,
        } => {
            if !applies(event_type.as_ref(), event) {
                return Verdict::Pending;
            }
            progress.count += 1;
            let (
                Prepared::Path {
                    query,
                    simple,
                    regex,
                },
                Some(matchers),
            ) = (prepared, matchers)
            else {
                return Verdict::Pending;
            };
            let found = match simple {
                Some(simple) if !json.has_value() => json.find(simple),
                _ => json.get().map(|value| matchers.query(*query, value)),
            };
            let outcome = match found {
                Err(error) => Err(format!("its data is not JSON: {error}")),
                Ok(found) => value_at(matchers, &found, path, test, *regex),
            };
            decide(*which, outcome, index)
        }
        Check::DataContains {
            event_type,
            text,
            which,
        } => {
            if !applies(event_type.as_ref(), event) {
                return Verdict::Pending;
            }
            progress.count += 1;
            let outcome = if event.data.contains(text.as_str()) {
                Ok(())
            } else {
                Err(format!("its data does not contain \u{201c}{text}\u{201d}"))
            };
            decide(*which, outcome, index)
        }
        _ => Verdict::Pending,
    }
}

/// An every/some data check after one event: `outcome` is whether that event met it.
fn decide(which: Which, outcome: Result<(), String>, index: usize) -> Verdict {
    match (which, outcome) {
        (Which::Every, Err(why)) => failed(format!("Event {}: {why}", number(index)), index),
        (Which::Some, Ok(())) => Verdict::Passed,
        _ => Verdict::Pending,
    }
}

/// Whether `found`, the values at `path`, pass `test` (any of them, for a path that selects
/// several).
fn value_at(
    matchers: &dyn Matchers,
    found: &[Value],
    path: &str,
    test: &ValueTest,
    regex: Option<usize>,
) -> Result<(), String> {
    if found.is_empty() {
        return Err(format!("no value at {path}"));
    }
    let passes = |found: &Value| match test {
        ValueTest::Equals { value } => found == value,
        ValueTest::Contains { text } => match found {
            Value::String(string) => string.contains(text.as_str()),
            other => other.to_string().contains(text.as_str()),
        },
        ValueTest::Matches { .. } => regex.is_some_and(|regex| match found {
            Value::String(string) => matchers.is_match(regex, string),
            other => matchers.is_match(regex, &other.to_string()),
        }),
    };
    if found.iter().any(passes) {
        Ok(())
    } else {
        let shown = found.first().map(|v| v.to_string()).unwrap_or_default();
        Err(format!(
            "{path} is {}, which does not {}",
            excerpt(&shown),
            test_verb(test)
        ))
    }
}

/// "equal 42", "contain “x”", "match /re/".
fn test_verb(test: &ValueTest) -> String {
    match test {
        ValueTest::Equals { value } => format!("equal {}", excerpt(&value.to_string())),
        ValueTest::Contains { text } => format!("contain \u{201c}{text}\u{201d}"),
        ValueTest::Matches { regex } => format!("match /{regex}/"),
    }
}

/// At most 80 characters of `text`, for a reason.
fn excerpt(text: &str) -> String {
    match text.char_indices().nth(80) {
        Some((cut, _)) => format!("{}\u{2026}", text.get(..cut).unwrap_or_default()),
        None => text.to_owned(),
    }
}

/// [`Check::UniqueIds`] after event `index`.
fn unique_id(progress: &mut Progress, log: &SessionLog, index: usize) -> Verdict {
    let Some(id) = own_id(log, index).filter(|id| !id.is_empty()) else {
        return Verdict::Pending;
    };
    if let Some(first) = progress.ids.get(&id) {
        return failed(
            format!(
                "Event {} repeats id \u{201c}{}\u{201d} of event {}",
                number(index),
                excerpt(&id),
                number(*first)
            ),
            index,
        );
    }
    if let Ok(value) = id.parse::<u128>() {
        if let Some((last, at)) = progress.last_number
            && value <= last
        {
            return failed(
                format!(
                    "Event {}'s id {value} does not increase on event {}'s {last}",
                    number(index),
                    number(at)
                ),
                index,
            );
        }
        progress.last_number = Some((value, index));
    }
    progress.ids.insert(id, index);
    Verdict::Pending
}

/// A check that does not look at events one by one, as far as it can be decided while the run
/// goes on.
fn as_of_now(check: &Check, log: &SessionLog, answer: Option<&Answer>) -> Verdict {
    let head = log.first_response();
    match check {
        Check::Status { status } => head.map_or(Verdict::Pending, |head| {
            if head.status == *status {
                Verdict::Passed
            } else {
                Verdict::Failed {
                    reason: format!("The status is {}, not {status}", head.status_line()),
                    event: None,
                }
            }
        }),
        Check::EventStream => head.map_or(Verdict::Pending, |head| {
            if head.is_sse() {
                Verdict::Passed
            } else {
                Verdict::Failed {
                    reason: format!(
                        "The response is {} with Content-Type \u{201c}{}\u{201d}, not a 2xx \
                         text/event-stream",
                        head.status_line(),
                        head.content_type()
                    ),
                    event: None,
                }
            }
        }),
        Check::Timing { measure, max_ms } => {
            let max_ms = *max_ms as f64;
            let within = |ms: f64, what: &str, event: Option<usize>| {
                if ms <= max_ms {
                    Verdict::Passed
                } else {
                    Verdict::Failed {
                        reason: format!(
                            "{what} {}, over the {} allowed",
                            format_duration_ms(ms),
                            format_duration_ms(max_ms)
                        ),
                        event,
                    }
                }
            };
            match measure {
                Measure::Headers => head.map_or(Verdict::Pending, |head| {
                    within(head.at_ms, "The response head came after", None)
                }),
                Measure::FirstEvent => log.event(0).map_or(Verdict::Pending, |event| {
                    within(event.at_ms, "The first event came after", Some(0))
                }),
                Measure::LargestGap => match log.largest_gap() {
                    Some((gap, after)) if gap > max_ms => within(
                        gap,
                        &format!("Event {} came after a gap of", number(after)),
                        Some(after),
                    ),
                    _ => Verdict::Pending,
                },
                Measure::Duration => Verdict::Pending,
            }
        }
        Check::AnswerComplete => match answer {
            Some(answer) if answer.is_terminated => Verdict::Passed,
            _ => Verdict::Pending,
        },
        Check::AnswerInOrder => match answer.and_then(|answer| answer.order_faults.first()) {
            Some(fault) => Verdict::Failed {
                reason: fault.title.clone(),
                event: Some(fault.event),
            },
            None => Verdict::Pending,
        },
        Check::FirstToken { max_ms } => match answer.and_then(|a| a.delta_times.first()) {
            Some(&at_ms) if at_ms <= *max_ms as f64 => Verdict::Passed,
            Some(&at_ms) => Verdict::Failed {
                reason: format!(
                    "The first token came after {}, over the {} allowed",
                    format_duration_ms(at_ms),
                    format_duration_ms(*max_ms as f64)
                ),
                event: None,
            },
            None => Verdict::Pending,
        },
        _ => Verdict::Pending,
    }
}

/// A check still pending when the run ended, decided on the whole run.
fn at_end(
    check: &Check,
    prepared: &Prepared,
    progress: &Progress,
    log: &SessionLog,
    answer: Option<&Answer>,
    matchers: Option<&dyn Matchers>,
) -> Verdict {
    let not_reached = |reason: &str| Verdict::NotReached {
        reason: reason.to_owned(),
    };
    let fail = |reason: String| Verdict::Failed {
        reason,
        event: None,
    };
    let none_of = |event_type: Option<&String>| match event_type {
        Some(t) => format!("No \u{201c}{t}\u{201d} event arrived"),
        None => "No event arrived".to_owned(),
    };
    let ending = log.closed.as_ref();
    match check {
        Check::Status { .. } | Check::EventStream => not_reached(&format!(
            "No response: {}",
            ending.map_or_else(|| "the run did not start".to_owned(), |c| c.reason.title())
        )),
        Check::CleanEnd => match ending.map(|closed| &closed.reason) {
            Some(CloseReason::Clean | CloseReason::StoppedByRule { .. }) => Verdict::Passed,
            Some(reason) => fail(format!("The run ended: {}", reason.title())),
            None => not_reached("The run has not ended"),
        },
        Check::EventCount {
            event_type, min, ..
        } => match min {
            Some(min) if progress.count < *min => fail(format!(
                "{} {} arrived, fewer than {min}",
                progress.count,
                match event_type {
                    Some(t) => format!("\u{201c}{t}\u{201d} event(s)"),
                    None => "event(s)".to_owned(),
                }
            )),
            _ => Verdict::Passed,
        },
        Check::TypesInOrder { types } => {
            let missing = types.get(progress.next_type).cloned().unwrap_or_default();
            match progress.next_type.checked_sub(1).and_then(|i| types.get(i)) {
                Some(after) => fail(format!(
                    "No \u{201c}{missing}\u{201d} event after the \u{201c}{after}\u{201d} one"
                )),
                None => fail(format!("No \u{201c}{missing}\u{201d} event arrived")),
            }
        }
        Check::TypesOnly { .. } => Verdict::Passed,
        Check::UniqueIds => {
            if progress.ids.is_empty() {
                not_reached("No event carried an id")
            } else {
                Verdict::Passed
            }
        }
        _ if matches!(prepared, Prepared::Unavailable) => not_reached(NO_MATCHERS),
        Check::DataIsJson { event_type } | Check::DataSchema { event_type, .. } => {
            if progress.count == 0 {
                not_reached(&none_of(event_type.as_ref()))
            } else {
                Verdict::Passed
            }
        }
        Check::DataPath {
            event_type, which, ..
        }
        | Check::DataContains {
            event_type, which, ..
        } => {
            if progress.count == 0 {
                not_reached(&none_of(event_type.as_ref()))
            } else if *which == Which::Some {
                fail(format!(
                    "No {} met it",
                    match event_type {
                        Some(t) => format!("\u{201c}{t}\u{201d} event"),
                        None => "event".to_owned(),
                    }
                ))
            } else {
                Verdict::Passed
            }
        }
        Check::Timing { measure, max_ms } => match measure {
            Measure::Headers => not_reached("No response head arrived"),
            Measure::FirstEvent => fail("No event arrived".into()),
            Measure::LargestGap => Verdict::Passed,
            Measure::Duration => match ending {
                Some(closed) if closed.at_ms <= *max_ms as f64 => Verdict::Passed,
                Some(closed) => fail(format!(
                    "The run took {}, over the {} allowed",
                    format_duration_ms(closed.at_ms),
                    format_duration_ms(*max_ms as f64)
                )),
                None => not_reached("The run has not ended"),
            },
        },
        Check::AnswerComplete
        | Check::AnswerInOrder
        | Check::AnswerText { .. }
        | Check::ToolCall { .. }
        | Check::FinishReason { .. }
        | Check::FirstToken { .. }
        | Check::UsagePresent => match answer {
            None => not_reached(crate::ai::answer::NO_ANSWER),
            Some(answer) => answer_at_end(check, prepared, answer, matchers),
        },
    }
}

/// An AI answer check on the whole answer.
fn answer_at_end(
    check: &Check,
    prepared: &Prepared,
    answer: &Answer,
    matchers: Option<&dyn Matchers>,
) -> Verdict {
    let fail = |reason: String| Verdict::Failed {
        reason,
        event: None,
    };
    let pass_if = |ok: bool, reason: String| if ok { Verdict::Passed } else { fail(reason) };
    match check {
        // No fault came while the run lasted.
        Check::AnswerInOrder => Verdict::Passed,
        Check::AnswerComplete => fail(format!(
            "The answer is incomplete: the stream ended without {}",
            answer.dialect.terminator()
        )),
        Check::AnswerText { test } => match test {
            TextTest::Contains { text } => pass_if(
                answer.text.contains(text.as_str()),
                format!("The answer's text does not contain \u{201c}{text}\u{201d}"),
            ),
            TextTest::Matches { regex } => pass_if(
                match (prepared, matchers) {
                    (Prepared::Regex(regex), Some(matchers)) => {
                        matchers.is_match(*regex, &answer.text)
                    }
                    _ => false,
                },
                format!("The answer's text does not match /{regex}/"),
            ),
        },
        Check::ToolCall { name, .. } => {
            let Some(call) = answer.tool_calls.iter().find(|call| &call.name == name) else {
                let made: Vec<_> = answer.tool_calls.iter().map(|c| c.name.as_str()).collect();
                return fail(if made.is_empty() {
                    format!("No call of tool \u{201c}{name}\u{201d}: no tool was called")
                } else {
                    format!(
                        "No call of tool \u{201c}{name}\u{201d}; called: {}",
                        made.join(", ")
                    )
                });
            };
            // An empty text is `{}` (a call without arguments).
            let arguments = if call.arguments.trim().is_empty() {
                Ok(Value::Object(serde_json::Map::new()))
            } else {
                serde_json::from_str::<Value>(&call.arguments)
            };
            let arguments = match arguments {
                Ok(arguments) => arguments,
                Err(error) => {
                    return fail(format!(
                        "The arguments of tool \u{201c}{name}\u{201d} are not valid JSON: {error}"
                    ));
                }
            };
            match (check, prepared, matchers) {
                (Check::ToolCall { schema: None, .. }, _, _) => Verdict::Passed,
                (_, Prepared::Schema(schema), Some(matchers)) => {
                    match matchers.validate(*schema, &arguments) {
                        Ok(()) => Verdict::Passed,
                        Err(error) => fail(format!(
                            "The arguments of tool \u{201c}{name}\u{201d} do not match the \
                             schema: {error}"
                        )),
                    }
                }
                _ => Verdict::NotReached {
                    reason: NO_MATCHERS.to_owned(),
                },
            }
        }
        Check::FinishReason { reason } => match &answer.finish_reason {
            Some(found) if found == reason => Verdict::Passed,
            Some(found) => fail(format!(
                "The finish reason is \u{201c}{found}\u{201d}, not \u{201c}{reason}\u{201d}"
            )),
            None => fail("The stream gave no finish reason".into()),
        },
        Check::FirstToken { .. } => fail("No token arrived".into()),
        Check::UsagePresent => {
            let usage = answer.usage;
            pass_if(
                usage.input.is_some() || usage.output.is_some() || usage.total.is_some(),
                "The stream reported no token usage".into(),
            )
        }
        _ => Verdict::Pending,
    }
}
