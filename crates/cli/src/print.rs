//! How `sse-studio stream` prints a session: one line per event — time of day (UTC), ms since the
//! request started, type, id, data (JSON compacted to one line, or indented with `--pretty`) —
//! coloured on a terminal unless `NO_COLOR` is set; or NDJSON in `sse-decode`'s shape. The close
//! reason comes last.

use std::io::Write;

use serde::Serialize;
use serde_json::{Value, json};
use sse_studio_core::session::log::{EventView, SessionLog};

/// How events are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Human-readable lines.
    Text {
        /// ANSI colours.
        colour: bool,
        /// JSON data indented over several lines.
        pretty: bool,
    },
    /// `{"event":…,"data":…,"id":…}` per event, `{"end":…}` last (as `sse-decode`).
    Json,
}

/// One event in `sse-decode`'s shape.
#[derive(Serialize)]
struct JsonLine<'a> {
    event: &'a str,
    data: &'a str,
    id: &'a str,
}

const DIM: &str = "\x1b[2m";
const CYAN: &str = "\x1b[36m";
const YELLOW: &str = "\x1b[33m";
const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const RESET: &str = "\x1b[0m";

impl Style {
    fn paint(self, colour: &str, text: &str) -> String {
        match self {
            Self::Text { colour: true, .. } => format!("{colour}{text}{RESET}"),
            _ => text.to_owned(),
        }
    }

    /// Writes the line (or lines, with `--pretty`) for `event` to `out`.
    ///
    /// # Errors
    /// `out`'s (a closed pipe).
    pub fn write_event(
        self,
        out: &mut impl Write,
        log: &SessionLog,
        event: &EventView<'_>,
    ) -> std::io::Result<()> {
        match self {
            Self::Json => {
                // Straight to the writer: no `Value` per event.
                let line = JsonLine {
                    event: event.event_type,
                    data: event.data,
                    id: event.last_event_id,
                };
                serde_json::to_writer(&mut *out, &line)?;
                out.write_all(b"\n")
            }
            Self::Text { pretty, .. } => writeln!(out, "{}", self.text(log, event, pretty)),
        }
    }

    /// The text line (or lines, with `pretty`) for `event`, without the final newline.
    fn text(self, log: &SessionLog, event: &EventView<'_>, pretty: bool) -> String {
        let data = match serde_json::from_str::<Value>(event.data) {
            Ok(value) if pretty => serde_json::to_string_pretty(&value).unwrap_or_default(),
            Ok(value) => value.to_string(),
            Err(_) => event.data.to_owned(),
        };
        let id = if event.last_event_id.is_empty() {
            String::new()
        } else {
            format!(
                " {}",
                self.paint(DIM, &format!("id={}", event.last_event_id))
            )
        };
        format!(
            "{} {} {}{id} {}",
            self.paint(DIM, &format!("{}Z", log.time_of_day(event.at_ms))),
            self.paint(DIM, &format!("{:>9.1} ms", event.at_ms)),
            self.paint(CYAN, event.event_type),
            without_controls(&data)
        )
    }

    /// The last line: why the session closed, and what came.
    pub fn end(self, log: &SessionLog) -> String {
        let Some(closed) = &log.closed else {
            return String::new();
        };
        match self {
            Self::Json => {
                json!({ "end": closed.reason.kind(), "reason": closed.reason.title() }).to_string()
            }
            Self::Text { .. } => {
                let colour = match closed.reason.kind() {
                    "clean" | "stopped-by-rule" => GREEN,
                    "aborted" => YELLOW,
                    _ => RED,
                };
                let mut line = format!(
                    "\u{2014} {} ({} event(s), {:.1} ms)",
                    closed.reason.title(),
                    log.event_count(),
                    closed.at_ms
                );
                if let Some(stop) = &log.reconnect_stop {
                    line.push_str(&format!("; not reconnecting: {stop}"));
                }
                // The app's hints speak of the browser (CORS…); the one for a truncated stream
                // holds anywhere.
                if let (Some(hint), "truncated") = (closed.reason.hint(), closed.reason.kind()) {
                    line.push_str(&format!("\n  {hint}"));
                }
                if !log.body().is_empty() {
                    line = format!(
                        "{}\n{line}",
                        without_controls(&String::from_utf8_lossy(log.body()))
                    );
                }
                self.paint(colour, &line)
            }
        }
    }
}

/// `text` with terminal control characters (an escape sequence in a server's data could
/// rewrite the terminal) shown as `\u{…}`; newlines and tabs kept.
pub fn without_controls(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_servers_escape_sequences_never_reach_the_terminal() {
        assert_eq!(without_controls("a\x1b[2Jb\r\nc"), "a\\u{1b}[2Jb\\u{d}\nc");
    }
}
