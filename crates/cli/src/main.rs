//! `sse-studio`: SSE Studio in the terminal and in CI.
//!
//! - `sse-studio stream URL …` prints a stream's events as they arrive (the terminal's answer to
//!   `curl -N`, decoded as the app decodes it);
//! - `sse-studio run FILE …` runs the saved requests of a collections file exported by the app,
//!   with their stop rules and checks, and reports (pretty, JSON or JUnit);
//! - `sse-studio mock FILE|DIR …` serves recorded runs as live endpoints (see [`mock`]).
//!
//! Exit status: 0 when every check passed (for `stream`: the stream ended cleanly or by a rule),
//! 1 when one did not, 2 for bad usage, an unreadable file or an undefined variable; 130 when
//! `stream` was closed with Ctrl+C (its close line still printed).

mod drive;
mod mock;
mod print;
mod report;
mod run;
mod variables;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use sse_studio_core::checks::stop_rule::StopRule;
use sse_studio_core::request::draft::{Method, RequestDraft, with_default_scheme};
use sse_studio_core::request::variables::Secrets;
use sse_studio_core::session::reading::Reading;
use sse_studio_core::session::reconnect::ReconnectPolicy;
use sse_studio_core::simple_path::SimplePath;

use crate::print::Style;
use crate::report::Reporter;
use sse_studio_core::checks::report::{
    RUN_TIME_LIMIT_MS, RequestResult, json_report, junit_report,
};

/// SSE Studio in the terminal: stream an event stream, or run saved requests' checks in CI.
#[derive(Debug, Parser)]
#[command(name = "sse-studio", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print a stream's events as they arrive; the close reason comes last.
    Stream(StreamArgs),
    /// Run the saved requests of a collections file, with their stop rules and checks.
    ///
    /// The requests of a collections file exported by SSE Studio run one after another, each
    /// until its stop rules (or --timeout) end it. Exit 0 when every check passed, 1 when one did
    /// not, 2 for bad usage, an unreadable file or an undefined variable.
    Run(RunArgs),
    /// Serve recorded runs ("Export as mock") as live endpoints, read by read, with their timing.
    ///
    /// Each mock answers its method and path; Last-Event-ID resumes after that event; faults on
    /// demand (--fault, or ?_fault=… per request); CORS open. GET / lists what is served.
    Mock(mock::MockArgs),
}

#[derive(Debug, Args)]
struct StreamArgs {
    /// The URL (a host without scheme gets http://, as curl does).
    url: String,
    /// The method (default GET, or POST with --data).
    #[arg(short = 'X', long = "request", value_name = "METHOD")]
    method: Option<String>,
    /// A header, as 'Name: value' (repeat for more). `Accept: text/event-stream` is sent unless
    /// you set Accept.
    #[arg(short = 'H', long = "header", value_name = "HEADER")]
    headers: Vec<String>,
    /// The body; @FILE reads it from a file.
    #[arg(short = 'd', long = "data", value_name = "BODY")]
    data: Option<String>,
    /// Sent as Last-Event-ID, to resume after that event.
    #[arg(long)]
    last_event_id: Option<String>,
    /// Reconnect when the stream ends, as EventSource does (with the last event ID).
    #[arg(long)]
    reconnect: bool,
    /// Stop after this many events.
    #[arg(long, value_name = "N")]
    max_events: Option<u64>,
    /// Stop at the first event of this type.
    #[arg(long, value_name = "TYPE")]
    until: Option<String>,
    /// Stop after this many seconds.
    #[arg(long, value_name = "S")]
    timeout: Option<f64>,
    /// Print NDJSON in sse-decode's shape: {"event","data","id"} per event, {"end"} last.
    #[arg(long)]
    json: bool,
    /// Indent JSON data over several lines.
    #[arg(long, conflicts_with = "json")]
    pretty: bool,
    #[command(flatten)]
    reading: ReadingArgs,
}

/// `stream`'s flags for reading the stream, as the app's Settings › Reading the stream.
#[derive(Debug, Args)]
#[command(next_help_heading = "Reading the stream")]
struct ReadingArgs {
    /// Type each record of an NDJSON, JSON Lines or JSON text sequence stream by the string at
    /// this JSON path (default $.type), as the app's Settings › Record type.
    #[arg(long, value_name = "PATH")]
    record_type: Option<String>,
    /// After the events, print the AI answer they add up to: text, reasoning, tool calls, finish
    /// reason, tokens, errors and order faults (with --json, an {"answer"} line), before the
    /// close line.
    #[arg(long)]
    answer: bool,
    /// Your answer rule, for a stream in no known AI dialect: the JSON path of each event's text
    /// delta. Setting it turns the rule on (as the app's Settings › Answer text).
    #[arg(long, value_name = "PATH")]
    rule_text: Option<String>,
    /// The rule's path to a reasoning delta (with --rule-text).
    #[arg(long, value_name = "PATH")]
    rule_reasoning: Option<String>,
    /// The rule's path to a tool call's name: each event with one starts a call (with --rule-text).
    #[arg(long, value_name = "PATH")]
    rule_tool_name: Option<String>,
    /// The rule's path to the latest tool call's arguments (with --rule-text).
    #[arg(long, value_name = "PATH")]
    rule_tool_arguments: Option<String>,
    /// The rule's path to the finish reason: its first value other than null ends the answer
    /// (with --rule-text).
    #[arg(long, value_name = "PATH")]
    rule_finish: Option<String>,
}

impl ReadingArgs {
    /// How the stream is read, as the app's Settings would say it.
    ///
    /// # Errors
    /// A flag whose value is not a path of names and indices, or a rule path without
    /// `--rule-text` (which turns the rule on), named.
    fn reading(&self) -> Result<Reading, String> {
        let mut reading = Reading::default();
        let flags = [
            ("--record-type", "record_type", &self.record_type),
            ("--rule-text", "text", &self.rule_text),
            ("--rule-reasoning", "reasoning", &self.rule_reasoning),
            ("--rule-tool-name", "tool_name", &self.rule_tool_name),
            (
                "--rule-tool-arguments",
                "tool_arguments",
                &self.rule_tool_arguments,
            ),
            ("--rule-finish", "finish", &self.rule_finish),
        ];
        for (flag, field, value) in flags {
            let Some(path) = value else { continue };
            if SimplePath::parse(path.trim()).is_none() {
                return Err(format!(
                    "{flag} {path}: not a JSON path of names and indices (write it as $.a.b[0])"
                ));
            }
            if field != "record_type" && self.rule_text.is_none() {
                return Err(format!(
                    "{flag} needs --rule-text: the rule is on when its text path is set"
                ));
            }
            if let Some(field) = reading.field_mut(field) {
                field.clone_from(path);
            }
        }
        Ok(reading)
    }
}

#[derive(Debug, Args)]
struct RunArgs {
    /// A collections file exported by SSE Studio.
    file: PathBuf,
    /// An environment file: the app's environment record, or a JSON object of name → value.
    #[arg(long, value_name = "ENV.json")]
    env: Option<PathBuf>,
    /// A variable, as name=value (repeat for more); SSE_STUDIO_VAR_<name> in the environment
    /// works too. --var wins over both.
    #[arg(long = "var", value_name = "NAME=VALUE")]
    vars: Vec<String>,
    /// Run only the requests with this name.
    #[arg(long, value_name = "NAME")]
    request: Option<String>,
    /// Run only the requests in folders (or collections) with this name.
    #[arg(long, value_name = "NAME")]
    folder: Option<String>,
    /// The report's form.
    #[arg(long, value_enum, default_value = "pretty")]
    reporter: Reporter,
    /// Write the report to this file (progress still goes to the terminal).
    #[arg(long, value_name = "PATH")]
    out: Option<PathBuf>,
    /// Stop after the first request that fails.
    #[arg(long)]
    bail: bool,
    /// Write each run to this folder as a session file SSE Studio opens ("Open a stream").
    #[arg(long, value_name = "DIR")]
    record: Option<PathBuf>,
    /// End any request's run after this many seconds if its stop rules have not.
    #[arg(long, value_name = "S", default_value_t = RUN_TIME_LIMIT_MS as f64 / 1000.0)]
    timeout: f64,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let cli = match cli.command {
        Command::Mock(args) => return mock::serve_mocks(args),
        command => Cli { command },
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => return usage_error(&format!("cannot start: {error}")),
    };
    match cli.command {
        Command::Stream(args) => runtime.block_on(stream(args)),
        Command::Run(args) => runtime.block_on(run_file(args)),
        Command::Mock(args) => mock::serve_mocks(args),
    }
}

/// Says `message` on stderr and exits 2.
fn usage_error(message: &str) -> ExitCode {
    eprintln!("sse-studio: {message}");
    ExitCode::from(2)
}

/// Seconds as whole ms, refusing what is not a time.
fn ms_of(seconds: f64, flag: &str) -> Result<u64, String> {
    if seconds.is_finite() && seconds >= 0.0 {
        Ok((seconds * 1000.0).round() as u64)
    } else {
        Err(format!("{flag} {seconds}: give a number of seconds"))
    }
}

async fn stream(args: StreamArgs) -> ExitCode {
    match stream_inner(args).await {
        Ok(code) => code,
        Err(message) => usage_error(&message),
    }
}

async fn stream_inner(args: StreamArgs) -> Result<ExitCode, String> {
    let reading = args.reading.reading()?;
    let url = with_default_scheme(&args.url).unwrap_or(args.url);
    let body = match &args.data {
        Some(data) => match data.strip_prefix('@') {
            Some(path) => std::fs::read_to_string(path)
                .map_err(|error| format!("cannot read {path}: {error}"))?,
            None => data.clone(),
        },
        None => String::new(),
    };
    let method_name = args
        .method
        .unwrap_or_else(|| if args.data.is_some() { "POST" } else { "GET" }.into())
        .to_ascii_uppercase();
    let method = Method::parse(&method_name).ok_or_else(|| {
        format!("the method {method_name} is not one of GET, POST, PUT, PATCH, DELETE")
    })?;
    let mut headers = Vec::new();
    for header in &args.headers {
        let (name, value) = header
            .split_once(':')
            .ok_or_else(|| format!("-H {header}: write it as 'Name: value'"))?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    if !headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("accept"))
    {
        headers.insert(0, ("Accept".into(), "text/event-stream".into()));
    }
    let header_refs: Vec<(&str, &str)> = headers
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    let mut draft = RequestDraft::new(method, url, &[], body);
    draft.headers = sse_studio_core::request::draft::HeaderRow::numbered(
        header_refs
            .iter()
            .map(|(name, value)| (*name, *value, true)),
    );
    draft.last_event_id = args.last_event_id.unwrap_or_default();
    let request = draft.prepare(None, Secrets::Reveal)?;
    let shown = draft.prepare(None, Secrets::Mask)?.masked();
    let mut stop_rules = Vec::new();
    if let Some(count) = args.max_events {
        stop_rules.push(StopRule::AfterEvents { count });
    }
    if let Some(event_type) = args.until {
        stop_rules.push(StopRule::OnType { event_type });
    }
    if let Some(seconds) = args.timeout {
        stop_rules.push(StopRule::AfterMs {
            ms: ms_of(seconds, "--timeout")?,
        });
    }
    let options = drive::Options {
        stop_rules,
        reconnect: ReconnectPolicy {
            enabled: Some(args.reconnect),
            ..ReconnectPolicy::default()
        },
        reading,
    };
    let style = if args.json {
        Style::Json
    } else {
        Style::Text {
            colour: std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty()),
            pretty: args.pretty,
        }
    };
    let client = reqwest::Client::builder()
        .connect_timeout(std::time::Duration::from_secs(10))
        .build()
        .map_err(|error| error.to_string())?;
    let target = format!("{} {}", shown.method.as_str(), shown.url);
    // Written in one go per network read (the events it completed), not a write per line.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let (mut log, started) = drive::start(target);
    let streamed = drive::drive(
        &client,
        &request,
        &mut log,
        started,
        &options,
        |log, from| {
            for index in from..log.event_count() {
                if let Some(event) = log.event(index) {
                    // A closed pipe (`| head`) is not an error worth a panic: stop writing.
                    let _ = style.write_event(&mut out, log, &event);
                }
            }
            let _ = out.flush();
        },
    );
    // Ctrl+C closes the stream as the app's Close does: the close line still comes, and what
    // came stays printed.
    let aborted = tokio::select! {
        () = streamed => false,
        _ = tokio::signal::ctrl_c() => true,
    };
    if aborted {
        log.close(
            sse_studio_core::session::close_reason::CloseReason::Aborted,
            started.elapsed().as_secs_f64() * 1000.0,
        );
    }
    if args.reading.answer {
        let _ = writeln!(out, "{}", style.answer(&log));
    }
    let _ = writeln!(out, "{}", style.end(&log));
    let clean = log
        .closed
        .as_ref()
        .is_some_and(|closed| matches!(closed.reason.kind(), "clean" | "stopped-by-rule"));
    Ok(if aborted {
        // As shells report a command ended by Ctrl+C (128 + SIGINT).
        ExitCode::from(130)
    } else if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

async fn run_file(args: RunArgs) -> ExitCode {
    let collections = match run::read_collections(&args.file) {
        Ok(collections) => collections,
        Err(message) => return usage_error(&message),
    };
    let selected = match run::select(
        &collections,
        args.request.as_deref(),
        args.folder.as_deref(),
    ) {
        Ok(selected) => selected,
        Err(message) => return usage_error(&message),
    };
    let environment =
        match variables::environment(args.env.as_deref(), &args.vars, std::env::vars()) {
            Ok(environment) => environment,
            Err(message) => return usage_error(&message),
        };
    let timeout_ms = match ms_of(args.timeout, "--timeout") {
        Ok(ms) => ms,
        Err(message) => return usage_error(&message),
    };
    let options = run::RunOptions {
        timeout_ms,
        record: args.record.clone(),
    };
    // Progress in the terminal, unless the report itself goes there as JSON or XML.
    let progress = args.reporter == Reporter::Pretty || args.out.is_some();
    let results = run::run_all(&selected, &environment, &options, |result| {
        if progress {
            print!(
                "{}",
                print::without_controls(&report::pretty_request(result))
            );
        }
        !args.bail || result.passed()
    })
    .await;
    let results = match results {
        Ok(results) => results,
        Err(message) => return usage_error(&message),
    };
    if progress {
        print!("{}", report::pretty_summary(&results));
    }
    let text = match args.reporter {
        Reporter::Pretty => None,
        Reporter::Json => Some(json_report(&results)),
        Reporter::Junit => Some(junit_report(&results)),
    };
    match (&args.out, text) {
        (Some(path), text) => {
            let text = text.unwrap_or_else(|| {
                results
                    .iter()
                    .map(report::pretty_request)
                    .collect::<String>()
                    + &report::pretty_summary(&results)
            });
            if let Err(error) = std::fs::write(path, text) {
                return usage_error(&format!("cannot write {}: {error}", path.display()));
            }
        }
        (None, Some(text)) => print!("{text}"),
        (None, None) => {}
    }
    if results.iter().all(RequestResult::passed) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
