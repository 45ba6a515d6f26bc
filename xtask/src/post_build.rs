//! `cargo xtask post-build`: run by trunk as a `post_build` hook on the staged build
//! (`TRUNK_STAGING_DIR`), before it becomes `dist/`:
//!
//! - the Content-Security-Policy in `index.html` gets the SHA-256 of trunk's inline loader script
//!   (`'sha256-LOADER_HASH'` → the hash; CSP Level 3 §8.4 hash source), so no other inline script
//!   can run;
//! - the app's wasm (and the matchers' module, loaded on first use) loses its `name` custom section (function names for stack traces: ~140 KB
//!   gzip, a quarter of the download; panic messages keep their file and line, which live in the
//!   data section), and the `integrity` of its preload link is recomputed (SRI, SHA-384). wasm-opt
//!   would do this, but Debian's breaks the output; `strip = true` would too, but it also drops
//!   the `target_features` section wasm-bindgen reads;
//! - the service worker `sw.js` gets its precache list (every staged file but itself, relative to
//!   the app's root) and a version derived from those files' contents, so a new build is a new
//!   worker and a new cache.

use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256, Sha384};

use crate::Result;

/// Trunk's loader script opens so, its attribute quoted or (in minified HTML) not.
const LOADER_OPENS: [&str; 2] = ["<script type=\"module\">", "<script type=module>"];
const HASH_PLACEHOLDER: &str = "sha256-LOADER_HASH";
const SHELL_PLACEHOLDER: &str = "const SHELL = [];";
const VERSION_PLACEHOLDER: &str = "const VERSION = 'unbuilt';";

/// Updates the staged `index.html` and `sw.js` (see the module docs).
pub fn run() -> Result {
    let staging = std::env::var_os("TRUNK_STAGING_DIR")
        .map(PathBuf::from)
        .ok_or("post-build runs as a trunk hook (TRUNK_STAGING_DIR is not set)")?;
    // Every staged file, once: the names stay the same while the wasm is rewritten below.
    let mut files = Vec::new();
    crate::files_under(&staging, &staging, &mut files)?;
    let index_path = staging.join("index.html");
    let mut index = read(&index_path)?;
    let wasm_names = files
        .iter()
        .filter(|file| file.ends_with(".wasm") && !file.contains('/'));
    for wasm_name in wasm_names {
        let wasm_path = staging.join(wasm_name);
        let wasm = std::fs::read(&wasm_path).map_err(|e| format!("{wasm_name}: {e}"))?;
        let stripped = without_name_section(&wasm)?;
        std::fs::write(&wasm_path, &stripped).map_err(|e| format!("{wasm_name}: {e}"))?;
        // The app's wasm is preloaded with its hash; the matchers' module, loaded on first use,
        // is not linked from the page.
        if index.contains(wasm_name.as_str()) {
            index = with_integrity(&index, wasm_name, &stripped)?;
        }
    }
    let index = with_loader_hash(&index)?;
    std::fs::write(&index_path, &index).map_err(|e| format!("{}: {e}", index_path.display()))?;

    files.retain(|file| file != "sw.js");
    files.sort();
    let mut version = Sha256::new();
    for file in &files {
        version.update(file.as_bytes());
        version.update(std::fs::read(staging.join(file)).map_err(|e| format!("{file}: {e}"))?);
    }
    let version: String = version.finalize()[..8]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    let worker_path = staging.join("sw.js");
    let worker = read(&worker_path)?;
    let shell = serde_json::to_string(&files).map_err(|e| e.to_string())?;
    let worker = replace_once(
        &worker,
        SHELL_PLACEHOLDER,
        &format!("const SHELL = {shell};"),
    )?;
    let worker = replace_once(
        &worker,
        VERSION_PLACEHOLDER,
        &format!("const VERSION = '{version}';"),
    )?;
    std::fs::write(&worker_path, worker).map_err(|e| format!("{}: {e}", worker_path.display()))
}

/// `index` with the CSP placeholder replaced by the hash of its inline loader script's text.
fn with_loader_hash(index: &str) -> Result<String> {
    let start = LOADER_OPENS
        .iter()
        .find_map(|open| index.find(open).map(|at| at + open.len()))
        .ok_or("index.html has no inline module script (trunk's loader)")?;
    let end = index[start..]
        .find("</script>")
        .map(|at| start + at)
        .ok_or("trunk's loader script is not closed")?;
    let hash = STANDARD.encode(Sha256::digest(&index.as_bytes()[start..end]));
    replace_once(index, HASH_PLACEHOLDER, &format!("sha256-{hash}"))
}

/// `wasm` without its `name` custom section; every other section kept byte for byte, in order.
/// An error when `wasm` is not a valid module.
fn without_name_section(wasm: &[u8]) -> Result<Vec<u8>> {
    let mut module = wasm_encoder::Module::new();
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        let payload = payload.map_err(|e| format!("the app's wasm: {e}"))?;
        if let wasmparser::Payload::CustomSection(section) = &payload
            && section.name() == "name"
        {
            continue;
        }
        if let Some((id, range)) = payload.as_section() {
            let data = usize::try_from(range.start)
                .ok()
                .zip(usize::try_from(range.end).ok())
                .and_then(|(start, end)| wasm.get(start..end))
                .ok_or("a wasm section ends past the file")?;
            module.section(&wasm_encoder::RawSection { id, data });
        }
    }
    Ok(module.finish())
}

/// `index` with the `integrity` of the tag whose `href` is `/{name}` set to the SHA-384 of
/// `bytes` (Subresource Integrity §3.5); an error when there is no such tag. Attribute values
/// may be quoted or, as minified HTML writes them, not.
fn with_integrity(index: &str, name: &str, bytes: &[u8]) -> Result<String> {
    let tag_start = [format!("href=\"/{name}\""), format!("href=/{name}")]
        .iter()
        .find_map(|href| index.find(href.as_str()))
        .ok_or(format!("index.html does not link {name}"))?;
    let tag_end = index[tag_start..]
        .find('>')
        .map(|at| tag_start + at)
        .ok_or("index.html: an unclosed tag")?;
    let tag = &index[tag_start..tag_end];
    let integrity = format!(
        "integrity=\"sha384-{}\"",
        STANDARD.encode(Sha384::digest(bytes))
    );
    let tag = match tag.find("integrity=") {
        Some(at) => {
            let value = &tag[at + "integrity=".len()..];
            let value_len = match value.strip_prefix('"') {
                Some(quoted) => quoted
                    .find('"')
                    .map(|end| end + 2)
                    .ok_or("index.html: an unclosed integrity attribute")?,
                None => value.find(char::is_whitespace).unwrap_or(value.len()),
            };
            let value_end = at + "integrity=".len() + value_len;
            format!("{}{integrity}{}", &tag[..at], &tag[value_end..])
        }
        None => tag.to_owned(),
    };
    Ok(format!("{}{tag}{}", &index[..tag_start], &index[tag_end..]))
}

/// `text` with `placeholder` replaced by `with`; an error when the placeholder is missing (the
/// source file changed shape).
fn replace_once(text: &str, placeholder: &str, with: &str) -> Result<String> {
    if !text.contains(placeholder) {
        return Err(format!("placeholder {placeholder:?} not found"));
    }
    Ok(text.replacen(placeholder, with, 1))
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_gets_the_hash_of_the_loader_text_between_its_tags() {
        let index = "<meta content=\"script-src 'sha256-LOADER_HASH'\"><script type=\"module\">\nrun();\n</script>";
        let hashed = with_loader_hash(index).expect("a loader");
        // echo -n $'\nrun();\n' | openssl dgst -sha256 -binary | base64
        let expected = STANDARD.encode(Sha256::digest(b"\nrun();\n"));
        assert!(hashed.contains(&format!("'sha256-{expected}'")), "{hashed}");
        assert!(with_loader_hash("<html></html>").is_err());
        let minified = "<meta content=\"script-src 'sha256-LOADER_HASH'\"><script type=module>\nrun();\n</script>";
        assert!(
            with_loader_hash(minified)
                .expect("a loader")
                .contains(&expected)
        );
    }

    #[test]
    fn the_name_section_goes_and_every_other_section_stays() {
        // A module with a type section, a `name` section and a `target_features` section.
        let mut module = wasm_encoder::Module::new();
        let mut types = wasm_encoder::TypeSection::new();
        types.ty().function([], []);
        module.section(&types);
        let mut names = wasm_encoder::NameSection::new();
        names.module("app");
        module.section(&names);
        module.section(&wasm_encoder::CustomSection {
            name: "target_features".into(),
            data: b"\x01+\x0freference-types".as_slice().into(),
        });
        let wasm = module.finish();
        let stripped = without_name_section(&wasm).expect("a valid module");
        let sections: Vec<String> = wasmparser::Parser::new(0)
            .parse_all(&stripped)
            .filter_map(|payload| match payload.expect("still valid") {
                wasmparser::Payload::CustomSection(section) => Some(section.name().to_owned()),
                wasmparser::Payload::TypeSection(_) => Some("types".into()),
                _ => None,
            })
            .collect();
        assert_eq!(sections, ["types", "target_features"]);
        assert!(without_name_section(b"not wasm").is_err());
    }

    #[test]
    fn the_preload_link_gets_the_integrity_of_the_new_bytes() {
        let index =
            "<link rel=\"preload\" href=\"/app_bg.wasm\" integrity=\"sha384-OLD\" as=\"fetch\">";
        let updated = with_integrity(index, "app_bg.wasm", b"abc").expect("linked");
        // echo -n abc | openssl dgst -sha384 -binary | base64
        assert_eq!(
            updated,
            "<link rel=\"preload\" href=\"/app_bg.wasm\" integrity=\"sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn\" as=\"fetch\">"
        );
        assert!(with_integrity(index, "other.wasm", b"abc").is_err());
        // As minified HTML writes it: unquoted values.
        let minified = "<link rel=preload href=/app_bg.wasm integrity=sha384-OLD as=fetch>";
        let updated = with_integrity(minified, "app_bg.wasm", b"abc").expect("linked");
        assert_eq!(
            updated,
            "<link rel=preload href=/app_bg.wasm integrity=\"sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn\" as=fetch>"
        );
        let last = "<link href=/app_bg.wasm integrity=sha384-OLD>";
        let updated = with_integrity(last, "app_bg.wasm", b"abc").expect("linked");
        assert!(updated.ends_with("CWn\">"), "{updated}");
    }
}
