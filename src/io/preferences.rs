//! Small preferences kept in `localStorage` (the theme, the active environment, the history
//! limits, the relay URL, the byte budget, the open tabs), and applying the theme to the page.

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

/// The `localStorage` key of the history limits, stored as `ENTRIES,BYTES`.
const HISTORY_CAP_KEY: &str = "sse-studio.history-cap";

/// The stored history limits (most entries, most bytes), if any were set and are readable.
pub fn history_cap() -> Option<(usize, usize)> {
    let text = storage()?.get_item(HISTORY_CAP_KEY).ok().flatten()?;
    let (entries, bytes) = text.split_once(',')?;
    Some((entries.parse().ok()?, bytes.parse().ok()?))
}

/// Stores the history limits. Failures are ignored: the limits then last for this page only.
pub fn set_history_cap(max_entries: usize, max_bytes: usize) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(HISTORY_CAP_KEY, &format!("{max_entries},{max_bytes}"));
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The `localStorage` key of the session byte budget, in MiB.
const BYTE_BUDGET_KEY: &str = "sse-studio.byte-budget-mib";

/// The stored session byte budget in MiB, if one is stored and is a number.
pub fn byte_budget_mib() -> Option<u64> {
    storage()?
        .get_item(BYTE_BUDGET_KEY)
        .ok()
        .flatten()?
        .parse()
        .ok()
}

/// Stores the session byte budget in MiB. Failures are ignored: it then lasts for this page only.
pub fn set_byte_budget_mib(mib: u64) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(BYTE_BUDGET_KEY, &mib.to_string());
    }
}

/// The `localStorage` key of the CORS relay's URL.
const RELAY_KEY: &str = "sse-studio.relay-url";

/// The stored relay URL, if one was set.
pub fn relay_url() -> Option<String> {
    storage()?.get_item(RELAY_KEY).ok().flatten()
}

/// Stores the relay URL. Failures are ignored: it then lasts for this page only.
pub fn set_relay_url(url: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(RELAY_KEY, url);
    }
}

/// The `localStorage` key of the open request tabs (see `model::library::open_tabs`).
const OPEN_TABS_KEY: &str = "sse-studio.open-tabs";

/// The stored open tabs, as written by [`set_open_tabs`].
pub fn open_tabs() -> Option<String> {
    storage()?.get_item(OPEN_TABS_KEY).ok().flatten()
}

/// Stores the open tabs. Failures (a full storage) are ignored: the tabs are then not restored.
pub fn set_open_tabs(json: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(OPEN_TABS_KEY, json);
    }
}

/// The `localStorage` key prefix of the layout: `sse-studio.layout.<name>`.
const LAYOUT_KEY: &str = "sse-studio.layout.";

/// The stored layout value `name` (the request details tab shown, whether they are folded, a
/// splitter's size, whether the sidebar is folded), if set.
pub fn layout(name: &str) -> Option<String> {
    storage()?
        .get_item(&format!("{LAYOUT_KEY}{name}"))
        .ok()
        .flatten()
}

/// Stores layout value `name`. Failures are ignored: it then lasts for this page only.
pub fn set_layout(name: &str, value: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(&format!("{LAYOUT_KEY}{name}"), value);
    }
}
