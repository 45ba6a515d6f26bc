//! `sse-bench-serve CORPUS FILE`: writes the corpus CORPUS (one of `corpus::NAMES`) to FILE, then serves
//! it as `text/event-stream` to every request on a free loopback port, which it prints first, as
//! fast as the socket takes it (`cargo xtask bench cli` streams it with `sse-studio` and decodes
//! FILE with `sse-decode`). HTTP/1.1, one thread per connection, the request head read and
//! ignored (at most 64 KiB).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::process::ExitCode;
use std::sync::Arc;

use sse_bench::corpus;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(name), Some(file)) = (args.next(), args.next()) else {
        eprintln!(
            "usage: sse-bench-serve CORPUS FILE (CORPUS: {})",
            corpus::NAMES.join(", ")
        );
        return ExitCode::from(2);
    };
    let Some(bytes) = corpus::generate(&name) else {
        eprintln!("sse-bench-serve: no corpus {name}");
        return ExitCode::from(2);
    };
    if let Err(error) = std::fs::write(&file, &bytes) {
        eprintln!("sse-bench-serve: {file}: {error}");
        return ExitCode::from(2);
    }
    let listener = match TcpListener::bind("127.0.0.1:0") {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("sse-bench-serve: {error}");
            return ExitCode::from(2);
        }
    };
    let port = listener
        .local_addr()
        .map(|address| address.port())
        .unwrap_or(0);
    println!("{port}");
    let _ = std::io::stdout().flush();
    let body: Arc<[u8]> = bytes.into();
    for stream in listener.incoming().flatten() {
        let body = Arc::clone(&body);
        std::thread::spawn(move || {
            let mut reader = BufReader::new(&stream);
            let mut read = 0;
            let mut line = String::new();
            // The head ends at an empty line.
            while read < 64 << 10 {
                line.clear();
                match reader.read_line(&mut line) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => read += n,
                }
                if line == "\r\n" || line == "\n" {
                    break;
                }
            }
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n\
                 Content-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let mut stream = &stream;
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        });
    }
    ExitCode::SUCCESS
}
