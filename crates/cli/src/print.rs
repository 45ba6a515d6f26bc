//! How `sse-studio stream` prints a session: one line per event — time of day (UTC), ms since the
//! request started, type, id, data (JSON compacted to one line, or indented with `--pretty`) —
//! coloured on a terminal unless `NO_COLOR` is set; or NDJSON in `sse-decode`'s shape. With
//! `--answer`, the AI answer the events add up to comes next (as the app's Answer tab shows it);
//! the close reason comes last. What the server sent is printed with its control characters
//! escaped ([`without_controls`]).

use std::io::Write;

use serde::Serialize;
use serde_json::{Value, json};
use sse_studio_core::ai::answer::{Answer, NO_ANSWER};
use sse_studio_core::ai::builder::AnswerBuilder;
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
                self.paint(
                    DIM,
                    &format!("id={}", without_controls(event.last_event_id))
                )
            )
        };
        format!(
            "{} {} {}{id} {}",
            self.paint(DIM, &format!("{}Z", log.time_of_day(event.at_ms))),
            self.paint(DIM, &format!("{:>9.1} ms", event.at_ms)),
            self.paint(CYAN, &without_controls(event.event_type)),
            without_controls(&data)
        )
    }

    /// The AI answer the session's events add up to (in its dialect, or by the request's answer
    /// rule), or why there is none: lines of text, or one `{"answer": …}` line.
    pub fn answer(self, log: &SessionLog) -> String {
        let mut builder = AnswerBuilder::for_log(log);
        let answer = builder.sync(log);
        let is_closed = log.closed.is_some();
        match self {
            Self::Json => match answer {
                Some(answer) => json!({ "answer": answer_json(answer, is_closed) }).to_string(),
                None => json!({ "answer": null, "reason": NO_ANSWER }).to_string(),
            },
            Self::Text { .. } => match answer {
                Some(answer) => self.answer_text(answer, is_closed),
                None => self.paint(YELLOW, &format!("\u{2014} No answer: {NO_ANSWER}.")),
            },
        }
    }

    /// Heading, reasoning (quoted), text, tool calls, finish reason and tokens, errors, order.
    fn answer_text(self, answer: &Answer, is_closed: bool) -> String {
        let model = answer
            .model
            .as_ref()
            .map(|model| format!(" ({})", without_controls(model)))
            .unwrap_or_default();
        let mut lines = vec![self.paint(
            CYAN,
            &format!(
                "\u{2014} Answer: {}{model}, {}",
                answer.dialect.name(),
                answer.status(is_closed).1
            ),
        )];
        if !answer.reasoning.is_empty() {
            let quoted = without_controls(&answer.reasoning)
                .lines()
                .map(|line| format!("> {line}"))
                .collect::<Vec<_>>()
                .join("\n");
            lines.push(self.paint(DIM, &quoted));
        }
        if !answer.text.is_empty() {
            lines.push(without_controls(&answer.text));
        }
        for call in &answer.tool_calls {
            let id = if call.id.is_empty() {
                String::new()
            } else {
                format!(" ({})", without_controls(&call.id))
            };
            let arguments = match call.pretty_arguments() {
                Ok(pretty) => pretty,
                Err(error) => format!("{}\n(invalid arguments: {error})", call.arguments),
            };
            lines.push(format!(
                "Tool call {}{id}:\n{}",
                self.paint(CYAN, &without_controls(&call.name)),
                without_controls(&arguments)
            ));
            if let Some(result) = call.shown_result() {
                lines.push(format!("Result:\n{}", without_controls(&result)));
            }
        }
        let facts: Vec<String> = [
            answer
                .finish_reason
                .as_ref()
                .map(|reason| format!("Finish reason: {}", without_controls(reason))),
            Some(answer.usage.describe())
                .filter(|usage| !usage.is_empty())
                .map(|usage| format!("Tokens: {usage}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !facts.is_empty() {
            lines.push(facts.join(" \u{b7} "));
        }
        for error in &answer.errors {
            let line = format!(
                "Error in event #{}: {}",
                error.event + 1,
                without_controls(&error.message)
            );
            lines.push(self.paint(RED, &line));
        }
        lines.extend(answer.not_json_note());
        if let Some(first) = answer.order_faults.first() {
            let line = format!(
                "{} event(s) out of protocol order; the first: {}",
                answer.order_faults.len(),
                without_controls(&first.title)
            );
            lines.push(self.paint(YELLOW, &line));
        }
        lines.join("\n")
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

/// `answer` as `--answer --json` prints it: dialect, model, status, text, reasoning, tool calls
/// (each with its result, `null` when the stream carried none), finish reason, usage (token
/// counts), errors (event numbers from 1) and order faults.
fn answer_json(answer: &Answer, is_closed: bool) -> Value {
    let usage = answer.usage;
    json!({
        "dialect": answer.dialect.name(),
        "model": answer.model,
        "status": answer.status(is_closed).0,
        "text": answer.text,
        "reasoning": answer.reasoning,
        "tool_calls": answer.tool_calls.iter().map(|call| json!({
            "id": call.id,
            "name": call.name,
            "arguments": call.arguments,
            "result": call.result,
        })).collect::<Vec<_>>(),
        "finish_reason": answer.finish_reason,
        "usage": {
            "input": usage.input,
            "output": usage.output,
            "reasoning": usage.reasoning,
            "total": usage.total,
        },
        "errors": answer.errors.iter().map(|error| json!({
            "event": error.event + 1,
            "message": error.message,
        })).collect::<Vec<_>>(),
        "order_faults": answer.order_faults.iter().map(|fault| json!({
            "event": fault.event + 1,
            "title": fault.title,
        })).collect::<Vec<_>>(),
    })
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

    #[test]
    fn an_event_type_or_id_cannot_rewrite_the_terminal() {
        use sse_studio_core::session::connection_run::ConnectionRun;
        let mut log = SessionLog::new(1, "GET /x".into(), 0.0, 0);
        let mut run = ConnectionRun::new();
        let headers = vec![("content-type".to_owned(), "text/event-stream".to_owned())];
        run.opened(&mut log, 200, "OK".into(), headers, 1.0);
        run.chunk(
            &mut log,
            b"event: a\x1b[2Jb\nid: \x1b]0;t\x07\ndata: d\n\n",
            2.0,
        );
        let event = log.event(0).expect("one event");
        let style = Style::Text {
            colour: false,
            pretty: false,
        };
        let line = style.text(&log, &event, false);
        assert!(!line.contains('\x1b') && !line.contains('\x07'), "{line:?}");
        assert!(
            line.ends_with(" a\\u{1b}[2Jb id=\\u{1b}]0;t\\u{7} d"),
            "{line:?}"
        );
    }
}
