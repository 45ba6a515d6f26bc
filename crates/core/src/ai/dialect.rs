//! Which provider's streaming format a stream follows, told from its first events.

use serde_json::Value;

/// A provider's streaming format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// OpenAI Chat Completions (and the many OpenAI-compatible servers: Ollama's `/v1`, vLLM, …).
    OpenAiChat,
    /// OpenAI Responses API.
    OpenAiResponses,
    /// Anthropic Messages.
    Anthropic,
    /// Google Gemini `streamGenerateContent` with `alt=sse`.
    Gemini,
    /// Ollama's native `/api/chat` and `/api/generate` (NDJSON).
    Ollama,
    /// The Vercel AI SDK's UI message stream.
    AiSdk,
    /// AG-UI, the Agent–User Interaction protocol.
    AgUi,
    /// The request's own answer rule (see [`crate::session::reading::Reading`]), never detected.
    Rule,
}

/// Events looked at before deciding that a stream is not an AI stream (so a flood of other
/// events is not parsed as JSON one by one).
pub const EVENTS_TO_DETECT: usize = 8;

impl Dialect {
    /// Its name for people.
    pub fn name(self) -> &'static str {
        match self {
            Self::OpenAiChat => "OpenAI Chat Completions",
            Self::OpenAiResponses => "OpenAI Responses",
            Self::Anthropic => "Anthropic Messages",
            Self::Gemini => "Google Gemini",
            Self::Ollama => "Ollama",
            Self::AiSdk => "Vercel AI SDK UI message stream",
            Self::AgUi => "AG-UI",
            Self::Rule => "Your rule",
        }
    }

    /// What ends a complete stream of this dialect.
    pub fn terminator(self) -> &'static str {
        match self {
            Self::OpenAiChat | Self::AiSdk => "data: [DONE]",
            Self::OpenAiResponses => "response.completed",
            Self::Anthropic => "message_stop",
            Self::Gemini => "a finishReason",
            Self::Ollama => "\"done\": true",
            Self::AgUi => "RUN_FINISHED",
            Self::Rule => "a finish reason or data: [DONE]",
        }
    }

    /// Whether `data: [DONE]` ends it (the builder says so; the assemblers never see it).
    pub fn ends_with_done(self) -> bool {
        matches!(self, Self::OpenAiChat | Self::AiSdk | Self::Rule)
    }

    /// Whether an event of kind `kind` (see [`kind`]) may follow the terminator: a new run in
    /// AG-UI; anything in Gemini, whose terminator is only a candidate's `finishReason`.
    pub fn may_follow_terminator(self, kind: &str) -> bool {
        match self {
            Self::Gemini => true,
            Self::AgUi => kind == "RUN_STARTED",
            _ => false,
        }
    }

    /// The dialect an event of type `event_type` whose data is `data` (parsed as JSON when it
    /// is: `json`) belongs to, if it tells.
    pub fn of_event(event_type: &str, data: &str, json: Option<&Value>) -> Option<Self> {
        if data.trim() == "[DONE]" {
            return Some(Self::OpenAiChat);
        }
        let kind = kind(event_type, json);
        if kind.starts_with("response.") {
            return Some(Self::OpenAiResponses);
        }
        if matches!(
            kind,
            "message_start"
                | "content_block_start"
                | "content_block_delta"
                | "content_block_stop"
                | "message_delta"
                | "message_stop"
        ) {
            return Some(Self::Anthropic);
        }
        if AG_UI_FIRST.contains(&kind) {
            return Some(Self::AgUi);
        }
        let json = json?;
        if AI_SDK_FIRST.contains(&kind) || (kind == "start" && event_type == "message") {
            return Some(Self::AiSdk);
        }
        if json.get("object").and_then(Value::as_str) == Some("chat.completion.chunk")
            || json
                .get("choices")
                .and_then(|choices| choices.get(0))
                .is_some_and(|choice| choice.get("delta").is_some())
        {
            return Some(Self::OpenAiChat);
        }
        if json.get("candidates").is_some() || json.get("usageMetadata").is_some() {
            return Some(Self::Gemini);
        }
        if json.get("done").is_some_and(Value::is_boolean)
            && (json.get("message").is_some() || json.get("response").is_some())
        {
            return Some(Self::Ollama);
        }
        None
    }
}

/// AG-UI event types that may open a stream (lifecycle, messages, tool calls, state).
const AG_UI_FIRST: [&str; 11] = [
    "RUN_STARTED",
    "STEP_STARTED",
    "TEXT_MESSAGE_START",
    "TEXT_MESSAGE_CHUNK",
    "TOOL_CALL_START",
    "TOOL_CALL_CHUNK",
    "REASONING_START",
    "REASONING_MESSAGE_START",
    "THINKING_START",
    "STATE_SNAPSHOT",
    "MESSAGES_SNAPSHOT",
];

/// AI SDK UI message stream parts that may open a stream (besides a `start` in an unnamed event).
const AI_SDK_FIRST: [&str; 6] = [
    "start-step",
    "text-start",
    "reasoning-start",
    "tool-input-start",
    "tool-input-available",
    "message-metadata",
];

/// What an event says it is: its data's `type` field (OpenAI Responses and Anthropic repeat the
/// event type there), else its event type.
pub(super) fn kind<'a>(event_type: &'a str, json: Option<&'a Value>) -> &'a str {
    json.and_then(|json| json.get("type"))
        .and_then(Value::as_str)
        .unwrap_or(event_type)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(event_type: &str, data: &str) -> Option<Dialect> {
        let json: Option<Value> = serde_json::from_str(data).ok();
        Dialect::of_event(event_type, data, json.as_ref())
    }

    #[test]
    fn each_dialect_is_told_by_its_first_event() {
        assert_eq!(
            of(
                "message",
                r#"{"object":"chat.completion.chunk","choices":[]}"#
            ),
            Some(Dialect::OpenAiChat)
        );
        assert_eq!(
            of(
                "message",
                r#"{"choices":[{"index":0,"delta":{"content":"Hi"}}]}"#
            ),
            Some(Dialect::OpenAiChat)
        );
        assert_eq!(of("message", "[DONE]"), Some(Dialect::OpenAiChat));
        assert_eq!(
            of("response.created", r#"{"type":"response.created"}"#),
            Some(Dialect::OpenAiResponses)
        );
        assert_eq!(
            of("message_start", r#"{"type":"message_start"}"#),
            Some(Dialect::Anthropic)
        );
        assert_eq!(
            of(
                "message",
                r#"{"candidates":[{"content":{"parts":[{"text":"Hi"}]}}]}"#
            ),
            Some(Dialect::Gemini)
        );
        assert_eq!(
            of("message", r#"{"type":"start","messageId":"m1"}"#),
            Some(Dialect::AiSdk)
        );
        assert_eq!(
            of("message", r#"{"type":"text-start","id":"t1"}"#),
            Some(Dialect::AiSdk)
        );
        assert_eq!(
            of(
                "message",
                r#"{"type":"RUN_STARTED","threadId":"t","runId":"r"}"#
            ),
            Some(Dialect::AgUi)
        );
    }

    #[test]
    fn other_streams_are_not_taken_for_ai_streams() {
        assert_eq!(of("tick", r#"{"n":1}"#), None);
        assert_eq!(of("message", "hello"), None);
        // Anthropic's `ping` and `error` come after `message_start`; alone they tell nothing.
        assert_eq!(of("ping", r#"{"type":"ping"}"#), None);
        // A `start` in a named event is some other stream's.
        assert_eq!(of("job", r#"{"type":"start"}"#), None);
    }
}
