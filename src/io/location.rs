//! The page's URL fragment, where share links carry their request.

/// The fragment without its `#` (empty when there is none).
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .map(|hash| hash.trim_start_matches('#').to_owned())
        .unwrap_or_default()
}

/// Removes the fragment from the address bar without reloading or adding a history entry (so a
/// reload does not open a shared request again).
pub fn clear_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let without = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&without));
    }
}

/// This page's address (origin, path and query) with `fragment`.
pub fn with_fragment(fragment: &str) -> String {
    let Some(window) = web_sys::window() else {
        return format!("#{fragment}");
    };
    let location = window.location();
    format!(
        "{}{}{}#{fragment}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    )
}

/// This page's origin (`scheme://host[:port]`), against which relative URLs are fetched.
pub fn origin() -> String {
    web_sys::window()
        .and_then(|window| window.location().origin().ok())
        .unwrap_or_default()
}

/// Reloads the page.
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
