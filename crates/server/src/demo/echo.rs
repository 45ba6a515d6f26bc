//! `GET /demo/echo`: one `echo` event whose data is the request's method, path and headers as
//! JSON, so a client can see exactly what went over the wire (variables substituted, headers
//! sent).

use axum::extract::OriginalUri;
use axum::http::{HeaderMap, Method};
use axum::response::Response;
use serde_json::{Map, Value, json};

use crate::event_stream::{Frame, paced};

/// Sends `event: echo` with `{"method","uri","headers":{name: value}}` (names lowercase; a header
/// sent twice joined with `, `), then ends cleanly.
pub async fn echo(method: Method, OriginalUri(uri): OriginalUri, headers: HeaderMap) -> Response {
    let mut names = Map::new();
    for (name, value) in &headers {
        let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
        match names.get_mut(name.as_str()) {
            Some(Value::String(existing)) => {
                existing.push_str(", ");
                existing.push_str(&value);
            }
            _ => {
                names.insert(name.as_str().to_owned(), Value::String(value));
            }
        }
    }
    let data = json!({ "method": method.as_str(), "uri": uri.to_string(), "headers": names });
    paced([Frame::event(
        std::time::Duration::ZERO,
        Some("echo"),
        None,
        &data.to_string(),
    )])
}
