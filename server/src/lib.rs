//! The Chorus server: wiring of storage, catalog and UI into one axum app.
//! `main.rs` is only the command line; tests use [`startup::Application`].
// The pages' view types nest deeply (Leptos types every element).
#![recursion_limit = "256"]

pub mod api_doc;
pub mod auth;
pub mod cdn;
pub mod charts;
pub mod cli;
pub mod commands;
pub mod database;
pub mod drain;
pub mod http;
pub mod live;
pub mod progress;
pub mod router;
pub mod routes;
pub mod settings;
pub mod startup;
pub mod state;
pub mod telemetry;
