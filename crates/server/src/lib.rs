//! The SSE Studio server as a library: [`app`] builds the whole router, so tests can drive it
//! without a socket.

mod demo;
mod event_stream;
pub mod fault;
pub mod mock;
pub mod relay;
pub mod replay;
mod serve;

pub use demo::budget::DemoLimits;
pub use serve::{ServeLimits, serve};

/// The recorded AI streams `/demo/ai/{sample}` replays: (name, stream).
pub use demo::recorded::{
    NDJSON_SAMPLES as RECORDED_NDJSON_SAMPLES, SAMPLES as RECORDED_AI_SAMPLES,
};

use std::path::Path;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::routing::{any, get};
use demo::budget;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

/// What the router serves and the limits it keeps.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Who may use the relay, what it may reach, and its limits.
    pub relay: relay::RelayPolicy,
    /// What one demo response may cost.
    pub demos: DemoLimits,
    /// Mocks served at their own paths, before the demos and the app (`--mocks`).
    pub mocks: Option<mock::Mocks>,
}

/// The router: demo streams under `/demo/` (each held to `config.demos`), the CORS relay at
/// `/relay` (used and reaching what `config.relay` allows), and the trunk output in `dist` for everything else, with `index.html` as the
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
pub fn app(dist: &Path, config: Config) -> Router {
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
        .nest("/demo", demo::routes(config.demos))
        .merge(shell)
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ));
    let router = Router::new()
        .route("/relay", any(relay::relay))
        .with_state(relay::Relay::new(config.relay))
        // Sets its own Cache-Control, or (one kind) leaves it out on purpose.
        .route(
            "/demo/broken",
            get(demo::broken::broken).layer(axum::middleware::map_response(
                move |response| async move { budget::capped(response, config.demos) },
            )),
        )
        .merge(site);
    let Some(mocks) = config.mocks else {
        return router;
    };
    router.layer(axum::middleware::from_fn(
        move |request: axum::extract::Request, next: axum::middleware::Next| {
            let mocks = mocks.clone();
            async move {
                match mock::answer_if_served(&mocks, request).await {
                    // Held to the demos' budget: a looping mock would otherwise stream for ever.
                    Ok(response) => budget::capped(response, config.demos),
                    Err(request) => next.run(request).await,
                }
            }
        },
    ))
}

/// The policy the app shell is served with: the one in `dist/index.html`'s
/// `<meta http-equiv="Content-Security-Policy" content="…">` (or, without one, a strict default
/// that allows only this origin's scripts), plus `frame-ancestors 'none'` so that no other site
/// can frame the app. The tag's attributes may come in either order, quoted or not (trunk's
/// minified HTML writes `<meta content="…" http-equiv=Content-Security-Policy>`).
pub fn shell_policy(dist: &Path) -> HeaderValue {
    const CONTENT: &str = "content=\"";
    let index = std::fs::read_to_string(dist.join("index.html")).unwrap_or_default();
    let from_meta = index.split("<meta").skip(1).find_map(|tag| {
        let tag = tag.split_once('>').map_or(tag, |(tag, _)| tag);
        if !tag.contains("http-equiv=\"Content-Security-Policy\"")
            && !tag.contains("http-equiv=Content-Security-Policy")
        {
            return None;
        }
        let content = tag.split_once(CONTENT)?.1;
        content.split_once('"').map(|(value, _)| value.to_owned())
    });
    let policy = from_meta.unwrap_or_else(|| {
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; \
         base-uri 'self'"
            .to_owned()
    });
    HeaderValue::from_str(&format!("{policy}; frame-ancestors 'none'"))
        .unwrap_or_else(|_| HeaderValue::from_static("frame-ancestors 'none'"))
}
