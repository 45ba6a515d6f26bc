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
        }
    }

    /// What ends a complete stream of this dialect.
    pub fn terminator(self) -> &'static str {
        match self {
            Self::OpenAiChat => "data: [DONE]",
            Self::OpenAiResponses => "response.completed",
            Self::Anthropic => "message_stop",
            Self::Gemini => "a finishReason",
            Self::Ollama => "\"done\": true",
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
        let json = json?;
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
    }

    #[test]
    fn other_streams_are_not_taken_for_ai_streams() {
        assert_eq!(of("tick", r#"{"n":1}"#), None);
        assert_eq!(of("message", "hello"), None);
        // Anthropic's `ping` and `error` come after `message_start`; alone they tell nothing.
        assert_eq!(of("ping", r#"{"type":"ping"}"#), None);
    }
}
