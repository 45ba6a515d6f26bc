//! `sse-studio-server`: serves the built app and the demo streams on one port.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use sse_studio_server::relay::access::AccessPolicy;
use sse_studio_server::relay::{RelayLimits, RelayPolicy};
use sse_studio_server::{Config, DemoLimits, ServeLimits, mock};

/// Serves SSE Studio (the trunk-built `dist/` folder), its demo streams under `/demo/` and a
/// streaming CORS relay at `/relay?url=…` that only this app's pages may use (see SECURITY.md).
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: std::net::IpAddr,
    /// Port to listen on; 0 picks a free one.
    #[arg(long, short, default_value_t = 8080)]
    port: u16,
    /// The trunk output folder to serve.
    #[arg(long, default_value = "dist")]
    dist: PathBuf,
    /// Let the relay reach loopback and private addresses (a local LLM server, say). Only
    /// with the default --host 127.0.0.1, or pages elsewhere could reach your network.
    #[arg(long)]
    allow_private: bool,
    /// Limit the relay to these hosts (repeat, or separate with commas).
    #[arg(long = "allow-host", value_delimiter = ',')]
    allow_hosts: Vec<String>,
    /// Let pages on these origins use the relay, as scheme://host[:port] (repeat, or separate
    /// with commas): the app hosted elsewhere, say. The server's own origin always may.
    #[arg(long = "allow-origin", value_delimiter = ',')]
    allow_origins: Vec<String>,
    /// Host names (without port) this server is reached by besides loopback and --host, e.g.
    /// behind a proxy (repeat, or separate with commas). The relay refuses any other name, so a
    /// DNS-rebinding page cannot use it.
    #[arg(long = "public-host", value_delimiter = ',')]
    public_hosts: Vec<String>,
    /// Seconds the relay waits to connect to a target (TCP and TLS).
    #[arg(long, default_value_t = 10)]
    connect_timeout: u64,
    /// Seconds of silence from a target after which the relay gives up on it.
    #[arg(long, default_value_t = 300)]
    idle_timeout: u64,
    /// Relayed streams open at once, in total; more are answered 503 with Retry-After.
    #[arg(long, default_value_t = 256)]
    max_streams: usize,
    /// Relayed streams open at once from one client address; more are answered 503.
    #[arg(long, default_value_t = 32)]
    max_streams_per_client: usize,
    /// Largest request body the relay passes on, in bytes; larger ones are answered 413.
    #[arg(long, default_value_t = 32 << 20)]
    max_body_bytes: u64,
    /// Seconds a client may take to send a request head before its connection is closed.
    #[arg(long, default_value_t = 10)]
    header_timeout: u64,
    /// Bytes one demo response may send (the flood refuses more up front).
    #[arg(long, default_value_t = 512 << 20)]
    demo_max_bytes: u64,
    /// Seconds one demo response may last.
    #[arg(long, default_value_t = 3600)]
    demo_max_seconds: u64,
    /// Serve the mocks in this folder or file (repeat) at their own paths, before the demos and
    /// the app (see `sse-studio mock`); held to the demo limits.
    #[arg(long = "mocks", value_name = "PATH")]
    mocks: Vec<PathBuf>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    if !args.dist.join("index.html").is_file() {
        eprintln!(
            "warning: {} has no index.html; build the app first (cargo xtask serve does)",
            args.dist.display()
        );
    }
    if args.allow_private && !args.host.is_loopback() {
        eprintln!(
            "warning: --allow-private with --host {}: anyone who can reach this server and is \
             allowed to use its relay (--allow-origin, or no browser at all) can reach your \
             private network through it",
            args.host
        );
    }
    let mocks = if args.mocks.is_empty() {
        None
    } else {
        let options = mock::Options::default();
        match mock::load(&args.mocks, options.interval_ms) {
            Ok(served) => {
                println!("Serving {} mocks", served.len());
                Some(mock::Mocks::new(served, options))
            }
            Err(message) => {
                eprintln!("error: {message}");
                return ExitCode::from(2);
            }
        }
    };
    let config = Config {
        mocks,
        relay: RelayPolicy {
            allow_private: args.allow_private,
            allowed_hosts: args.allow_hosts,
            access: AccessPolicy {
                listen_host: Some(args.host),
                public_hosts: args.public_hosts,
                allowed_origins: args.allow_origins,
            },
            limits: RelayLimits {
                connect_timeout: Duration::from_secs(args.connect_timeout),
                idle_timeout: Duration::from_secs(args.idle_timeout),
                max_streams: args.max_streams,
                max_streams_per_client: args.max_streams_per_client,
                max_body_bytes: args.max_body_bytes,
            },
        },
        demos: DemoLimits {
            max_bytes: args.demo_max_bytes,
            max_duration: Duration::from_secs(args.demo_max_seconds),
        },
    };
    let limits = ServeLimits {
        header_read_timeout: Duration::from_secs(args.header_timeout),
    };
    let address = SocketAddr::new(args.host, args.port);
    let listener = match tokio::net::TcpListener::bind(address).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!(
                "error: cannot listen on {address}: {error} (is another server using the port? try --port)"
            );
            return ExitCode::from(2);
        }
    };
    let bound = listener.local_addr().unwrap_or(address);
    // The one line scripts wait for; keep its shape.
    println!("SSE Studio is running at http://{bound}/");
    sse_studio_server::serve(listener, sse_studio_server::app(&args.dist, config), limits).await;
    ExitCode::SUCCESS
}
