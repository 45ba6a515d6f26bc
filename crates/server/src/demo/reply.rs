//! What the demo "models" answer: a short reply quoting the last user message, cut into tokens
//! (a word with its leading space), sent at a token pace.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use serde::Deserialize;
use serde_json::Value;

/// The longest quote of the user's message in a reply, in characters.
const QUOTE_CHARS: usize = 120;

/// The fields of a chat request body the demos use (OpenAI and Anthropic share this shape).
#[derive(Debug, Deserialize)]
pub struct ChatRequest {
    pub model: Option<String>,
    #[serde(default)]
    pub messages: Vec<Message>,
    #[serde(default)]
    pub stream: bool,
    pub stream_options: Option<StreamOptions>,
}

#[derive(Debug, Deserialize)]
pub struct Message {
    pub role: String,
    #[serde(default)]
    pub content: Value,
}

#[derive(Debug, Deserialize)]
pub struct StreamOptions {
    #[serde(default)]
    pub include_usage: bool,
}

/// Query parameters of the AI demos (not part of the providers' APIs).
#[derive(Debug, Deserialize)]
pub struct Pace {
    /// Milliseconds between tokens; 40 ms is a typical hosted-model pace.
    #[serde(default = "default_delay_ms")]
    pub delay_ms: u64,
}

fn default_delay_ms() -> u64 {
    40
}

impl Pace {
    pub fn delay(&self) -> Duration {
        Duration::from_millis(self.delay_ms.min(60_000))
    }
}

impl ChatRequest {
    /// Parses a request body; the error is a sentence for the provider-shaped 400 response.
    pub fn parse(body: &Bytes) -> Result<Self, String> {
        let request: Self = serde_json::from_slice(body)
            .map_err(|error| format!("The request body is not valid JSON: {error}"))?;
        if request.messages.is_empty() {
            return Err("messages: at least one message is required".into());
        }
        Ok(request)
    }

    /// The model the request names, or `default` when it names none.
    pub fn model_or(&self, default: &str) -> String {
        self.model.clone().unwrap_or_else(|| default.to_owned())
    }

    /// The reply's tokens: each word with its leading space, as model tokenizers emit them.
    pub fn reply_tokens(&self) -> Vec<String> {
        let said = self
            .messages
            .iter()
            .rev()
            .find(|message| message.role == "user")
            .map(|message| content_text(&message.content))
            .unwrap_or_default();
        let quote: String = said.split_whitespace().collect::<Vec<_>>().join(" ");
        let quote: String = quote.chars().take(QUOTE_CHARS).collect();
        let text = format!(
            "Hello from the SSE Studio demo! You said: \u{201c}{quote}\u{201d}. \
             This answer is streamed one token at a time, like a real model's."
        );
        let mut tokens = Vec::new();
        for (index, word) in text.split(' ').enumerate() {
            tokens.push(if index == 0 {
                word.to_owned()
            } else {
                format!(" {word}")
            });
        }
        tokens
    }

    /// A rough prompt size in tokens (about four characters a token), for the usage fields.
    pub fn input_tokens(&self) -> usize {
        let characters: usize = self
            .messages
            .iter()
            .map(|message| content_text(&message.content).chars().count())
            .sum();
        characters.div_ceil(4).max(1)
    }
}

/// The text of a message's content: a string, or the `text` of each content part.
fn content_text(content: &Value) -> String {
    match content {
        Value::String(text) => text.clone(),
        Value::Array(parts) => parts
            .iter()
            .filter_map(|part| part.get("text").and_then(Value::as_str))
            .collect::<Vec<_>>()
            .join(" "),
        _ => String::new(),
    }
}

/// Seconds since the Unix epoch.
pub fn unix_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

/// An id suffix that differs between responses: 24 lowercase hex digits from the clock.
pub fn id_suffix() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_nanos());
    format!("{:024x}", nanos & ((1 << 96) - 1))
}
