//! `sse-studio-core`: SSE Studio's pure logic — requests, variables, decoding sessions,
//! diagnostics, AI answers, share links, the file formats — with no leptos, web-sys or js-sys
//! dependency (the compiler enforces it), built natively and for wasm32, so that the browser app,
//! the server and the coming CLI agree by construction. Unit-tested natively.
//!
//! Much of it reads text of someone else's choosing (pasted commands, imported files, share links,
//! servers' bytes), and a panic kills the whole wasm app: strings are sliced only with checked
//! forms (`get`, `split_at_checked`, `floor_char_boundary`), never `&text[a..b]`, which panics
//! off a character boundary. Clippy enforces it outside tests.

#![cfg_attr(not(test), deny(clippy::string_slice))]

/// Serde for types written by hand through `serde_json::Value` (the derive, instantiated for each
/// serializer and deserializer it meets, cost the size-budgeted app several KB per type):
/// `serde_through_json!(T)` reads `T` with `T::from_json(&Value) -> Result<T, String>` (its error
/// becomes the deserializer's) and writes it with `T::to_json(&self) -> Value`;
/// `serde_through_json!(read T)` only reads it. Defined before the modules so that all can use it.
macro_rules! serde_through_json {
    (read $type:ty) => {
        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                Self::from_json(&value).map_err(<D::Error as serde::de::Error>::custom)
            }
        }
    };
    ($type:ty) => {
        serde_through_json!(read $type);
        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serde::Serialize::serialize(&self.to_json(), serializer)
            }
        }
    };
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod hostile_input_tests;
#[cfg(test)]
mod test_streams;

pub mod ai;
pub mod analysis;
pub mod checks;
pub mod jsonrpc;
pub mod library;
pub mod present;
pub mod request;
pub mod session;
pub mod simple_path;
