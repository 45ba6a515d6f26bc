//! What a mock server serves, as a page at `/` and in the 404 for a request no mock answers.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::Served;

/// One line per mock: method, path, what it must match, its reads, events and duration, its
/// file.
fn lines(served: &[Served]) -> Vec<String> {
    served
        .iter()
        .map(|served| {
            let mock = &served.mock;
            let request = &mock.request;
            let mut line = format!(
                "{} {}",
                request.method.as_deref().unwrap_or("*"),
                request.path
            );
            for (name, value) in &request.query {
                line.push_str(&format!(" [query {name}={value}]"));
            }
            if let Some(text) = &request.body_contains {
                line.push_str(&format!(" [body contains {text:?}]"));
            }
            line.push_str(&format!(
                " \u{2192} {} \u{b7} {} reads \u{b7} {} events \u{b7} {:.0} ms \u{b7} {}",
                mock.response.status,
                mock.reads.len(),
                mock.event_ends().len(),
                mock.end.at_ms,
                served.source.display()
            ));
            if !mock.faults.is_empty() {
                line.push_str(&format!(" \u{b7} faults {}", mock.faults.join(", ")));
            }
            line
        })
        .collect()
}

/// The listing: a plain-text page (no markup, so nothing in a file can inject any).
pub fn page(served: &[Served]) -> Response {
    let mut text = format!("SSE Studio mock server: {} mocks\n\n", served.len());
    for line in lines(served) {
        text.push_str(&line);
        text.push('\n');
    }
    text.push_str(
        "\nFaults per request: ?_fault=drop-after:3 (also cut-mid-event:N, delay-first-byte:MS, \
         gzip, burst:MS, content-type:VALUE, no-blank-line, retry:MS; comma-separated).\n",
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()
}

/// The 404 for a `method` request for `path` that no mock answers, listing those that exist.
pub fn not_found(served: &[Served], method: &str, path: &str) -> Response {
    let mut text = format!("No mock answers {method} {path}. Served:\n");
    for line in lines(served) {
        text.push_str(&line);
        text.push('\n');
    }
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}
