//! Requests of someone else's making. A request that came from a share link, an imported
//! collections file or a pasted curl command is untrusted until its user confirms it: its URL
//! and its `{{references}}` were chosen by someone else, so one press of Send could put the
//! user's keys into a request to a server of that someone's choosing
//! (`Authorization: Bearer {{openai_api_key}}` to `https://evil.example/`). Before such a
//! request sends the value of a secret or credential-looking variable to an origin, the user is
//! asked, once per origin.

use serde::{Serialize, Serializer};
use serde_json::{Value, json};

use crate::checks::json::{Fields, name_of, named};

/// Where an untrusted request came from (written `share_link`, `collections_file`,
/// `curl_command`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

/// Whether a request may spend the user's secrets without asking. Saved with the request, written
/// `"trusted"` or `{"untrusted": {"source": "share_link", "confirmed_origins": […]}}` (by hand
/// through `serde_json::Value`: the derive cost the size-budgeted app several KB).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
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

/// [`Source`] as written.
const SOURCES: [(&str, Source); 3] = [
    ("share_link", Source::ShareLink),
    ("collections_file", Source::CollectionsFile),
    ("curl_command", Source::CurlCommand),
];

impl Serialize for Trust {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let value = match self {
            Self::Trusted => Value::from("trusted"),
            Self::Untrusted {
                source,
                confirmed_origins,
            } => json!({"untrusted": {
                "source": name_of(&SOURCES, source),
                "confirmed_origins": confirmed_origins,
            }}),
        };
        value.serialize(serializer)
    }
}

serde_through_json!(read Trust);

impl Trust {
    /// Reads it as [`Serialize`] writes it; the error names what is wrong.
    pub(crate) fn from_json(value: &Value) -> Result<Self, String> {
        if value.as_str() == Some("trusted") {
            return Ok(Self::Trusted);
        }
        let untrusted = value
            .get("untrusted")
            .ok_or("trust must be \"trusted\" or {\"untrusted\": …}")?;
        let source = untrusted
            .get("source")
            .and_then(Value::as_str)
            .and_then(|name| named(&SOURCES, name))
            .ok_or("an untrusted request needs its source")?;
        let confirmed_origins =
            Fields::of(untrusted, "an untrusted request")?.texts("confirmed_origins")?;
        Ok(Self::Untrusted {
            source,
            confirmed_origins,
        })
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trust_is_written_as_the_derive_wrote_it_and_read_back() {
        let untrusted = Trust::Untrusted {
            source: Source::CurlCommand,
            confirmed_origins: vec!["https://api.example".into()],
        };
        let text = serde_json::to_string(&untrusted).expect("writes");
        assert_eq!(
            text,
            r#"{"untrusted":{"source":"curl_command","confirmed_origins":["https://api.example"]}}"#
        );
        assert_eq!(
            serde_json::from_str::<Trust>(&text).expect("reads"),
            untrusted
        );
        assert_eq!(
            serde_json::to_string(&Trust::Trusted).expect("writes"),
            r#""trusted""#
        );
        assert_eq!(
            serde_json::from_str::<Trust>(r#""trusted""#).expect("reads"),
            Trust::Trusted
        );
        assert!(serde_json::from_str::<Trust>(r#"{"untrusted":{"source":"fax"}}"#).is_err());
        let origin_not_text = r#"{"untrusted":{"source":"share_link","confirmed_origins":[1]}}"#;
        assert!(serde_json::from_str::<Trust>(origin_not_text).is_err());
    }
}
