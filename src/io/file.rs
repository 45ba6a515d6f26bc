//! Reading a file the user picked (`<input type="file">`).

use wasm_bindgen_futures::JsFuture;
use web_sys::File;

/// The bytes of `file`.
///
/// # Errors
/// A message for people when the browser cannot read it (removed, unreadable, too large).
pub async fn read_bytes(file: &File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|_| {
        format!(
            "Could not read {}: the browser refused (is it still there?).",
            file.name()
        )
    })?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
