//! The storage conformance suite again, on PostgreSQL databases unlike
//! SQLite in what could leak into results: a linguistic collation (ICU
//! `en-US`, where "alpha" sorts before "Zed" and "Émile" before "Eve") and
//! a session time zone far from UTC. The backend must still sort text by
//! bytes and write times in UTC, as SQLite does.
// Test code: a panic is how it reports a failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chorus_storage_conformance::Backend;
use chorus_storage_postgres::{PgOptions, PostgresStore};

use chorus_storage_postgres::testing::TempDatabase;

async fn backend() -> Backend {
    let database = TempDatabase::create_with(
        "TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'",
        &[("timezone", "Pacific/Chatham")],
    )
    .await;
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
