//! `curl` commands: importing one into a request (what API docs and "Copy as cURL" give you), and
//! writing a request as `curl -N` (no buffering, as a stream needs).
//!
//! Import understands POSIX shell quoting (`'…'`, `"…"`, `$'…'`, backslashes, `\` line
//! continuations) and the options such commands use: `-X`, `-H`, `-d`/`--data*`, `--json`, `-u`,
//! `-A`, `-b`, `-e`, `--url`, and flags that change nothing here (`-N`, `-s`, `-L`, …). Anything
//! else is refused with its name rather than guessed at.

use crate::request::auth::Auth;
use crate::request::draft::{HeaderRow, Method, PreparedRequest, RequestDraft};
use crate::request::trust::{Source, Trust};
use crate::session::reconnect::ReconnectPolicy;

/// Options that take no value and change nothing about the request.
const IGNORED_FLAGS: &[&str] = &[
    "-N",
    "--no-buffer",
    "-s",
    "--silent",
    "-S",
    "--show-error",
    "-L",
    "--location",
    "-i",
    "--include",
    "-v",
    "--verbose",
    "-k",
    "--insecure",
    "--compressed",
    "-f",
    "--fail",
    "--http1.1",
    "--http2",
    "-#",
    "--progress-bar",
    "-g",
    "--globoff",
];

/// Options that take a value and change nothing about the request.
const IGNORED_WITH_VALUE: &[&str] = &[
    "-o",
    "--output",
    "-m",
    "--max-time",
    "--connect-timeout",
    "--retry",
    "-w",
    "--write-out",
    "-x",
    "--proxy",
];

/// The request a `curl` command makes.
///
/// # Errors
/// A sentence naming what is wrong: not a curl command, an unclosed quote, an option without its
/// value, an option not supported, no URL, a header without a colon, or a method the request bar
/// does not offer.
pub fn parse_curl(command: &str) -> Result<RequestDraft, String> {
    let words = split_words(command)?;
    let mut words = words.into_iter();
    if words.next().as_deref() != Some("curl") {
        return Err("This is not a curl command: it should start with `curl`.".into());
    }
    let mut method = None;
    let mut url = None;
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut data: Vec<String> = Vec::new();
    let mut auth = Auth::None;
    while let Some(word) = words.next() {
        // `--opt=value` and `-Xvalue` forms.
        let (option, inline) = match word.split_once('=') {
            Some((option, value)) if word.starts_with("--") => {
                (option.to_owned(), Some(value.to_owned()))
            }
            _ if word.len() > 2 && word.starts_with('-') && !word.starts_with("--") => {
                // Regression: `&word[..2]` panicked on `-é` (a 2-byte character at byte 1).
                match word.split_at_checked(2) {
                    Some((short, rest))
                        if matches!(short, "-X" | "-H" | "-d" | "-u" | "-A" | "-b" | "-e") =>
                    {
                        (short.to_owned(), Some(rest.to_owned()))
                    }
                    _ => (word.clone(), None),
                }
            }
            _ => (word.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| words.next())
                .ok_or_else(|| format!("The option {name} needs a value."))
        };
        match option.as_str() {
            "-X" | "--request" => method = Some(value(&option)?),
            "-H" | "--header" => {
                let header = value(&option)?;
                let (name, header_value) = header
                    .split_once(':')
                    .ok_or_else(|| format!("The header \u{201c}{header}\u{201d} has no colon."))?;
                headers.push((name.trim().to_owned(), header_value.trim().to_owned()));
            }
            "-d" | "--data" | "--data-raw" | "--data-binary" | "--data-ascii"
            | "--data-urlencode" => {
                data.push(value(&option)?);
            }
            "--json" => {
                data.push(value(&option)?);
                for (name, json) in [
                    ("Content-Type", "application/json"),
                    ("Accept", "application/json"),
                ] {
                    if !headers
                        .iter()
                        .any(|(existing, _)| existing.eq_ignore_ascii_case(name))
                    {
                        headers.push((name.into(), json.into()));
                    }
                }
            }
            "-u" | "--user" => {
                // curl splits at the first colon (a user name cannot contain one, RFC 7617).
                let credentials = value(&option)?;
                let (username, password) =
                    credentials.split_once(':').unwrap_or((&credentials, ""));
                auth = Auth::Basic {
                    username: username.to_owned(),
                    password: password.to_owned(),
                };
            }
            "-A" | "--user-agent" => headers.push(("User-Agent".into(), value(&option)?)),
            "-b" | "--cookie" => headers.push(("Cookie".into(), value(&option)?)),
            "-e" | "--referer" => headers.push(("Referer".into(), value(&option)?)),
            "--url" => url = Some(value(&option)?),
            flag if IGNORED_FLAGS.contains(&flag) => {}
            // Short flags run together: `-sSN`.
            flag if !flag.starts_with("--")
                && flag.len() > 2
                && flag.strip_prefix('-').is_some_and(|letters| {
                    letters
                        .chars()
                        .all(|c| IGNORED_FLAGS.contains(&format!("-{c}").as_str()))
                }) => {}
            flag if IGNORED_WITH_VALUE.contains(&flag) => {
                value(flag)?;
            }
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return Err(format!("The curl option {flag} is not supported here."));
            }
            _ if url.is_none() => url = Some(word),
            _ => {
                return Err(format!(
                    "Unexpected argument \u{201c}{word}\u{201d}: one URL only."
                ));
            }
        }
    }
    let url = url.ok_or("The curl command has no URL.")?;
    let method_name = method.unwrap_or_else(|| if data.is_empty() { "GET" } else { "POST" }.into());
    let method = Method::parse(&method_name.to_ascii_uppercase())
        .ok_or_else(|| format!("The method {method_name} is not one the request bar offers."))?;
    let headers = HeaderRow::numbered(
        headers
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str(), true)),
    );
    Ok(RequestDraft {
        method,
        url,
        headers,
        body: data.join("&"),
        auth,
        via_relay: false,
        last_event_id: String::new(),
        reconnect: ReconnectPolicy::default(),
        trust: Trust::from(Source::CurlCommand),
        checks: Vec::new(),
        stop_rules: Vec::new(),
        captures: Vec::new(),
        reading: Default::default(),
    })
}

/// `request` as a `curl -N` command, one option per line, every argument single-quoted.
pub fn to_curl(request: &PreparedRequest) -> String {
    let mut lines = vec![format!(
        "curl -N -X {} {}",
        request.method.as_str(),
        quote(&request.url)
    )];
    for (name, value) in &request.headers {
        lines.push(format!("-H {}", quote(&format!("{name}: {value}"))));
    }
    if let Some(body) = request.body.as_deref().filter(|body| !body.is_empty()) {
        lines.push(format!("--data-raw {}", quote(body)));
    }
    lines.join(" \\\n  ")
}

/// `text` single-quoted for a POSIX shell (a `'` inside becomes `'\''`).
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The words of a shell command line, with quotes and escapes resolved.
fn split_words(command: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = command.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                // A line continuation joins the lines.
                Some('\n') => {}
                Some('\r') if chars.peek() == Some(&'\n') => {
                    chars.next();
                }
                Some(escaped) => {
                    word.push(escaped);
                    in_word = true;
                }
                None => {}
            },
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(inner) => word.push(inner),
                        None => return Err("A single quote (') is never closed.".into()),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(escaped @ ('"' | '\\' | '$' | '`')) => word.push(escaped),
                            Some('\n') => {}
                            Some(other) => {
                                word.push('\\');
                                word.push(other);
                            }
                            None => return Err("A double quote (\") is never closed.".into()),
                        },
                        Some(inner) => word.push(inner),
                        None => return Err("A double quote (\") is never closed.".into()),
                    }
                }
            }
            '$' if chars.peek() == Some(&'\'') => {
                chars.next();
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some('\\') => match chars.next() {
                            Some('n') => word.push('\n'),
                            Some('t') => word.push('\t'),
                            Some('r') => word.push('\r'),
                            Some(other) => word.push(other),
                            None => return Err("A $'…' quote is never closed.".into()),
                        },
                        Some(inner) => word.push(inner),
                        None => return Err("A $'…' quote is never closed.".into()),
                    }
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::variables::Secrets;

    /// OpenAI's documented streaming example (API reference, "Create chat completion", stream).
    const OPENAI: &str = r#"curl https://api.openai.com/v1/chat/completions \
  -H "Content-Type: application/json" \
  -H "Authorization: Bearer $OPENAI_API_KEY" \
  -d '{
    "model": "gpt-4o",
    "messages": [
      {
        "role": "user",
        "content": "Hello!"
      }
    ],
    "stream": true
  }'"#;

    fn headers(draft: &RequestDraft) -> Vec<(&str, &str)> {
        draft
            .headers
            .iter()
            .map(|row| (row.name.as_str(), row.value.as_str()))
            .collect()
    }

    #[test]
    fn the_openai_streaming_example_imports_as_a_post_with_its_headers_and_body() {
        let draft = parse_curl(OPENAI).expect("valid");
        assert_eq!(draft.method, Method::Post);
        assert_eq!(draft.trust, Trust::from(Source::CurlCommand));
        assert_eq!(draft.url, "https://api.openai.com/v1/chat/completions");
        assert_eq!(
            headers(&draft),
            vec![
                ("Content-Type", "application/json"),
                ("Authorization", "Bearer $OPENAI_API_KEY")
            ]
        );
        let body: serde_json::Value = serde_json::from_str(&draft.body).expect("JSON body");
        assert_eq!(body["stream"], true);
    }

    #[test]
    fn options_in_every_spelling_are_understood() {
        let draft = parse_curl(
            "curl -N -sS -XPUT --url=http://h/x -H'X-A: 1' --header 'X-B:2' -u user:pässword \
             --data-raw a=1 --data b=2 -A agent -m 10",
        )
        .expect("valid");
        assert_eq!(draft.method, Method::Put);
        assert_eq!(draft.url, "http://h/x");
        assert_eq!(draft.body, "a=1&b=2");
        assert_eq!(
            headers(&draft),
            vec![("X-A", "1"), ("X-B", "2"), ("User-Agent", "agent")]
        );
        assert_eq!(
            draft.auth,
            Auth::Basic {
                username: "user".into(),
                password: "pässword".into()
            }
        );
        let sent = draft.prepare(None, Secrets::Reveal).expect("valid");
        assert!(
            sent.headers
                .contains(&("Authorization".into(), "Basic dXNlcjpww6Rzc3dvcmQ=".into()))
        );
    }

    #[test]
    fn ansi_c_quotes_and_escapes_are_resolved() {
        let draft = parse_curl(r#"curl $'http://h/a\tb' -d "say \"hi\" \$x""#).expect("valid");
        assert_eq!(draft.url, "http://h/a\tb");
        assert_eq!(draft.body, r#"say "hi" $x"#);
    }

    #[test]
    fn what_cannot_be_imported_is_refused_with_a_reason() {
        for (command, reason) in [
            ("wget http://h", "start with `curl`"),
            ("curl 'http://h", "never closed"),
            ("curl -H", "needs a value"),
            ("curl --form a=b http://h", "--form is not supported"),
            ("curl -H 'NoColon' http://h", "no colon"),
            ("curl -X HEAD http://h", "HEAD is not one"),
            ("curl -N", "no URL"),
        ] {
            let error = parse_curl(command).expect_err(command);
            assert!(error.contains(reason), "{command}: {error}");
        }
    }

    #[test]
    fn a_request_written_as_curl_imports_back_the_same() {
        let draft = parse_curl(OPENAI).expect("valid");
        let prepared = draft.prepare(None, Secrets::Reveal);
        // `$OPENAI_API_KEY` is text here, not a {{variable}}: nothing to substitute.
        let prepared = prepared.expect("valid");
        let command = to_curl(&prepared);
        assert!(
            command.starts_with("curl -N -X POST 'https://api.openai.com/v1/chat/completions'")
        );
        let back = parse_curl(&command).expect("what we write, we read");
        assert_eq!(back.prepare(None, Secrets::Reveal), Ok(prepared));
        assert_eq!(quote("it's"), r"'it'\''s'");
    }
}
