//! Upgrading a database made before discovery on PostgreSQL: the migrations,
//! then what the store reads (`chorus_storage_conformance::upgrade`).
// Test code: a panic is how it reports a failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chorus_storage_conformance::upgrade::{check_upgraded, DISCOVERY, OLD_ROWS};
use chorus_storage_postgres::testing::TempDatabase;
use chorus_storage_postgres::{PgOptions, PostgresStore};
use sqlx::migrate::Migrator;
use sqlx::PgPool;

#[tokio::test]
async fn an_old_database_gets_private_likes_marked_and_search_documents() {
    let database = TempDatabase::create().await;
    let pool = PgPool::connect(database.url()).await.unwrap();
    // The migrations before discovery, in a folder of their own.
    let older = std::env::temp_dir().join(format!("chorus-upgrade-{}", std::process::id()));
    std::fs::create_dir_all(&older).unwrap();
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if name.as_str() < DISCOVERY {
            std::fs::copy(&path, older.join(name)).unwrap();
        }
    }
    Migrator::new(older.as_path())
        .await
        .unwrap()
        .run(&pool)
        .await
        .unwrap();
    std::fs::remove_dir_all(&older).unwrap();
    for sql in OLD_ROWS {
        sqlx::query(sql).execute(&pool).await.unwrap();
    }
    pool.close().await;

    let store = PostgresStore::connect(database.url(), PgOptions::default())
        .await
        .unwrap();
    let track_likes: Vec<(i64, i64, bool)> = sqlx::query_as(
        "SELECT user_id, track_id, private FROM track_likes ORDER BY user_id, track_id",
    )
    .fetch_all(store.pool())
    .await
    .unwrap();
    check_upgraded(&store, track_likes).await;
}
