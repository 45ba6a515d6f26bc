//! Saving a file to the user's downloads: a `Blob` of the given pieces behind a temporary object
//! URL, clicked through an `<a download>`.

use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Offers `pieces` (concatenated, in order) for download as `filename` of type `mime`.
///
/// # Errors
/// A message for people when the browser refuses to build the file (out of memory, or no
/// document to click the link in).
pub fn download<'a>(
    filename: &str,
    mime: &str,
    pieces: impl IntoIterator<Item = &'a [u8]>,
) -> Result<(), String> {
    let parts = js_sys::Array::new();
    for piece in pieces {
        // Copied into JS memory: the Blob keeps its own snapshot.
        parts.push(&js_sys::Uint8Array::from(piece));
    }
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let failed = |_| format!("The browser could not build {filename} (too large for memory?).");
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(failed)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(failed)?;
    let link = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.create_element("a").ok())
        .and_then(|element| element.dyn_into::<HtmlAnchorElement>().ok())
        .ok_or("No document to save the file from.")?;
    link.set_href(&url);
    link.set_download(filename);
    link.click();
    let _ = Url::revoke_object_url(&url);
    Ok(())
}
