//! The storage conformance suite on SQLite: every case on a fresh database
//! file in a temporary directory (removed afterwards).
// Test code: a panic is how it reports a failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chorus_storage_conformance::Backend;
use chorus_storage_sqlite::SqliteStore;

async fn backend() -> Backend {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let url = format!("sqlite://{}", dir.path().join("chorus.db").display());
    let store = SqliteStore::open(&url).await.expect("the database opens");
    Backend::new(|clock| store.with_clock(clock), dir)
}

chorus_storage_conformance::suite!(backend);
