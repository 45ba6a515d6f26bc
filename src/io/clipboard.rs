//! Writing text to the system clipboard (`navigator.clipboard.writeText`).

use wasm_bindgen_futures::JsFuture;

/// Puts `text` on the clipboard.
///
/// # Errors
/// A message for people when the browser refuses: no clipboard API (an insecure origin, neither
/// https nor localhost) or no permission.
pub async fn write_text(text: &str) -> Result<(), String> {
    let clipboard = web_sys::window()
        .map(|window| window.navigator().clipboard())
        .ok_or("No clipboard here: open SSE Studio over https or on localhost.")?;
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| {
            "The browser refused to write to the clipboard (permission denied).".to_owned()
        })
}
