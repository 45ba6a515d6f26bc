//! Letting the browser in during long work.

use wasm_bindgen_futures::JsFuture;

/// Resumes in a later task (`setTimeout(0)`), so the page renders and handles input in between.
pub async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
}
