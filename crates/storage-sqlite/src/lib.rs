//! SQLite implementation of the Chorus storage traits: the embedded database
//! a single instance runs on with nothing else to start. Open it with
//! [`SqliteStore::open`]; migrations run at start-up.

mod activity;
mod attempts;
mod catalog;
mod error;
mod id_list;
mod likes;
mod online;
mod plays;
mod presence;
mod privacy;
mod profiles;
mod social;
mod store;
mod users;

pub use store::SqliteStore;
