//! The storage conformance suite on PostgreSQL: every case on a fresh
//! database of its own (see `chorus_storage_postgres::testing`; `CHORUS_TEST_PG_URL` names the
//! server), dropped afterwards.
// Test code: a panic is how it reports a failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chorus_storage_conformance::Backend;
use chorus_storage_postgres::{PgOptions, PostgresStore};

use chorus_storage_postgres::testing::TempDatabase;

async fn backend() -> Backend {
    let database = TempDatabase::create().await;
    let options = PgOptions {
        max_connections: 12,
        ..PgOptions::default()
    };
    let store = PostgresStore::connect(database.url(), options)
        .await
        .expect("the database opens");
    Backend::new(|clock| store.with_clock(clock), database)
}

chorus_storage_conformance::suite!(backend);
