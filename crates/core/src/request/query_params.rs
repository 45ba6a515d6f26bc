//! The URL's query as a table: its parameters as (name, value) rows, written back into the URL
//! when a row changes, so the URL stays the one source of truth and either can be edited. Text is
//! kept exactly as written — percent-escapes, `{{variables}}`, `+` — neither decoded nor encoded,
//! so the URL is unchanged by a round trip (RFC 3986 §3.4: the query runs from the first `?` to
//! the `#` that starts the fragment).

/// The query's parameters in order: each `&`-separated part split at its first `=` (a part without
/// one is a name with an empty value; an empty part, while one is typed, an empty row).
pub fn params_of(url: &str) -> Vec<(String, String)> {
    let Some((_, query)) = parts(url).0.split_once('?') else {
        return Vec::new();
    };
    query
        .split('&')
        .map(|part| match part.split_once('=') {
            Some((name, value)) => (name.to_owned(), value.to_owned()),
            None => (part.to_owned(), String::new()),
        })
        .collect()
}

/// `url` with its query replaced by `params` (`name=value` joined by `&`; a name without a value
/// written alone, an empty row as nothing; no `?` when there are none), its fragment kept.
pub fn with_params(url: &str, params: &[(String, String)]) -> String {
    let (before_fragment, fragment) = parts(url);
    let mut out = before_fragment
        .split_once('?')
        .map_or(before_fragment, |(base, _)| base)
        .to_owned();
    if !params.is_empty() {
        let written: Vec<String> = params
            .iter()
            .map(|(name, value)| match value.is_empty() {
                true => name.clone(),
                false => format!("{name}={value}"),
            })
            .collect();
        out.push('?');
        out.push_str(&written.join("&"));
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

/// `text` typed into the table's name (`is_name`) or value cell, made safe in the query: the `&`
/// and `#` that would end it, and in a name the `=` that would end the name, percent-encoded.
pub fn cell(text: &str, is_name: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("%26"),
            '#' => out.push_str("%23"),
            '=' if is_name => out.push_str("%3D"),
            c => out.push(c),
        }
    }
    out
}

/// `url` before its fragment, and the fragment (after the first `#`: a `?` after it is not a
/// query's).
fn parts(url: &str) -> (&str, Option<&str>) {
    match url.split_once('#') {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (url, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect()
    }

    #[test]
    fn a_query_reads_as_rows_kept_as_written() {
        assert_eq!(
            params_of("{{host}}/v1/stream?model={{model}}&q=a%20b+c&flag&=x#top?no"),
            rows(&[
                ("model", "{{model}}"),
                ("q", "a%20b+c"),
                ("flag", ""),
                ("", "x")
            ])
        );
        assert!(params_of("http://h/p#frag?x=1").is_empty());
        assert!(params_of("http://h/p").is_empty());
        assert_eq!(params_of("http://h/p?"), rows(&[("", "")]));
    }

    #[test]
    fn rows_write_back_into_the_url_and_a_round_trip_changes_nothing() {
        for url in [
            "{{host}}/v1/stream?model={{model}}&q=a%20b+c&flag#top",
            "http://h/p",
            "http://h/p#f?x",
            "http://h/p?a=1&",
            "http://h/p?a=b=c",
        ] {
            assert_eq!(with_params(url, &params_of(url)), url, "{url}");
        }
        assert_eq!(
            with_params("http://h/p#f", &rows(&[("a", "1"), ("b", "{{b}}")])),
            "http://h/p?a=1&b={{b}}#f"
        );
        assert_eq!(with_params("http://h/p?a=1#f", &[]), "http://h/p#f");
    }

    #[test]
    fn what_is_typed_in_a_cell_stays_in_its_cell() {
        let params = rows(&[(&cell("a=b", true), &cell("x&y#z=1", false))]);
        let url = with_params("http://h/p", &params);
        assert_eq!(url, "http://h/p?a%3Db=x%26y%23z=1");
        assert_eq!(params_of(&url), params);
    }
}
