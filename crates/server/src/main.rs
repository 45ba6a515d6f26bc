//! `sse-studio-server`: serves the built app and the demo streams on one port.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Serves SSE Studio (the trunk-built `dist/` folder), its demo streams under `/demo/` and a
/// streaming CORS relay at `/relay?url=…`.
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
            "warning: --allow-private with --host {}: any page that can reach this server can use its relay to reach your private network",
            args.host
        );
    }
    let policy = sse_studio_server::relay::RelayPolicy {
        allow_private: args.allow_private,
        allowed_hosts: args.allow_hosts,
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
    match axum::serve(listener, sse_studio_server::app(&args.dist, policy)).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: server stopped: {error}");
            ExitCode::FAILURE
        }
    }
}
