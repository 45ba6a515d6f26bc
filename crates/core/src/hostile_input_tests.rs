//! No input panics: every parser of text someone else chose (a pasted curl command, an imported
//! collections file, a share link, a stream file opened offline, `{{variable}}` references, the
//! JSON shown in the inspector) is run on arbitrary input. A panic in the wasm app aborts every
//! tab, live run and unsaved draft, so "returns an error" is the only acceptable failure.

use proptest::prelude::*;

use crate::analysis::diagnostics;
use crate::library::{collection, export, mock, reopen, share_link};
use crate::present::{hex_dump, json_text};
use crate::request::curl;
use crate::request::draft::RequestDraft;
use crate::request::variables::{Environment, Secrets, Variable, references, substitute};
use crate::session::connection_run::ConnectionRun;
use crate::session::log::SessionLog;
use crate::session::search::{Query, highlight};

/// Text made mostly of the characters these parsers care about, so that cases get past the
/// first check, with multi-byte characters in every position.
fn shell_like() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        r#"curl( +(-[A-Za-zé#]{1,3}|--[a-z-]{1,10}(=[^ ]{0,5})?|'[^']{0,6}'?|"[^"]{0,6}"?|\$'[^']{0,6}'?|\\|[^ ]{1,8}|é|日本|🙂))*"#,
    )
    .expect("a valid strategy")
}

fn json_like() -> impl Strategy<Value = String> {
    proptest::string::string_regex(r#"[\[\]{}":,0-9a-z\\ é日🙂\-.eE+]{0,60}"#)
        .expect("a valid strategy")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn curl_import_never_panics(command in any::<String>()) {
        let _ = curl::parse_curl(&command);
        let _ = curl::parse_curl(&format!("curl {command}"));
    }

    #[test]
    fn curl_import_of_curl_like_text_never_panics(command in shell_like()) {
        let _ = curl::parse_curl(&command);
    }

    #[test]
    fn collections_import_never_panics(text in any::<String>(), json in json_like()) {
        let _ = collection::import_collections(&text);
        let _ = collection::import_collections(&json);
        let wrapped = format!(r#"{{"format":"sse-studio-collections","version":1,"collections":{json}}}"#);
        let _ = collection::import_collections(&wrapped);
    }

    #[test]
    fn share_link_opening_never_panics(fragment in any::<String>(), payload in any::<Vec<u8>>()) {
        let _ = share_link::compressed(&fragment);
        let _ = share_link::compressed(&format!("{}{fragment}", share_link::FRAGMENT_KEY));
        // Whatever a link inflates to (the browser inflates it): past the first checks.
        let _ = share_link::open(&payload);
        let mut json = br#"{"v":1,"request":"#.to_vec();
        json.extend_from_slice(&payload);
        let _ = share_link::open(&json);
    }

    #[test]
    fn a_stream_opened_offline_never_panics_nor_do_its_views(
        bytes in proptest::collection::vec(
            prop_oneof![
                any::<u8>(),
                Just(b'\n'), Just(b'\r'), Just(b':'), Just(b' '),
                Just(b'd'), Just(b'a'), Just(b't'), Just(b'i'),
            ],
            0..400,
        ),
        cut in 0_usize..400,
    ) {
        let mut log = SessionLog::new(1, "file.sse".into(), 0.0, 0);
        let mut run = ConnectionRun::new();
        let event_stream = vec![("content-type".to_owned(), "text/event-stream".to_owned())];
        run.opened(&mut log, 200, String::new(), event_stream, 0.0);
        let (first, second) = bytes.split_at(cut.min(bytes.len()));
        run.chunk(&mut log, first, 1.0);
        run.chunk(&mut log, second, 2.0);
        run.ended(&mut log, 3.0);
        let _ = export::session_json(&log);
        export::write_ndjson(&log, |_| {});
        let _ = diagnostics::diagnose(&log);
        let _ = hex_dump::hex_dump(&bytes, 0);
        let _ = reopen::reopen(&bytes, "file", 1, 0.0, 0);
        for index in 0..log.event_count() {
            if let Some(event) = log.event(index) {
                let _ = json_text::first_line_preview(event.data, 40);
                let _ = json_text::pretty_json(event.data);
            }
        }
    }

    #[test]
    fn an_export_opened_again_never_panics(json in json_like()) {
        let session = format!(r#"{{"format":"sse-studio-session","version":1,"request":{{}},"connections":{json},"events":[{{"type":"t","data":"d","offset_ms":1}}]}}"#);
        let _ = reopen::reopen(session.as_bytes(), "file", 1, 0.0, 0);
        let _ = reopen::reopen(json.as_bytes(), "file", 1, 0.0, 0);
    }

    #[test]
    fn a_mock_file_never_panics_nor_do_its_resumption_and_matching(json in json_like(), body in any::<Vec<u8>>(), text in any::<String>()) {
        let _ = mock::Mock::parse(&json);
        let file = format!(r#"{{"format":"sse-studio-mock","version":1,"request":{{"path":"/"}},"response":{{"status":200}},"reads":{json}}}"#);
        if let Ok(mock) = mock::Mock::parse(&file) {
            let _ = mock.event_ends();
        }
        let mock = mock::Mock::from_event_stream("/", &body, 1.0);
        let _ = mock.resume_point(&text);
        let _ = mock.event_ends();
        let _ = mock.matches("GET", "/", &text, &body);
        prop_assert_eq!(mock::Mock::parse(&mock.to_json()), Ok(mock));
    }

    #[test]
    fn json_rpc_messages_and_conversations_never_panic(json in json_like(), text in any::<String>()) {
        let _ = crate::jsonrpc::message::parse(&json);
        let mut exchange = crate::jsonrpc::exchange::Exchange::new();
        exchange.sent(&json, 0.0);
        exchange.received(0, &text, &json, 1.0);
        exchange.received(1, "", &text, 2.0);
        exchange.sent(&format!(r#"{{"jsonrpc":"2.0","id":{json},"method":"m"}}"#), 3.0);
        exchange.received(2, "", &format!(r#"{{"jsonrpc":"2.0","id":{json},"error":{json}}}"#), 4.0);
        exchange.session(Some(&text), None, Some(&json));
    }

    #[test]
    fn variable_references_and_substitution_never_panic(
        text in r#"([^{}]{0,4}|\{\{?|\}\}?| |é|日|[a-z_.-]{1,4}){0,20}"#,
        value in any::<String>(),
        is_secret in any::<bool>(),
    ) {
        let environment = Environment {
            variables: references(&text)
                .into_iter()
                .map(|reference| Variable { id: 0, name: reference.name, value: value.clone(), is_secret })
                .collect(),
            ..Environment::default()
        };
        for secrets in [Secrets::Reveal, Secrets::Mask] {
            prop_assert!(substitute(&text, Some(&environment), secrets).is_ok());
        }
        let _ = substitute(&text, None, Secrets::Reveal);
    }

    #[test]
    fn json_shown_in_the_inspector_never_panics(
        text in prop_oneof![any::<String>(), json_like()],
        at in 0_usize..200,
        max_chars in 0_usize..200,
        search in "[a-zé日]{0,3}",
    ) {
        let _ = json_text::pretty_json(&text);
        let _ = json_text::first_line_preview(&text, max_chars);
        let _ = json_text::preview_at_match(&text, at, max_chars);
        let _ = serde_json::from_str::<serde_json::Value>(&text);
        let _ = highlight(&text, Query::new(&search).as_ref());
    }

    #[test]
    fn a_request_name_from_any_url_never_panics(url in any::<String>()) {
        let draft = RequestDraft::new(crate::request::draft::Method::Get, url, &[], String::new());
        let _ = draft.default_name();
    }
}

#[test]
fn curl_import_of_a_short_option_with_a_multibyte_letter_is_an_error_not_a_panic() {
    // Regression: `curl http://x -é` panicked (`&word[..2]` inside `é`).
    let refused = curl::parse_curl("curl http://x -é");
    assert!(matches!(refused, Err(message) if message.contains("-é")));
}

#[test]
fn a_preview_at_a_match_with_a_narrow_width_does_not_underflow() {
    // Regression: with fewer than 64 characters of width, the context start underflowed.
    let preview = json_text::preview_at_match(&"x".repeat(30), 12, 40);
    assert!(preview.starts_with('…') || preview.starts_with('x'));
}

#[test]
fn deeply_nested_json_is_refused_as_json_not_a_stack_overflow() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(json_text::pretty_json(&deep), None);
}
