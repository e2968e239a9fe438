//! Upgrading a database made before discovery on SQLite: the migrations,
//! then what the store reads (`chorus_storage_conformance::upgrade`).
// Test code: a panic is how it reports a failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::str::FromStr;

use chorus_storage_conformance::upgrade::{check_upgraded, DISCOVERY, OLD_ROWS};
use chorus_storage_sqlite::SqliteStore;
use sqlx::migrate::Migrator;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::SqlitePool;

#[tokio::test]
async fn an_old_database_gets_private_likes_marked_and_search_documents() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("chorus.db").display());
    let options = SqliteConnectOptions::from_str(&url)
        .unwrap()
        .create_if_missing(true)
        .foreign_keys(true);
    let pool = SqlitePool::connect_with(options).await.unwrap();
    let older = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if name.as_str() < DISCOVERY {
            std::fs::copy(&path, older.path().join(name)).unwrap();
        }
    }
    Migrator::new(older.path())
        .await
        .unwrap()
        .run(&pool)
        .await
        .unwrap();
    for sql in OLD_ROWS {
        sqlx::query(sql).execute(&pool).await.unwrap();
    }
    pool.close().await;

    let store = SqliteStore::open(&url).await.unwrap();
    let track_likes: Vec<(i64, i64, bool)> = sqlx::query_as(
        "SELECT user_id, track_id, private FROM track_likes ORDER BY user_id, track_id",
    )
    .fetch_all(store.pool())
    .await
    .unwrap();
    check_upgraded(&store, track_likes).await;
}
