//! Posting a message to the endpoint of an MCP HTTP+SSE stream (named by its `endpoint` event)
//! while the stream runs: the message is kept in the run's log, so the conversation pairs it with
//! its answer when that comes on the stream; a refusal is said in the toast.

use leptos::prelude::*;
use web_sys::AbortController;

use super::app_state::AppState;
use crate::io::clock;
use crate::io::fetch_stream::{TransportEvent, fetch_stream};
use crate::model::request::draft::{Method, PreparedRequest};
use crate::model::request::origin::endpoint_of_stream;

/// Posts `body` (a JSON-RPC message) to `endpoint`, resolved against the running stream's URL
/// and refused when it is on another origin (see `endpoint_of_stream`). Credentials of the
/// stream's request are not sent with it.
pub fn post_to_endpoint(state: AppState, endpoint: &str, body: String) {
    let run = state.active_run.with_value(|run| {
        run.as_ref()
            .map(|run| (run.sent.url.clone(), run.started_ms))
    });
    let Some((stream_url, started_ms)) = run else {
        state.notify("The stream has ended: send its request again to post to a new endpoint.");
        return;
    };
    let url = match endpoint_of_stream(&stream_url, endpoint) {
        Ok(url) => url,
        Err(message) => {
            state.notify(message);
            return;
        }
    };
    let request = PreparedRequest {
        method: Method::Post,
        url,
        headers: vec![
            ("Content-Type".to_owned(), "application/json".to_owned()),
            (
                "Accept".to_owned(),
                "application/json, text/event-stream".to_owned(),
            ),
        ],
        body: Some(body.clone()),
    };
    state.log.update_value(|log| {
        log.sent
            .posted
            .push((clock::monotonic_ms() - started_ms, body));
    });
    state.refresh_log_view();
    state.spawn(async move {
        let Ok(controller) = AbortController::new() else {
            return;
        };
        let mut answer = None;
        fetch_stream(&request, &controller.signal(), &mut |event| match event {
            TransportEvent::Opened {
                status,
                status_text,
                ..
            } => answer = Some(Ok((status, status_text))),
            TransportEvent::Failed { message, .. } if answer.is_none() => {
                answer = Some(Err(message));
            }
            _ => {}
        })
        .await;
        match answer {
            Some(Ok((status, _))) if (200..300).contains(&status) => {}
            Some(Ok((status, text))) => state.notify(format!(
                "The endpoint answered {status} {text}: the message was not taken."
            )),
            Some(Err(message)) => {
                state.notify(format!("Posting to the endpoint failed: {message}"))
            }
            None => {}
        }
    });
}
