//! Requests of someone else's making. A request that came from a share link, an imported
//! collections file or a pasted curl command is untrusted until its user confirms it: its URL
//! and its `{{references}}` were chosen by someone else, so one press of Send could put the
//! user's keys into a request to a server of that someone's choosing
//! (`Authorization: Bearer {{openai_api_key}}` to `https://evil.example/`). Before such a
//! request sends the value of a secret or credential-looking variable to an origin, the user is
//! asked, once per origin.

use serde::{Deserialize, Serialize};

/// Where an untrusted request came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Opened from a share link.
    ShareLink,
    /// Imported from a collections file.
    CollectionsFile,
    /// Imported from a curl command.
    CurlCommand,
}

impl Source {
    /// How the confirmation names it: "a share link".
    pub fn describe(self) -> &'static str {
        match self {
            Self::ShareLink => "a share link",
            Self::CollectionsFile => "an imported collections file",
            Self::CurlCommand => "an imported curl command",
        }
    }
}

/// Whether a request may spend the user's secrets without asking. Saved with the request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trust {
    /// Made here (typed, from a template, or saved before this existed).
    #[default]
    Trusted,
    /// Of someone else's making.
    Untrusted {
        /// Where it came from.
        source: Source,
        /// Origins (`scheme://host:port`) the user has confirmed sending its secrets to.
        confirmed_origins: Vec<String>,
    },
}

impl Trust {
    /// An untrusted request from `source`, confirmed for no origin.
    pub fn from(source: Source) -> Self {
        Self::Untrusted {
            source,
            confirmed_origins: Vec::new(),
        }
    }

    /// Whether it is [`Trust::Trusted`] (for `skip_serializing_if`).
    pub fn is_trusted(&self) -> bool {
        matches!(self, Self::Trusted)
    }

    /// Remembers that the user confirmed sending this request's secrets to `origin`.
    pub fn confirm(&mut self, origin: &str) {
        if let Self::Untrusted {
            confirmed_origins, ..
        } = self
            && !confirmed_origins.iter().any(|known| known == origin)
        {
            confirmed_origins.push(origin.to_owned());
        }
    }
}
