//! `sse-decode`: reads a raw event stream on stdin and writes one JSON object per line on stdout.
//!
//! ```text
//! {"event":TYPE,"data":DATA,"id":LAST_EVENT_ID}   per dispatched event
//! {"retry":MS}                                    per valid retry field
//! {"comment":TEXT}                                per comment line
//! {"end":"clean"} or {"end":"truncated"}          last, always
//! ```
//!
//! `--chunk-size N` feeds the decoder N-byte pieces (default 65536); the output does not depend on N.
//! Decoding is total, so any input exits 0; bad flags or an I/O error exit 2 with a message.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use sse_codec::{Decoder, End, Item};

const USAGE: &str =
    "usage: sse-decode [--chunk-size N]   (reads an event stream on stdin, writes JSON lines)";

fn main() -> ExitCode {
    let chunk_size = match parse_chunk_size(std::env::args().skip(1)) {
        Ok(Some(size)) => size,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("sse-decode: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(chunk_size) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("sse-decode: {error}");
            ExitCode::from(2)
        }
    }
}

/// `Ok(None)` means help was asked for.
fn parse_chunk_size(mut args: impl Iterator<Item = String>) -> Result<Option<usize>, String> {
    let mut chunk_size = 65536;
    while let Some(arg) = args.next() {
        let value = match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--chunk-size" => args.next().ok_or("--chunk-size needs a value")?,
            _ => match arg.strip_prefix("--chunk-size=") {
                Some(value) => value.to_owned(),
                None => return Err(format!("unknown argument {arg:?}")),
            },
        };
        chunk_size = match value.parse::<usize>() {
            Ok(size) if size > 0 => size,
            _ => {
                return Err(format!(
                    "--chunk-size must be a whole number of bytes above 0, not {value:?}"
                ));
            }
        };
    }
    Ok(Some(chunk_size))
}

fn run(chunk_size: usize) -> io::Result<()> {
    let mut stdin = io::stdin().lock();
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    let mut decoder = Decoder::new();
    let mut chunk = vec![0; chunk_size];
    let mut items = Vec::new();
    let mut line = String::new();
    loop {
        let filled = read_full(&mut stdin, &mut chunk)?;
        if filled == 0 {
            break;
        }
        decoder.feed(&chunk[..filled], &mut items);
        for item in items.drain(..) {
            line.clear();
            write_item(&mut line, &item);
            stdout.write_all(line.as_bytes())?;
        }
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

fn write_item(out: &mut String, item: &Item) {
    match item {
        Item::Event(event) => {
            out.push_str("{\"event\":");
            push_json_string(out, &event.event_type);
            out.push_str(",\"data\":");
            push_json_string(out, &event.data);
            out.push_str(",\"id\":");
            push_json_string(out, &event.last_event_id);
            out.push('}');
        }
        Item::Retry(milliseconds) => out.push_str(&format!("{{\"retry\":{milliseconds}}}")),
        Item::Comment(text) => {
            out.push_str("{\"comment\":");
            push_json_string(out, text);
            out.push('}');
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
