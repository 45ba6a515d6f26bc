//! The only code that touches `web_sys` / `js_sys`: the fetch stream, the clocks, the clipboard,
//! share links' compression,
//! downloads, picked files, the checks' matchers module, preferences, the page's URL fragment, the service worker, the
//! other tabs, and the notice shown if the app panics.

pub mod broadcast;
pub mod clipboard;
pub mod clock;
pub mod compression;
pub mod download;
pub mod fetch_stream;
pub mod file;
pub mod location;
pub mod matchers;
pub mod panic_notice;
pub mod preferences;
pub mod resize;
pub mod schedule;
pub mod service_worker;
pub mod storage;

/// A JS error (or a thrown string) as the browser words it: `TypeError: Failed to fetch`,
/// `AbortError: …`.
pub fn describe_js_error(error: &wasm_bindgen::JsValue) -> String {
    if let Some(error) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Error>(error) {
        let name = String::from(error.name());
        let message = String::from(error.message());
        return if name.is_empty() || name == "Error" {
            message
        } else {
            format!("{name}: {message}")
        };
    }
    error.as_string().unwrap_or_else(|| format!("{error:?}"))
}

/// Whether `event` is typing into a text field (an input, a text area, a select or editable
/// text), where a key is text and not a shortcut.
pub fn is_typing(event: &web_sys::KeyboardEvent) -> bool {
    let target = event.target();
    let Some(element) = target
        .as_ref()
        .and_then(|target| wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(target))
    else {
        return false;
    };
    matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || element.is_content_editable()
}
