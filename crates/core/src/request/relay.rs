//! Sending through the CORS relay (`sse-studio-server`'s `/relay`): the relay URL and the URL the
//! browser actually fetches.

use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

/// The relay of the server that served the app at `origin`, e.g. `http://127.0.0.1:8080/relay`.
pub fn default_relay_url(origin: &str) -> String {
    format!("{}/relay", origin.trim_end_matches('/'))
}

/// What the browser fetches to reach `target` through the relay at `relay_url`: the relay with
/// `url=<target, percent-encoded>` added to its query.
pub fn through_relay(relay_url: &str, target: &str) -> String {
    let relay_url = relay_url.trim();
    let separator = match relay_url.find('?') {
        None => "?",
        Some(at) if at + 1 == relay_url.len() || relay_url.ends_with('&') => "",
        Some(_) => "&",
    };
    format!(
        "{relay_url}{separator}url={}",
        utf8_percent_encode(target, NON_ALPHANUMERIC)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_target_rides_in_the_relay_query_encoded_whole() {
        assert_eq!(
            through_relay(
                "http://127.0.0.1:8080/relay",
                "https://api.example.com/v1/s?a=1&b=2#f"
            ),
            "http://127.0.0.1:8080/relay?url=https%3A%2F%2Fapi%2Eexample%2Ecom%2Fv1%2Fs%3Fa%3D1%26b%3D2%23f"
        );
        assert_eq!(
            through_relay("http://r/relay?token=x", "http://t/"),
            "http://r/relay?token=x&url=http%3A%2F%2Ft%2F"
        );
        assert_eq!(
            default_relay_url("http://127.0.0.1:8080/"),
            "http://127.0.0.1:8080/relay"
        );
    }
}
