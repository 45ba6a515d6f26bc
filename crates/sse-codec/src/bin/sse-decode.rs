//! `sse-decode`: reads a raw event stream on stdin and writes one JSON object per line on stdout.
//!
//! ```text
//! {"event":TYPE,"data":DATA,"id":LAST_EVENT_ID}   per dispatched event
//! {"retry":MS}                                    per valid retry field
//! {"comment":TEXT}                                per comment line
//! {"limit_exceeded":"line"|"event","offset":N}    per line or event over the limits, discarded
//! {"end":"clean"} or {"end":"truncated"}          last, always
//! ```
//!
//! `--chunk-size N` feeds the decoder N-byte pieces (default 65536); the output does not depend on N.
//! `--max-line-bytes N` and `--max-event-bytes N` set the decoder's limits (default 16 MiB each).
//! Decoding is total, so any input exits 0; bad flags or an I/O error exit 2 with a message.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use sse_codec::{Decoder, End, ItemRef, Limit, Limits};

const USAGE: &str = "usage: sse-decode [--chunk-size N] [--max-line-bytes N] [--max-event-bytes N]
reads an event stream on stdin, writes one JSON object per line";

/// The command line, parsed.
struct Options {
    chunk_size: usize,
    limits: Limits,
}

fn main() -> ExitCode {
    let options = match parse_options(std::env::args().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("sse-decode: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("sse-decode: {error}");
            ExitCode::from(2)
        }
    }
}

/// `Ok(None)` means help was asked for.
fn parse_options(mut args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
    let mut options = Options {
        chunk_size: 65536,
        limits: Limits::default(),
    };
    while let Some(arg) = args.next() {
        if arg == "-h" || arg == "--help" {
            return Ok(None);
        }
        let (flag, value) = match arg.split_once('=') {
            Some((flag, value)) => (flag.to_owned(), value.to_owned()),
            None => {
                let value = args.next().ok_or(format!("{arg} needs a value"))?;
                (arg, value)
            }
        };
        let target = match flag.as_str() {
            "--chunk-size" => &mut options.chunk_size,
            "--max-line-bytes" => &mut options.limits.max_line_bytes,
            "--max-event-bytes" => &mut options.limits.max_event_bytes,
            _ => return Err(format!("unknown argument {flag:?}")),
        };
        *target = match value.parse::<usize>() {
            Ok(bytes) if bytes > 0 => bytes,
            _ => {
                return Err(format!(
                    "{flag} must be a whole number of bytes above 0, not {value:?}"
                ));
            }
        };
    }
    Ok(Some(options))
}

fn run(options: &Options) -> io::Result<()> {
    let mut stdin = io::stdin().lock();
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    let mut decoder = Decoder::with_limits(options.limits);
    let mut chunk = vec![0; options.chunk_size];
    let mut line = String::new();
    loop {
        let filled = read_full(&mut stdin, &mut chunk)?;
        if filled == 0 {
            break;
        }
        decoder.feed_with(&chunk[..filled], |item| write_item(&mut line, &item));
        stdout.write_all(line.as_bytes())?;
        line.clear();
        // Flush per chunk so a live stream piped in shows up as it arrives.
        stdout.flush()?;
    }
    let end = match decoder.finish() {
        End::Clean => "clean",
        End::Truncated { .. } => "truncated",
    };
    writeln!(stdout, "{{\"end\":\"{end}\"}}")?;
    stdout.flush()
}

/// Fills `buffer` unless the input ends first, so every piece but the last is exactly
/// `buffer.len()` bytes whatever sizes the pipe delivers. Returns how many bytes were read.
fn read_full(input: &mut impl Read, buffer: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match input.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(read) => filled += read,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(filled)
}

fn write_item(out: &mut String, item: &ItemRef<'_>) {
    match item {
        ItemRef::Event(event) => {
            out.push_str("{\"event\":");
            push_json_string(out, event.event_type);
            out.push_str(",\"data\":");
            push_json_string(out, event.data);
            out.push_str(",\"id\":");
            push_json_string(out, event.last_event_id);
            out.push('}');
        }
        ItemRef::Retry(milliseconds) => out.push_str(&format!("{{\"retry\":{milliseconds}}}")),
        ItemRef::Comment(text) => {
            out.push_str("{\"comment\":");
            push_json_string(out, text);
            out.push('}');
        }
        ItemRef::Undispatched { event_type, span } => {
            out.push_str("{\"undispatched\":");
            push_json_string(out, event_type);
            out.push_str(&format!(",\"offset\":{}}}", span.start));
        }
        ItemRef::LimitExceeded(exceeded) => {
            let limit = match exceeded.limit {
                Limit::Line => "line",
                Limit::Event => "event",
            };
            out.push_str(&format!(
                "{{\"limit_exceeded\":\"{limit}\",\"offset\":{}}}",
                exceeded.offset
            ));
        }
    }
    out.push('\n');
}

/// A JSON string literal (RFC 8259 §7): quote, backslash and control characters escaped.
fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}
