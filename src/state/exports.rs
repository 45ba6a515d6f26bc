//! Exporting the current run: NDJSON, the raw stream, or the session as one JSON document, saved
//! as a download and confirmed (or explained) in a toast.

use leptos::prelude::*;

use crate::io::download::download;
use crate::model::library::export::{session_json, write_ndjson};
use crate::model::present::format::format_file_stamp;
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
}

impl ExportFormat {
    /// All formats, in menu order.
    pub const ALL: [Self; 3] = [Self::Ndjson, Self::Raw, Self::Session];

    /// The menu label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Ndjson => "Events as NDJSON (.ndjson)",
            Self::Raw => "Raw stream (.txt)",
            Self::Session => "Session as JSON (.json)",
        }
    }

    /// A stable name for the menu's option values.
    pub fn key(self) -> &'static str {
        match self {
            Self::Ndjson => "ndjson",
            Self::Raw => "raw",
            Self::Session => "json",
        }
    }
}

/// Saves the current run in `format` and says so in a toast.
pub fn export(state: AppState, format: ExportFormat) {
    let result = state.log.with_value(|log| {
        let stamp = format_file_stamp(log.started_unix_ms, log.utc_offset_minutes);
        let events = log.event_count();
        match format {
            ExportFormat::Ndjson => {
                let mut pieces = Vec::new();
                write_ndjson(log, |piece| pieces.push(piece.to_owned()));
                let name = format!("sse-studio-{stamp}.ndjson");
                download(
                    &name,
                    "application/x-ndjson",
                    pieces.iter().map(String::as_bytes),
                )
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
        }
    });
    state.notify(result.unwrap_or_else(|message| message));
}
