//! Collections to and from files: export as our JSON format, import a file checked whole before
//! anything changes; and the active environment to a file, for `sse-studio run --env`.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::io::download::download;
use crate::io::file::read_bytes;
use crate::model::library::collection;
use crate::model::request::variables::Secrets;
use crate::state::{Library, Toaster};

/// Saves every collection as `sse-studio-collections.json`, literal credentials masked unless
/// `secrets` is [`Secrets::Reveal`] (see [`collection::export_collections`]).
pub fn export_collections(toaster: Toaster, library: Library, secrets: Secrets) {
    let text = library
        .collections
        .with_untracked(|collections| collection::export_collections(collections, secrets));
    let count = library.collections.with_untracked(Vec::len);
    let name = "sse-studio-collections.json";
    match download(name, "application/json", [text.as_bytes()]) {
        Ok(()) => toaster.notify(format!("Exported {count} collections to {name}")),
        Err(message) => toaster.notify(message),
    }
}

/// Saves the active environment as `<name>.environment.json`, secret values masked unless
/// `secrets` is [`Secrets::Reveal`] (see `Environment::export`): what `sse-studio run --env`
/// reads.
pub fn export_environment(toaster: Toaster, library: Library, secrets: Secrets) {
    let Some(environment) = library.environment() else {
        return toaster.notify("Choose an environment to export");
    };
    let slug: String = environment
        .name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let name = format!("{}.environment.json", slug.trim_matches('-'));
    let text = environment.export(secrets);
    match download(&name, "application/json", [text.as_bytes()]) {
        Ok(()) => toaster.notify(format!(
            "Exported \u{201c}{}\u{201d} to {name}",
            environment.name
        )),
        Err(message) => toaster.notify(message),
    }
}

/// Imports the collections in `file`: all of them, or, when anything in the file is wrong, none
/// (the toast says exactly what is wrong).
pub fn import_collections(toaster: Toaster, library: Library, file: web_sys::File) {
    spawn_local(async move {
        let imported = read_bytes(&file)
            .await
            .and_then(|bytes| {
                String::from_utf8(bytes).map_err(|_| "This file is not UTF-8 text.".into())
            })
            .and_then(|text| collection::import_collections(&text));
        match imported {
            Ok(collections) => {
                let count = collections.len();
                for collection in collections {
                    library.put_collection(collection);
                }
                let noun = if count == 1 {
                    "collection"
                } else {
                    "collections"
                };
                toaster.notify(format!("Imported {count} {noun} from {}", file.name()));
            }
            Err(message) => toaster.notify(format!("Nothing was imported: {message}")),
        }
    });
}
