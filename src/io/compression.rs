//! Raw DEFLATE (RFC 1951) with the browser's `CompressionStream` and `DecompressionStream`
//! (`"deflate-raw"`), for share links: the browser's own codec costs the wasm nothing, where
//! miniz_oxide cost the size-budgeted shell ~10 KB gzip.

use js_sys::{Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::describe_js_error;
use crate::model::library::share_link::InflateError;

#[wasm_bindgen(inline_js = "
export function deflate_raw(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Response(stream).arrayBuffer();
}
export function inflate_raw(bytes) {
  return new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
}
")]
extern "C" {
    /// The raw DEFLATE of `bytes` (copied into a `Blob` at once): an `ArrayBuffer`.
    #[wasm_bindgen(catch)]
    fn deflate_raw(bytes: &[u8]) -> Result<Promise, JsValue>;
    /// The inflated stream of the raw DEFLATE `bytes` (copied into a `Blob` at once).
    #[wasm_bindgen(catch)]
    fn inflate_raw(bytes: &[u8]) -> Result<web_sys::ReadableStream, JsValue>;
}

/// `bytes` compressed as raw DEFLATE.
///
/// # Errors
/// The browser's words when it has no `CompressionStream` (older than Chromium 103, Firefox
/// 113, Safari 16.4).
pub async fn deflate(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(deflate_raw(bytes).map_err(|e| describe_js_error(&e))?)
        .await
        .map_err(|e| describe_js_error(&e))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// The raw DEFLATE `bytes` inflated, read piece by piece and given up past `limit` bytes (a
/// small link must not make the page inflate gigabytes).
///
/// # Errors
/// [`InflateError::TooLarge`] past `limit`; [`InflateError::Damaged`] for data that is not raw
/// DEFLATE, is cut short, or a browser without `DecompressionStream`.
pub async fn inflate(bytes: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    let stream = inflate_raw(bytes).map_err(|_| InflateError::Damaged)?;
    let mut pieces = wasm_streams::ReadableStream::from_raw(stream).into_stream();
    let mut out = Vec::new();
    while let Some(piece) = futures_util::StreamExt::next(&mut pieces).await {
        let piece = Uint8Array::new(&piece.map_err(|_| InflateError::Damaged)?);
        if out.len() + piece.length() as usize > limit {
            return Err(InflateError::TooLarge);
        }
        out.extend_from_slice(&piece.to_vec());
    }
    Ok(out)
}
