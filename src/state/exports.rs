//! Exporting the current run: NDJSON, the raw stream, the session as one JSON document, or a mock
//! for `sse-studio mock` (and the command that serves it, copied), saved as a download and
//! confirmed (or explained) in a toast.

use leptos::prelude::*;

use crate::io::download::download;
use crate::model::library::export::{session_json, write_ndjson};
use crate::model::library::mock::Mock;
use crate::model::present::format::format_file_stamp;
use crate::model::session::media_type::NDJSON;
use crate::state::AppState;

/// The export formats offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One event per line as JSON (`.ndjson`).
    Ndjson,
    /// The stream's bytes exactly as received (`.txt`).
    Raw,
    /// Request, response head, close reason and events in one JSON document (`.json`).
    Session,
    /// The first connection as a mock file `sse-studio mock` serves (`.mock.json`).
    Mock,
    /// The command that serves that mock file, copied.
    MockCommand,
}

impl ExportFormat {
    /// All formats, in menu order.
    pub const ALL: [Self; 5] = [
        Self::Ndjson,
        Self::Raw,
        Self::Session,
        Self::Mock,
        Self::MockCommand,
    ];

    /// The menu label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Ndjson => "Events as NDJSON (.ndjson)",
            Self::Raw => "Raw stream (.txt)",
            Self::Session => "Session as JSON (.json)",
            Self::Mock => "Mock for sse-studio mock (.mock.json)",
            Self::MockCommand => "Copy the mock command",
        }
    }

    /// A stable name for the menu's option values.
    pub fn key(self) -> &'static str {
        match self {
            Self::Ndjson => "ndjson",
            Self::Raw => "raw",
            Self::Session => "json",
            Self::Mock => "mock",
            Self::MockCommand => "mock-command",
        }
    }
}

/// What the toast says when a run has nothing to mock.
const NO_RESPONSE: &str =
    "This run has no response to make a mock of: send the request again once the server answers.";

/// Saves the current run in `format` (or copies the mock command) and says so in a toast.
pub fn export(state: AppState, format: ExportFormat) {
    let result = state.log.with_value(|log| {
        let stamp = format_file_stamp(log.started_unix_ms, log.utc_offset_minutes);
        let events = log.event_count();
        match format {
            ExportFormat::Ndjson => {
                let mut pieces = Vec::new();
                write_ndjson(log, |piece| pieces.push(piece.to_owned()));
                let name = format!("sse-studio-{stamp}.ndjson");
                download(&name, NDJSON, pieces.iter().map(String::as_bytes))
                    .map(|()| format!("Exported {events} events to {name}"))
            }
            ExportFormat::Raw => {
                let name = format!("sse-studio-{stamp}.txt");
                download(&name, "text/plain", log.raw_pages())
                    .map(|()| format!("Exported the raw stream to {name}"))
            }
            ExportFormat::Session => {
                let name = format!("sse-studio-{stamp}.json");
                let document = format!("{:#}", session_json(log));
                download(&name, "application/json", [document.as_bytes()])
                    .map(|()| format!("Exported the session ({events} events) to {name}"))
            }
            ExportFormat::Mock => match Mock::from_log(log) {
                Some(mock) => {
                    let name = mock.file_name();
                    download(&name, "application/json", [mock.to_json().as_bytes()]).map(|()| {
                        format!(
                            "Exported the mock to {name}; serve it with {}",
                            Mock::serve_command(&name)
                        )
                    })
                }
                None => Err(NO_RESPONSE.into()),
            },
            ExportFormat::MockCommand => Mock::from_log(log)
                .map(|mock| Mock::serve_command(&mock.file_name()))
                .ok_or_else(|| NO_RESPONSE.to_owned()),
        }
    });
    match (format, result) {
        (ExportFormat::MockCommand, Ok(command)) => state.copy("the mock command", command),
        (_, result) => state.notify(result.unwrap_or_else(|message| message)),
    }
}
