//! Keeping a session's AI answer in step with its log: the dialect told from the first events,
//! then each event handed once to that dialect's assembler.

use serde_json::Value;

use super::answer::{AiEvent, Answer, Assemble};
use super::dialect::{Dialect, EVENTS_TO_DETECT};
use super::order::fault;
use super::{ag_ui, ai_sdk, anthropic, gemini, ollama, openai_chat, openai_responses, rule};
use crate::session::log::{EventView, SessionLog};

enum State {
    /// Looking at the first events for a dialect.
    Detecting,
    /// Not an AI stream (as far as its first events tell).
    NotAi,
    /// Adding events up.
    Assembling(Box<Answer>, Box<dyn Assemble>),
}

/// Keeps the answer of a session's AI stream in step with its log: each event is read once.
pub struct AnswerBuilder {
    run_id: u64,
    next: usize,
    state: State,
    /// The event that terminated the stream, once one has; and whether an event after it has
    /// been reported (once is enough).
    terminated_at: Option<usize>,
    reported_after_terminator: bool,
}

impl Default for AnswerBuilder {
    fn default() -> Self {
        Self {
            run_id: 0,
            next: 0,
            state: State::Detecting,
            terminated_at: None,
            reported_after_terminator: false,
        }
    }
}

impl AnswerBuilder {
    /// A builder for the session in `log`: with the request's own answer rule when it set one
    /// (no dialect is then detected), else detecting the dialect from the first events.
    pub fn for_log(log: &SessionLog) -> Self {
        let reading = &log.sent.reading;
        Self {
            run_id: log.run_id,
            state: if reading.has_rule() {
                State::Assembling(
                    Box::new(Answer::new(Dialect::Rule)),
                    Box::new(rule::Rule::new(reading)),
                )
            } else {
                State::Detecting
            },
            ..Self::default()
        }
    }

    /// Reads the events added to `log` since the last call (all of them for a new session) and
    /// returns the answer so far, or `None` when the stream is not in a known AI dialect.
    pub fn sync(&mut self, log: &SessionLog) -> Option<&Answer> {
        if log.run_id != self.run_id || self.next > log.event_count() {
            *self = Self::for_log(log);
        }
        while self.next < log.event_count() {
            let index = self.next;
            self.next += 1;
            let Some(event) = log.event(index) else {
                break;
            };
            if !self.wants(index) {
                break;
            }
            let json: Option<Value> = serde_json::from_str(event.data).ok();
            self.add(&event, json.as_ref());
        }
        self.answer()
    }

    /// Whether event `index` is still read: while the dialect is told from the first events, and
    /// once it is known. Past those first events without a dialect, never again.
    pub fn wants(&mut self, index: usize) -> bool {
        if let State::Detecting = self.state
            && index >= EVENTS_TO_DETECT
        {
            self.state = State::NotAi;
        }
        !matches!(self.state, State::NotAi)
    }

    /// Adds `event`, whose data parsed as JSON is `json` (when it is), for a caller that parses
    /// each event once for more than the answer (the checks). Events come in order, each once,
    /// each after [`AnswerBuilder::wants`] said yes.
    pub fn add(&mut self, event: &EventView<'_>, json: Option<&Value>) {
        let ai_event = AiEvent {
            index: event.index,
            event_type: event.event_type,
            json,
            at_ms: event.at_ms,
        };
        if let State::Detecting = self.state
            && let Some(dialect) = Dialect::of_event(event.event_type, event.data, json)
        {
            self.state = State::Assembling(Box::new(Answer::new(dialect)), assembler(dialect));
        }
        if let State::Assembling(answer, assembler) = &mut self.state {
            if json.is_none() && event.data.trim() != "[DONE]" {
                answer.not_json.0 += 1;
                answer.not_json.1.get_or_insert(event.index);
            }
            let kind = ai_event.kind();
            if answer.is_terminated
                && let Some(terminator) = self.terminated_at
                && !self.reported_after_terminator
                && !answer.dialect.may_follow_terminator(kind)
            {
                self.reported_after_terminator = true;
                answer.push_faults([after_terminator(answer.dialect, event.index, terminator)]);
            }
            if answer.dialect.ends_with_done() && event.data.trim() == "[DONE]" {
                answer.is_terminated = true;
            } else {
                assembler.add(answer, &ai_event);
            }
            if !answer.is_terminated {
                self.terminated_at = None;
            } else if self.terminated_at.is_none() {
                self.terminated_at = Some(event.index);
            }
        }
    }

    /// The answer so far, or `None` when the stream is not (yet) in a known AI dialect.
    pub fn answer(&self) -> Option<&Answer> {
        match &self.state {
            State::Assembling(answer, _) => Some(answer.as_ref()),
            _ => None,
        }
    }
}

/// Event `event` came after the terminator at `terminator`.
fn after_terminator(dialect: Dialect, event: usize, terminator: usize) -> super::order::OrderFault {
    fault(
        event,
        format!(
            "Event #{} came after the stream's terminator ({} at event #{})",
            event + 1,
            dialect.terminator(),
            terminator + 1
        ),
        "The server went on writing after it said the answer was complete: two answers on one \
         stream, or a terminator sent too early."
            .into(),
        format!(
            "Send {} last, and end the response there.",
            dialect.terminator()
        ),
    )
}

fn assembler(dialect: Dialect) -> Box<dyn Assemble> {
    match dialect {
        Dialect::OpenAiChat => Box::<openai_chat::Chat>::default(),
        Dialect::OpenAiResponses => Box::<openai_responses::Responses>::default(),
        Dialect::Anthropic => Box::<anthropic::Messages>::default(),
        Dialect::Gemini => Box::<gemini::Gemini>::default(),
        Dialect::Ollama => Box::<ollama::Ollama>::default(),
        Dialect::AiSdk => Box::<ai_sdk::UiMessageStream>::default(),
        Dialect::AgUi => Box::<ag_ui::AgUi>::default(),
        // Never detected: set by `AnswerBuilder::for_log`.
        Dialect::Rule => Box::new(rule::Rule::new(&Default::default())),
    }
}
