//! SQLite implementation of the Chorus storage traits: the embedded database
//! a single instance runs on with nothing else to start. Open it with
//! [`SqliteStore::open`]; migrations run at start-up.

mod activity;
mod attempts;
mod catalog;
mod charts;
mod devices;
mod discovery;
mod error;
mod id_list;
mod notifications;
mod online;
mod people;
mod playlists;
mod purges;
mod recommend;
mod rollup;
mod search;
mod search_documents;
mod since;
mod sitemap;
mod store;
mod taste;
mod unit_of_work;

pub use store::SqliteStore;
