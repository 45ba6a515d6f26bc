//! JSON-RPC 2.0 as the Model Context Protocol carries it over HTTP: messages read from request
//! bodies and event data, and a run's conversation with responses paired to requests and the
//! protocol's faults found. Depends on nothing else in the crate.

pub mod exchange;
pub mod line;
pub mod message;

#[cfg(test)]
mod tests;
