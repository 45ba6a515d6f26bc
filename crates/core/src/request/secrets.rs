//! Keeping secrets on the machine: what looks like a credential is masked before anything leaves
//! it (exports, and later share links).

use crate::request::origin::{UrlParts, split_url};
use crate::request::variables::{MASK, references};

/// Whether a header or query parameter called `name` probably carries a credential: the
/// `Authorization`/`Cookie` family, or a name containing `key`, `token`, `secret`, `password`,
/// `signature` or `auth` (any case).
pub fn is_secret_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    [
        "key",
        "token",
        "secret",
        "password",
        "signature",
        "auth",
        "cookie",
        "session",
    ]
    .iter()
    .any(|part| name.contains(part))
        || name == "sig"
}

/// `url` with its credentials masked: the password (or, without one, the user name) of a
/// `user:password@host` authority, and the values of secret-looking query parameters (see
/// [`is_secret_name`]); the rest of the URL is unchanged.
pub fn redact_url(url: &str) -> String {
    redact_query(&redact_userinfo(url, |_| true), |_| true)
}

/// `url` with the credential of its user information replaced by [`MASK`] when
/// `is_masked(credential)` (see [`replace_url_credential`]).
fn redact_userinfo(url: &str, is_masked: impl Fn(&str) -> bool) -> String {
    replace_url_credential(url, |credential| {
        is_masked(credential).then(|| MASK.to_owned())
    })
}

/// `url` with the credential of its authority's user information (`user:password@`: the
/// password; `token@`: the whole of it) replaced by what `replace(credential)` gives, where it
/// gives something. The authority ends where a browser ends it (`/`, `\`, `?`, `#`).
pub fn replace_url_credential(url: &str, replace: impl FnOnce(&str) -> Option<String>) -> String {
    let Some(UrlParts {
        scheme,
        userinfo: Some(userinfo),
        host,
        rest: path,
    }) = split_url(url)
    else {
        return url.to_owned();
    };
    let userinfo = match userinfo.split_once(':') {
        Some((user, password)) => match replace(password) {
            Some(replaced) => format!("{user}:{replaced}"),
            None => userinfo.to_owned(),
        },
        None => replace(userinfo).unwrap_or_else(|| userinfo.to_owned()),
    };
    format!("{scheme}://{userinfo}@{host}{path}")
}

/// `text` when it names its secret by `{{reference}}` (or is empty), else [`MASK`]: what a saved
/// credential may show outside the app.
pub fn mask_literal(text: &str) -> String {
    if text.is_empty() || !references(text).is_empty() {
        text.to_owned()
    } else {
        MASK.to_owned()
    }
}

/// `url` with its credentials (as [`redact_url`] finds them) masked unless they are written as
/// `{{references}}` (see [`mask_literal`]).
pub fn redact_url_literals(url: &str) -> String {
    let is_literal = |value: &str| references(value).is_empty();
    redact_query(&redact_userinfo(url, is_literal), is_literal)
}

/// `url` with the value of each secret-looking query parameter for which `is_masked(value)`
/// replaced by [`MASK`].
fn redact_query(url: &str, is_masked: impl Fn(&str) -> bool) -> String {
    replace_secret_query_values(url, |_, value| is_masked(value).then(|| MASK.to_owned()))
}

/// `url` with the value of each secret-looking query parameter (see [`is_secret_name`])
/// replaced by what `replace(name, value)` gives, where it gives something; the rest of the URL
/// (fragment included) unchanged.
pub fn replace_secret_query_values(
    url: &str,
    mut replace: impl FnMut(&str, &str) -> Option<String>,
) -> String {
    let (before_fragment, fragment) = match url.split_once('#') {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (url, None),
    };
    let Some((base, query)) = before_fragment.split_once('?') else {
        return url.to_owned();
    };
    let query: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) if is_secret_name(name) => match replace(name, value) {
                Some(replaced) => format!("{name}={replaced}"),
                None => pair.to_owned(),
            },
            _ => pair.to_owned(),
        })
        .collect();
    let mut replaced = format!("{base}?{}", query.join("&"));
    if let Some(fragment) = fragment {
        replaced.push('#');
        replaced.push_str(fragment);
    }
    replaced
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credential_names_are_recognised_in_any_case() {
        for name in [
            "Authorization",
            "x-api-key",
            "API_KEY",
            "access_token",
            "Cookie",
            "sig",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in ["accept", "content-type", "model", "signal"] {
            assert!(!is_secret_name(name), "{name}");
        }
    }

    #[test]
    fn the_password_or_token_of_a_url_is_masked() {
        assert_eq!(
            redact_url("https://ann:pw-1@h.example/p?x=1"),
            "https://ann:•••@h.example/p?x=1"
        );
        assert_eq!(
            redact_url("https://ghp_123@github.com/o/r"),
            "https://•••@github.com/o/r"
        );
        assert_eq!(redact_url("https://h.example/a@b"), "https://h.example/a@b");
        assert_eq!(
            redact_url_literals("https://ann:{{password}}@h/?token=t"),
            "https://ann:{{password}}@h/?token=•••"
        );
    }

    #[test]
    fn secret_query_values_are_masked_and_the_rest_kept() {
        assert_eq!(
            redact_url("https://h/p?model=x&api_key=sk-123&n=1#top"),
            "https://h/p?model=x&api_key=•••&n=1#top"
        );
        assert_eq!(redact_url("https://h/p"), "https://h/p");
        assert_eq!(redact_url("https://h/p?flag&key"), "https://h/p?flag&key");
        assert_eq!(
            redact_url_literals("https://h/p?key={{api_key}}&token=t-1"),
            "https://h/p?key={{api_key}}&token=•••"
        );
    }
}
