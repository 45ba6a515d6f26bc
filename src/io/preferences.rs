//! Small preferences kept in `localStorage` (the theme, the active environment), and applying the
//! theme to the page.

/// The `localStorage` key of the theme name.
const THEME_KEY: &str = "sse-studio.theme";

/// The stored theme name, or empty when none is stored or storage is unavailable (private mode).
pub fn theme_name() -> String {
    storage()
        .and_then(|storage| storage.get_item(THEME_KEY).ok().flatten())
        .unwrap_or_default()
}

/// Stores the theme `name` (an empty name removes it) and sets it as the root element's
/// `data-theme`. Storage failures are ignored: the theme still applies to this page.
pub fn apply_theme(name: &str) {
    if let Some(storage) = storage() {
        let _ = if name.is_empty() {
            storage.remove_item(THEME_KEY)
        } else {
            storage.set_item(THEME_KEY, name)
        };
    }
    if let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
    {
        let _ = if name.is_empty() {
            root.remove_attribute("data-theme")
        } else {
            root.set_attribute("data-theme", name)
        };
    }
}

/// The `localStorage` key of the active environment's id.
const ENVIRONMENT_KEY: &str = "sse-studio.environment";

/// The stored active environment id, if any.
pub fn active_environment() -> Option<String> {
    storage()?.get_item(ENVIRONMENT_KEY).ok().flatten()
}

/// Stores the active environment id (`None` removes it). Failures are ignored: the choice then
/// lasts for this page only.
pub fn set_active_environment(id: Option<&str>) {
    if let Some(storage) = storage() {
        let _ = match id {
            Some(id) => storage.set_item(ENVIRONMENT_KEY, id),
            None => storage.remove_item(ENVIRONMENT_KEY),
        };
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
