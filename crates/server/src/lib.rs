//! The SSE Studio server as a library: [`app`] builds the whole router, so tests can drive it
//! without a socket.

mod demo;
mod event_stream;

use std::path::Path;

use axum::Router;
use axum::http::{HeaderValue, header};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

/// The router: demo streams under `/demo/`, and the trunk output in `dist` for everything else,
/// with `index.html` as the fallback so client-side routes load the app.
///
/// Every response carries `Cache-Control: no-cache`: demo streams must never be buffered or
/// replayed by a cache, and the app shell is revalidated so a rebuild shows at once. Nothing is
/// compressed: compression layers hold back streamed bodies.
pub fn app(dist: &Path) -> Router {
    let files = ServeDir::new(dist).fallback(ServeFile::new(dist.join("index.html")));
    Router::new()
        .nest("/demo", demo::routes())
        .fallback_service(files)
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
}
