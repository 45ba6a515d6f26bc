//! The colour theme: the system's (default), or light or dark chosen by the user.

/// Which palette the page uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follow the system's light or dark setting.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// The next theme for the theme button: system → light → dark → system.
    pub fn next(self) -> Self {
        match self {
            Self::System => Self::Light,
            Self::Light => Self::Dark,
            Self::Dark => Self::System,
        }
    }

    /// The stored name, also the `data-theme` attribute value (empty for the system's).
    pub fn name(self) -> &'static str {
        match self {
            Self::System => "",
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }

    /// The theme stored as `name`; the system's for anything else (an old or edited value).
    pub fn from_name(name: &str) -> Self {
        match name {
            "light" => Self::Light,
            "dark" => Self::Dark,
            _ => Self::System,
        }
    }

    /// The button's label.
    pub fn label(self) -> &'static str {
        match self {
            Self::System => "Theme: system",
            Self::Light => "Theme: light",
            Self::Dark => "Theme: dark",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_button_cycles_through_all_three_and_names_round_trip() {
        let mut theme = Theme::default();
        for _ in 0..3 {
            assert_eq!(Theme::from_name(theme.name()), theme);
            theme = theme.next();
        }
        assert_eq!(theme, Theme::System);
        assert_eq!(Theme::from_name("sepia"), Theme::System);
    }
}
