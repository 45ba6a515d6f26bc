//! `sse-studio mock FILE|DIR…`: serves recorded runs as live endpoints, with the server's mock
//! code (`sse_studio_server::mock`), so the app's, the CLI's and the server's mocks replay alike.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use sse_studio_server::fault::Fault;
use sse_studio_server::mock::{self, Mocks, Options};
use sse_studio_server::{ServeLimits, serve};

#[derive(Debug, Args)]
pub struct MockArgs {
    /// Mock files exported by SSE Studio ("Export as mock"), `.sse` files (served at /NAME, a
    /// block per read), or folders of them.
    #[arg(required = true, value_name = "FILE|DIR")]
    paths: Vec<PathBuf>,
    /// Port to listen on; 0 picks a free one.
    #[arg(long, short, default_value_t = 8090)]
    port: u16,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    /// Replay this many times faster (0.5: half speed).
    #[arg(long, default_value_t = 1.0)]
    speed: f64,
    /// Send each body at once, ignoring the recorded times.
    #[arg(long, conflicts_with = "speed")]
    no_delay: bool,
    /// Send each body again and again instead of ending it.
    #[arg(long = "loop")]
    repeat: bool,
    /// Read the files again when they change.
    #[arg(long)]
    watch: bool,
    /// ms between the event blocks of a `.sse` file.
    #[arg(long, value_name = "MS", default_value_t = 100.0)]
    interval: f64,
    /// A fault on every response (repeat, or separate with commas): drop-after:N,
    /// cut-mid-event:N, delay-first-byte:MS, gzip, burst:MS, content-type:VALUE, no-blank-line,
    /// retry:MS. Per request: ?_fault=….
    #[arg(long = "fault", value_name = "FAULT", value_delimiter = ',')]
    faults: Vec<String>,
}

/// Serves the mocks until the process is stopped; exit 2 when they cannot be read or the port
/// taken.
pub fn serve_mocks(args: MockArgs) -> ExitCode {
    let fail = |message: String| {
        eprintln!("sse-studio: {message}");
        ExitCode::from(2)
    };
    if !(args.speed.is_finite() && args.speed > 0.0) {
        return fail(format!("--speed {}: give a number above 0", args.speed));
    }
    if !(args.interval.is_finite() && args.interval >= 0.0) {
        return fail(format!("--interval {}: give a number of ms", args.interval));
    }
    let faults = match args
        .faults
        .iter()
        .map(|fault| Fault::parse(fault))
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(faults) => faults,
        Err(message) => return fail(message),
    };
    let options = Options {
        speed: args.speed,
        no_delay: args.no_delay,
        repeat: args.repeat,
        faults,
        interval_ms: args.interval,
    };
    let served = match mock::load(&args.paths, options.interval_ms) {
        Ok(served) if served.is_empty() => {
            return fail("no mocks found there (.json mock files or .sse files)".into());
        }
        Ok(served) => served,
        Err(message) => return fail(message),
    };
    // Many clients at once: a thread per core.
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => return fail(format!("cannot start: {error}")),
    };
    runtime.block_on(async move {
        let address = SocketAddr::new(args.host, args.port);
        let listener = match tokio::net::TcpListener::bind(address).await {
            Ok(listener) => listener,
            Err(error) => {
                return fail(format!(
                    "cannot listen on {address}: {error} (is another server using the port? try --port)"
                ));
            }
        };
        let bound = listener.local_addr().unwrap_or(address);
        for served in served.iter() {
            let request = &served.mock.request;
            println!(
                "  {} http://{bound}{}  ({})",
                request.method.as_deref().unwrap_or("*"),
                request.path,
                served.source.display()
            );
        }
        let mocks = Mocks::new(served, options);
        if args.watch {
            tokio::spawn(mock::watch::watch(args.paths, mocks.clone(), |message| {
                println!("{message}");
            }));
        }
        // The one line scripts wait for; keep its shape.
        println!("SSE Studio mock server is running at http://{bound}/");
        serve(listener, mock::router(mocks), ServeLimits::default()).await;
        ExitCode::SUCCESS
    })
}
