//! `fetch` with the body read as a `ReadableStream`, chunk by chunk, abortable through an
//! `AbortController`. Unlike `EventSource`, this sends any method, headers and body.
//!
//! The request is built and sent with gloo-net; two things stay with web-sys: the `Headers`
//! (gloo-net's `append` throws on a name or value the browser refuses, where the user must be
//! told which), and the body, read with wasm-streams (gloo-net only reads a body whole).

use futures_util::StreamExt;
use gloo_net::http::{Headers, Method, RequestBuilder, Response};
use web_sys::{AbortSignal, RequestCredentials};

use super::describe_js_error;
use super::schedule::yield_to_browser;
use crate::model::request::draft::{PreparedRequest, as_byte_string};

/// What the transport reports, in order: `Opened` once (unless the request fails first), any
/// number of `Chunk`s, then exactly one of `Ended` or `Failed`. Times are `performance.now()` ms.
#[derive(Debug)]
pub enum TransportEvent {
    /// The response head arrived.
    Opened {
        /// Status code.
        status: u16,
        /// Reason phrase.
        status_text: String,
        /// Headers as (name, value).
        headers: Vec<(String, String)>,
        /// Arrival time.
        at_ms: f64,
    },
    /// One `ReadableStream` read, or a part of one: a large read is reported in parts of at most
    /// 256 KiB, with the browser let in between them.
    Chunk {
        /// The bytes read.
        bytes: Vec<u8>,
        /// Arrival time.
        at_ms: f64,
        /// Whether this is a later part of the read reported just before.
        is_continuation: bool,
    },
    /// The body ended.
    Ended {
        /// Arrival time.
        at_ms: f64,
    },
    /// The request or the body read failed (including by abort).
    Failed {
        /// The browser's message.
        message: String,
        /// Arrival time.
        at_ms: f64,
    },
}

/// Sends `request` and reports its progress to `report` until the body ends, fails or `signal`
/// aborts it.
pub async fn fetch_stream(
    request: &PreparedRequest,
    signal: &AbortSignal,
    // Not generic: one copy of this function in the wasm for every caller.
    report: &mut dyn FnMut(TransportEvent),
) {
    let now = super::clock::monotonic_ms;
    match open(request, signal).await {
        Err(message) => report(TransportEvent::Failed {
            message,
            at_ms: now(),
        }),
        Ok(response) => {
            report(TransportEvent::Opened {
                status: response.status(),
                status_text: response.status_text(),
                headers: response.headers().entries().collect(),
                at_ms: now(),
            });
            let Some(body) = response.body() else {
                report(TransportEvent::Ended { at_ms: now() });
                return;
            };
            let mut chunks = wasm_streams::ReadableStream::from_raw(body).into_stream();
            let mut task_start = now();
            while let Some(chunk) = chunks.next().await {
                match chunk {
                    Ok(chunk) => {
                        let chunk = js_sys::Uint8Array::new(&chunk);
                        let at_ms = now();
                        let mut start = 0;
                        while start < chunk.length() {
                            let end = start.saturating_add(PART_BYTES).min(chunk.length());
                            report(TransportEvent::Chunk {
                                bytes: chunk.subarray(start, end).to_vec(),
                                at_ms,
                                is_continuation: start > 0,
                            });
                            start = end;
                            // Parts already received are handled in one task unless the browser
                            // is let in: keep tasks short so the page stays responsive.
                            if now() - task_start > TASK_BUDGET_MS {
                                yield_to_browser().await;
                                task_start = now();
                            }
                        }
                    }
                    Err(error) => {
                        report(TransportEvent::Failed {
                            message: describe_js_error(&error),
                            at_ms: now(),
                        });
                        return;
                    }
                }
            }
            report(TransportEvent::Ended { at_ms: now() });
        }
    }
}

/// Largest part of a read handed on at once, in bytes (browsers hand on up to a few MiB at once
/// from a fast server).
const PART_BYTES: u32 = 256 << 10;

/// Longest stretch of work in one task before the browser is let in, in ms (a task over 50 ms is
/// a "long task" that delays input).
const TASK_BUDGET_MS: f64 = 35.0;

/// Sends `request`: its response head, or why there is none (the browser's words).
async fn open(request: &PreparedRequest, signal: &AbortSignal) -> Result<Response, String> {
    let headers = web_sys::Headers::new().map_err(|error| describe_js_error(&error))?;
    for (name, value) in &request.headers {
        headers
            .append(name, &as_byte_string(value))
            .map_err(|error| describe_js_error(&error))?;
    }
    let method = Method::from_bytes(request.method.as_str().as_bytes())
        .map_err(|error| format!("{} is not a method: {error}", request.method.as_str()))?;
    let builder = RequestBuilder::new(&request.url)
        .method(method)
        .headers(Headers::from_raw(headers))
        .abort_signal(Some(signal))
        // Never this origin's cookies or HTTP auth: the relay and the demos are on the app's own
        // origin, and what the user sends is what the editor shows.
        .credentials(RequestCredentials::Omit);
    let built = match &request.body {
        Some(body) => builder.body(body.as_str()),
        None => builder.build(),
    };
    built
        .map_err(|error| error.to_string())?
        .send()
        .await
        .map_err(|error| error.to_string())
}
