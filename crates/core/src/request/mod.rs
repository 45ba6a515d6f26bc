//! The request: the draft being edited, its auth and `{{variables}}`, its validation into what is
//! sent, the variables it captures from its response, where it is fetched from, whose making it is, and the ways in (curl, templates).

pub mod auth;
pub mod capture;
pub mod curl;
pub mod draft;
pub mod origin;
pub mod query_params;
pub mod relay;
pub mod secret_spend;
pub mod secrets;
pub mod template;
pub mod trust;
pub mod variables;
