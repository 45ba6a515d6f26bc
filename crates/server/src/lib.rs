//! The SSE Studio server as a library: [`app`] builds the whole router, so tests can drive it
//! without a socket.

mod demo;
mod event_stream;
pub mod relay;

/// The recorded AI streams `/demo/ai/{sample}` replays: (name, stream).
pub use demo::recorded::SAMPLES as RECORDED_AI_SAMPLES;

use std::path::Path;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::routing::{any, get};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

/// The router: demo streams under `/demo/`, the CORS relay at `/relay` (reaching what `relay`
/// allows), and the trunk output in `dist` for everything else, with `index.html` as the
/// fallback so client-side routes load the app.
///
/// Every response but the relay's and `/demo/broken`'s carries `Cache-Control: no-cache`: demo streams must never be
/// buffered or replayed by a cache, and the app shell is revalidated so a rebuild shows at once.
/// The relay passes the target's headers on as they are. Nothing is compressed: compression
/// layers hold back streamed bodies.
pub fn app(dist: &Path, relay: relay::RelayPolicy) -> Router {
    let files = ServeDir::new(dist).fallback(ServeFile::new(dist.join("index.html")));
    let site = Router::new()
        .nest("/demo", demo::routes())
        .fallback_service(files)
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ));
    Router::new()
        .route("/relay", any(relay::relay))
        .with_state(relay::Relay::new(relay))
        // Sets its own Cache-Control, or (one kind) leaves it out on purpose.
        .route("/demo/broken", get(demo::broken::broken))
        .merge(site)
}
