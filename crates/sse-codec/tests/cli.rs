//! The `sse-decode` contract: JSON lines out, independent of `--chunk-size`, exit 0 on any input.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn sse_decode(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sse-decode"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sse-decode starts");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin)
        .expect("stdin accepts the input");
    child.wait_with_output().expect("sse-decode runs")
}

const STREAM: &[u8] = b"\xEF\xBB\xBF: hi\r\nretry: 3000\r\nid: 1\r\nevent: a\"b\r\ndata: {\"x\":\"\\\\\"}\r\ndata: \t\x01\xFF\r\n\r\ndata: tail";

#[test]
fn writes_one_json_object_per_item_and_the_end_last() {
    let output = sse_decode(&[], STREAM);
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8(output.stdout).expect("output is UTF-8"),
        concat!(
            "{\"comment\":\"hi\"}\n",
            "{\"retry\":3000}\n",
            "{\"event\":\"a\\\"b\",\"data\":\"{\\\"x\\\":\\\"\\\\\\\\\\\"}\\n\\t\\u0001\u{FFFD}\",\"id\":\"1\"}\n",
            "{\"end\":\"truncated\"}\n",
        )
    );
}

#[test]
fn output_does_not_depend_on_the_chunk_size() {
    let whole = sse_decode(&[], STREAM).stdout;
    for size in ["1", "2", "3", "5", "7", "64"] {
        assert_eq!(
            sse_decode(&["--chunk-size", size], STREAM).stdout,
            whole,
            "--chunk-size {size}"
        );
    }
    assert_eq!(sse_decode(&["--chunk-size=4"], STREAM).stdout, whole);
}

#[test]
fn a_clean_stream_ends_clean() {
    let output = sse_decode(&[], b"data: x\n\n");
    assert_eq!(
        output.stdout,
        b"{\"event\":\"message\",\"data\":\"x\",\"id\":\"\"}\n{\"end\":\"clean\"}\n"
    );
}

#[test]
fn any_bytes_exit_zero() {
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    assert!(sse_decode(&["--chunk-size", "13"], &noise).status.success());
}

#[test]
fn bad_flags_exit_two_with_a_message() {
    for args in [
        &["--chunk-size", "0"][..],
        &["--chunk-size", "x"],
        &["--chunk-size"],
        &["--frobnicate"],
    ] {
        let output = sse_decode(args, b"");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("sse-decode:"),
            "{args:?}"
        );
    }
}

#[test]
fn limit_flags_discard_what_exceeds_them_and_say_so() {
    let output = sse_decode(
        &["--max-line-bytes", "8", "--max-event-bytes=64"],
        b"data: too long\n\ndata: ok\n\n",
    );
    assert_eq!(
        String::from_utf8(output.stdout).expect("output is UTF-8"),
        "{\"limit_exceeded\":\"line\",\"offset\":0}\n{\"event\":\"message\",\"data\":\"ok\",\"id\":\"\"}\n{\"end\":\"clean\"}\n"
    );
}
