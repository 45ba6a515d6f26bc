//! One JSON-RPC 2.0 message (JSON-RPC 2.0 specification §4–5), read from a request body or an
//! event's data: a request, a notification, a response, or a batch of them.

use serde_json::Value;

/// A request id, as written: JSON-RPC tells the number `1` from the string `"1"`, so the id is
/// kept as its JSON text (`1`, `"1"`).
pub type Id = String;

/// A message.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// A call that expects a response with the same id.
    Request {
        /// Its id (JSON text).
        id: Id,
        /// The method called.
        method: String,
        /// Its parameters, if any.
        params: Option<Value>,
    },
    /// A call without id: no response comes.
    Notification {
        /// The method.
        method: String,
        /// Its parameters, if any.
        params: Option<Value>,
    },
    /// The answer to a request: `result` on success, `error` on failure — exactly one of them,
    /// which [`Message::Response`] does not enforce so that a faulty one can be shown.
    Response {
        /// The request's id (JSON text; `null` when the server could not read it).
        id: Id,
        /// `result`, if present.
        result: Option<Value>,
        /// `error`, if present.
        error: Option<Value>,
    },
}

/// What a text holds, read as JSON-RPC.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    /// Messages: one, or the members of a batch (in order).
    Messages {
        /// The messages.
        messages: Vec<Message>,
        /// Whether they came as a batch (an array).
        is_batch: bool,
    },
    /// JSON that is not JSON-RPC 2.0 (no `"jsonrpc": "2.0"`, or neither a method nor an id), or
    /// not JSON: why, as a sentence.
    NotJsonRpc(String),
}

/// Reads `text` (a request body or an event's data) as JSON-RPC 2.0.
pub fn parse(text: &str) -> Parsed {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => return Parsed::NotJsonRpc(format!("It is not JSON: {error}.")),
    };
    match value {
        Value::Array(members) if !members.is_empty() => {
            let messages: Result<Vec<Message>, String> = members.iter().map(message).collect();
            match messages {
                Ok(messages) => Parsed::Messages {
                    messages,
                    is_batch: true,
                },
                Err(why) => Parsed::NotJsonRpc(format!("A member of the batch: {why}")),
            }
        }
        Value::Array(_) => Parsed::NotJsonRpc("It is an empty batch.".into()),
        value => match message(&value) {
            Ok(message) => Parsed::Messages {
                messages: vec![message],
                is_batch: false,
            },
            Err(why) => Parsed::NotJsonRpc(why),
        },
    }
}

/// Whether `text` looks like JSON-RPC 2.0 (to tell a stream that carries it).
pub fn is_json_rpc(text: &str) -> bool {
    matches!(parse(text), Parsed::Messages { .. })
}

fn message(value: &Value) -> Result<Message, String> {
    let object = value
        .as_object()
        .ok_or("It is not a JSON object.".to_owned())?;
    if object.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return Err("It has no \"jsonrpc\": \"2.0\".".into());
    }
    let id = object.get("id").map(Value::to_string);
    match (object.get("method").and_then(Value::as_str), id) {
        (Some(method), Some(id)) => Ok(Message::Request {
            id,
            method: method.to_owned(),
            params: object.get("params").cloned(),
        }),
        (Some(method), None) => Ok(Message::Notification {
            method: method.to_owned(),
            params: object.get("params").cloned(),
        }),
        (None, Some(id)) => Ok(Message::Response {
            id,
            result: object.get("result").cloned(),
            error: object.get("error").cloned(),
        }),
        (None, None) => Err("It has neither a \"method\" nor an \"id\".".into()),
    }
}

/// An error object's code and message, if it has the shape JSON-RPC gives it (an integer `code`
/// and a string `message`, §5.1).
pub fn error_parts(error: &Value) -> Option<(i64, &str)> {
    Some((
        error.get("code")?.as_i64()?,
        error.get("message")?.as_str()?,
    ))
}
