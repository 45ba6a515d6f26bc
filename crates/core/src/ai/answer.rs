//! The answer an AI stream adds up to, built incrementally from the session log's events.

use serde_json::Value;

use super::dialect::Dialect;
use super::order::{MAX_ORDER_FAULTS, OrderFault};

/// A tool (function) call the model made.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ToolCall {
    /// What the dialect keys its fragments by (an index, an item id).
    pub(super) key: String,
    /// The call's id, when the dialect gives one.
    pub id: String,
    /// The tool's name.
    pub name: String,
    /// The arguments as received: JSON text assembled from fragments.
    pub arguments: String,
    /// Whether the dialect said the call is complete (its block or item ended).
    pub is_complete: bool,
    /// What the tool returned, when the stream carries it (AG-UI `TOOL_CALL_RESULT`'s `content`,
    /// the AI SDK's `tool-output-available` `output`): its text, or its JSON text.
    pub result: Option<String>,
}

impl ToolCall {
    /// The arguments pretty-printed, or why they are not valid JSON (an empty text is `{}`).
    pub fn pretty_arguments(&self) -> Result<String, String> {
        if self.arguments.trim().is_empty() {
            return Ok("{}".into());
        }
        serde_json::from_str::<Value>(&self.arguments)
            .map_err(|error| format!("not valid JSON: {error}"))
            .and_then(|json| serde_json::to_string_pretty(&json).map_err(|e| e.to_string()))
    }

    /// The result to show: pretty-printed when it is JSON (an object or array), else as sent.
    pub fn shown_result(&self) -> Option<String> {
        let result = self.result.as_ref()?;
        Some(
            match serde_json::from_str::<Value>(result) {
                Ok(json @ (Value::Object(_) | Value::Array(_))) => {
                    serde_json::to_string_pretty(&json).ok()
                }
                _ => None,
            }
            .unwrap_or_else(|| result.clone()),
        )
    }
}

/// Token counts the stream reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Usage {
    /// Prompt (input) tokens.
    pub input: Option<u64>,
    /// Completion (output) tokens.
    pub output: Option<u64>,
    /// Of the output, reasoning ("thinking") tokens.
    pub reasoning: Option<u64>,
    /// Total, when the provider gives one.
    pub total: Option<u64>,
}

impl Usage {
    /// The counts given, for people: `12 input · 40 output · 52 total` (empty when none is).
    pub fn describe(&self) -> String {
        [
            ("input", self.input),
            ("output", self.output),
            ("reasoning", self.reasoning),
            ("total", self.total),
        ]
        .into_iter()
        .filter_map(|(label, count)| Some(format!("{} {label}", count?)))
        .collect::<Vec<_>>()
        .join(" \u{b7} ")
    }
}

/// Why a stream has no answer: said by the checks that need one and by `sse-studio stream
/// --answer`.
pub const NO_ANSWER: &str = "The stream is not in an AI format SSE Studio assembles (OpenAI, \
     Anthropic, Gemini, Ollama, the AI SDK's, AG-UI), and the request sets no answer rule";

/// An error the stream reported (an `error` event or object).
#[derive(Debug, Clone, PartialEq)]
pub struct StreamError {
    /// The log index of the event that carried it.
    pub event: usize,
    /// The provider's message, with its type or code when given.
    pub message: String,
}

/// What an AI stream adds up to so far.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// The stream's dialect.
    pub dialect: Dialect,
    /// The model named in the stream.
    pub model: Option<String>,
    /// The answer's text.
    pub text: String,
    /// Reasoning or thinking text (summaries, where the provider sends only those).
    pub reasoning: String,
    /// Tool calls, in order.
    pub tool_calls: Vec<ToolCall>,
    /// Why generation stopped (`stop`, `end_turn`, `tool_calls`, `STOP`, …).
    pub finish_reason: Option<String>,
    /// Token counts.
    pub usage: Usage,
    /// Errors the stream reported.
    pub errors: Vec<StreamError>,
    /// Whether the dialect's terminator arrived (see [`Dialect::terminator`]).
    pub is_terminated: bool,
    /// Events whose data should have been JSON and was not: how many, and the first's index.
    pub not_json: (usize, Option<usize>),
    /// When each event that carried text, reasoning or tool arguments arrived, in ms since the
    /// request started.
    pub delta_times: Vec<f64>,
    /// Breaks in the dialect's event order, in the order met (at most [`MAX_ORDER_FAULTS`]).
    pub order_faults: Vec<OrderFault>,
}

impl Answer {
    /// An empty answer in `dialect`.
    pub(super) fn new(dialect: Dialect) -> Self {
        Self {
            dialect,
            model: None,
            text: String::new(),
            reasoning: String::new(),
            tool_calls: Vec::new(),
            finish_reason: None,
            usage: Usage::default(),
            errors: Vec::new(),
            is_terminated: false,
            not_json: (0, None),
            delta_times: Vec::new(),
            order_faults: Vec::new(),
        }
    }

    /// Whether the answer is whole, for people: (`complete` | `incomplete` | `streaming`, what
    /// to show), given whether the run `is_closed`.
    pub fn status(&self, is_closed: bool) -> (&'static str, String) {
        if self.is_terminated {
            ("complete", "complete".to_owned())
        } else if is_closed {
            (
                "incomplete",
                format!(
                    "incomplete: the stream ended without {}",
                    self.dialect.terminator()
                ),
            )
        } else {
            ("streaming", "streaming\u{2026}".to_owned())
        }
    }

    /// How many events should have been JSON and were not, naming the first; `None` when all were.
    pub fn not_json_note(&self) -> Option<String> {
        match self.not_json {
            (0, _) | (_, None) => None,
            (count, Some(first)) => Some(format!(
                "{count} event(s) were not JSON (the first is event #{}).",
                first + 1
            )),
        }
    }

    /// Keeps `faults` (up to [`MAX_ORDER_FAULTS`] in all).
    pub(super) fn push_faults(&mut self, faults: impl IntoIterator<Item = OrderFault>) {
        let room = MAX_ORDER_FAULTS.saturating_sub(self.order_faults.len());
        self.order_faults.extend(faults.into_iter().take(room));
    }

    /// Starts a new text part: parts after the first are set apart by a blank line, as a chat
    /// front end shows them.
    pub(super) fn begin_text_part(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push_str("\n\n");
        }
    }

    /// Appends answer text that arrived `at_ms` after the request started.
    pub(super) fn push_text(&mut self, text: &str, at_ms: f64) {
        if !text.is_empty() {
            self.text.push_str(text);
            self.count_delta(at_ms);
        }
    }

    /// Appends reasoning text.
    pub(super) fn push_reasoning(&mut self, text: &str, at_ms: f64) {
        if !text.is_empty() {
            self.reasoning.push_str(text);
            self.count_delta(at_ms);
        }
    }

    /// The tool call keyed `key`, begun if new.
    pub(super) fn tool_call(&mut self, key: &str) -> &mut ToolCall {
        let position = match self.tool_calls.iter().position(|call| call.key == key) {
            Some(position) => position,
            None => {
                self.tool_calls.push(ToolCall {
                    key: key.to_owned(),
                    ..ToolCall::default()
                });
                self.tool_calls.len() - 1
            }
        };
        &mut self.tool_calls[position]
    }

    /// Sets the result of tool call `key` (a string as it is, another value as its JSON text);
    /// a result for a call the stream did not make is left out.
    pub(super) fn set_result(&mut self, key: &str, result: &Value) {
        if let Some(call) = self.tool_calls.iter_mut().find(|call| call.key == key) {
            call.result = Some(match result {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            });
        }
    }

    /// Appends a fragment of tool call `key`'s arguments.
    pub(super) fn push_arguments(&mut self, key: &str, fragment: &str, at_ms: f64) {
        if !fragment.is_empty() {
            self.tool_call(key).arguments.push_str(fragment);
            self.count_delta(at_ms);
        }
    }

    /// Records an error carried by event `event`: `error` is the provider's error object (or a
    /// string).
    pub(super) fn push_error(&mut self, event: usize, error: &Value) {
        let text = |key: &str| error.get(key).and_then(Value::as_str);
        let message = match error {
            Value::String(message) => message.clone(),
            _ => {
                let message = text("message").unwrap_or("(no message)");
                match text("type").or(text("code")).or(text("status")) {
                    Some(kind) => format!("{kind}: {message}"),
                    None => message.to_owned(),
                }
            }
        };
        self.errors.push(StreamError { event, message });
    }

    fn count_delta(&mut self, at_ms: f64) {
        self.delta_times.push(at_ms);
    }

    /// The answer as Markdown: reasoning as a quote, the text, each tool call as a JSON block,
    /// and the finish reason.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        if !self.reasoning.is_empty() {
            for line in self.reasoning.lines() {
                out.push_str("> ");
                out.push_str(line);
                out.push('\n');
            }
            out.push('\n');
        }
        out.push_str(&self.text);
        for call in &self.tool_calls {
            let arguments = call
                .pretty_arguments()
                .unwrap_or_else(|_| call.arguments.clone());
            out.push_str(&format!(
                "\n\n**Tool call** `{}`\n\n```json\n{arguments}\n```",
                call.name
            ));
            if let Some(result) = call.shown_result() {
                out.push_str(&format!("\n\n**Result**\n\n```\n{result}\n```"));
            }
        }
        if let Some(reason) = &self.finish_reason {
            out.push_str(&format!("\n\n_Finish reason: {reason}_"));
        }
        out.push('\n');
        out
    }
}

/// A dialect's way of adding one event to the answer.
pub(super) trait Assemble: Send + Sync {
    /// Adds `event` to `answer`.
    fn add(&mut self, answer: &mut Answer, event: &AiEvent<'_>);
}

/// One event, as the assemblers see it.
pub(super) struct AiEvent<'a> {
    /// Its log index.
    pub index: usize,
    /// Its event type.
    pub event_type: &'a str,
    /// Its data parsed as JSON, when it is.
    pub json: Option<&'a Value>,
    /// When it arrived, in ms since the request started.
    pub at_ms: f64,
}

impl<'a> AiEvent<'a> {
    /// What it says it is (see [`super::dialect::kind`]).
    pub fn kind(&self) -> &'a str {
        super::dialect::kind(self.event_type, self.json)
    }
}
