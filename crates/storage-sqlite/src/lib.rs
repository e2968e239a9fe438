//! SQLite implementation of the Chorus storage traits: the embedded database
//! a single instance runs on with nothing else to start. Open it with
//! [`SqliteStore::open`]; migrations run at start-up.

#[macro_use]
mod time;

mod activity;
mod attempts;
mod catalog;
mod charts;
mod devices;
mod discovery;
mod error;
mod id_list;
mod likes;
mod online;
mod plays;
mod presence;
mod privacy;
mod profiles;
mod purges;
mod recommend;
mod rollup;
mod search;
mod search_documents;
mod since;
mod social;
mod store;
mod taste;
mod unit_of_work;
mod users;

pub use store::SqliteStore;
