//! `Settings`: the app's preferences that every tab shares — the colour theme, the relay's URL
//! and the session byte budget — each remembered across visits.

use leptos::prelude::*;

use crate::io::preferences;
use crate::model::present::theme::Theme;
use crate::model::request::relay::default_relay_url;

/// The shared preferences.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// The colour theme.
    pub theme: RwSignal<Theme>,
    /// The CORS relay requests marked "via relay" go through (default: this server's `/relay`).
    pub relay_url: RwSignal<String>,
    /// How many MiB a session may receive before it is stopped (default 1024: 1 GiB), so that
    /// an endless stream cannot fill the tab's memory until the app dies.
    pub byte_budget_mib: RwSignal<u64>,
}

/// The default session byte budget, in MiB.
pub const DEFAULT_BYTE_BUDGET_MIB: u64 = 1024;

impl Settings {
    /// The stored settings (defaults for what is not stored; the app served from `origin`),
    /// stored again and applied whenever they change.
    pub fn load(origin: &str) -> Self {
        let settings = Self {
            theme: RwSignal::new(Theme::from_name(&preferences::theme_name())),
            relay_url: RwSignal::new(
                preferences::relay_url().unwrap_or_else(|| default_relay_url(origin)),
            ),
            byte_budget_mib: RwSignal::new(
                preferences::byte_budget_mib().unwrap_or(DEFAULT_BYTE_BUDGET_MIB),
            ),
        };
        Effect::new(move |previous: Option<()>| {
            let mib = settings.byte_budget_mib.get();
            if previous.is_some() {
                preferences::set_byte_budget_mib(mib);
            }
        });
        Effect::new(move |_| preferences::apply_theme(settings.theme.get().name()));
        // Stored once changed (not on the first run), so that the default follows the server the
        // app is served by.
        Effect::new(move |previous: Option<()>| {
            let url = settings.relay_url.get();
            if previous.is_some() {
                preferences::set_relay_url(&url);
            }
        });
        settings
    }
}
