//! `sse-studio-server`: serves the built app and the demo streams on one port.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Serves SSE Studio (the trunk-built `dist/` folder) and its demo streams under `/demo/`.
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
    match axum::serve(listener, sse_studio_server::app(&args.dist)).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: server stopped: {error}");
            ExitCode::FAILURE
        }
    }
}
