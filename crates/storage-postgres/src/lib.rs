//! PostgreSQL implementation of the Chorus storage traits: the database
//! shared by any number of server instances. Open it with
//! [`PostgresStore::connect`]; migrations run at start-up (under
//! PostgreSQL's advisory lock, so instances may start at once).
//!
//! Behaviour is the SQLite backend's, query for query: same orderings,
//! cursors, privacy rules, idempotence and error mapping, checked by the
//! shared conformance suite (`chorus-storage-conformance`). Where
//! PostgreSQL's concurrency differs from SQLite's single writer, locks
//! restore the SQLite outcome: see `locks.rs` for the advisory locks
//! (notably: activity ids become visible in id order, `record.rs`) and
//! each write for its row locks.

mod activity;
mod attempts;
mod catalog;
mod charts;
mod devices;
mod discovery;
mod error;
mod locks;
mod notifications;
mod online;
mod options;
mod people;
mod playlists;
mod purges;
mod recommend;
mod record;
mod rollup;
mod search;
mod search_documents;
mod since;
mod sitemap;
mod store;
mod taste;
#[cfg(feature = "testing")]
pub mod testing;
mod unit_of_work;

pub use options::PgOptions;
pub use store::PostgresStore;
