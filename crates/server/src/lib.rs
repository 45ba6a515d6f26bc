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
///
/// The app shell's responses carry the Content-Security-Policy of `dist/index.html`'s meta tag
/// (the build fills in its loader's hash) plus `frame-ancestors 'none'`, which a meta tag cannot
/// set (see [`shell_policy`]).
pub fn app(dist: &Path, relay: relay::RelayPolicy) -> Router {
    let files = ServeDir::new(dist).fallback(ServeFile::new(dist.join("index.html")));
    // Read for each response, so a rebuild of dist/ (a new loader hash) needs no restart.
    let dist_for_policy = dist.to_path_buf();
    let shell = Router::new()
        .fallback_service(files)
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            move |_: &axum::http::Response<_>| Some(shell_policy(&dist_for_policy)),
        ));
    let site = Router::new()
        .nest("/demo", demo::routes())
        .merge(shell)
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

/// The policy the app shell is served with: the one in `dist/index.html`'s
/// `<meta http-equiv="Content-Security-Policy" content="…">` (or, without one, a strict default
/// that allows only this origin's scripts), plus `frame-ancestors 'none'` so that no other site
/// can frame the app.
pub fn shell_policy(dist: &Path) -> HeaderValue {
    const META: &str = "http-equiv=\"Content-Security-Policy\" content=\"";
    let index = std::fs::read_to_string(dist.join("index.html")).unwrap_or_default();
    let from_meta = index.find(META).and_then(|at| {
        let content = &index[at + META.len()..];
        content.find('"').map(|end| content[..end].to_owned())
    });
    let policy = from_meta.unwrap_or_else(|| {
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; \
         base-uri 'self'"
            .to_owned()
    });
    HeaderValue::from_str(&format!("{policy}; frame-ancestors 'none'"))
        .unwrap_or_else(|_| HeaderValue::from_static("frame-ancestors 'none'"))
}
