//! Upgrading a database made before discovery: the migration marks the
//! likes that were made in private (from their events), and opening the
//! store fills in the search documents of names written before search.
// Test code: a panic is how it reports a failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::str::FromStr;

use chorus_domain::{ArtistId, SearchQuery, TasteSource, TrackId, UserId};
use chorus_storage::{DiscoveryStore, SearchFound, SearchMatch};
use chorus_storage_sqlite::SqliteStore;
use sqlx::migrate::Migrator;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::SqlitePool;

/// The version of discovery's first migration.
const DISCOVERY: &str = "20261130000008";

/// What an older version wrote: a catalog, two listeners, and ada's likes
/// (track 2 and artist 1 liked in private; track 3 liked in private,
/// unliked, liked again in public) with their events.
const OLD_ROWS: &[&str] = &[
    "INSERT INTO artists (id, name, name_key) VALUES (1, 'Beyoncé', 'beyoncé')",
    "INSERT INTO albums (id, artist_id, title, title_key) VALUES (1, 1, 'Lemonade', 'lemonade')",
    "INSERT INTO tracks (id, album_id, artist_id, title, duration_ms, audio_hash, audio_kind, source_path) \
     VALUES (1, 1, 1, 'Formation', 1000, 'h1', 'ogg', '/1'), (2, 1, 1, 'Hold Up', 1000, 'h2', 'ogg', '/2'), \
            (3, 1, 1, 'Sorry', 1000, 'h3', 'ogg', '/3')",
    "INSERT INTO users (id, username, display_name, password_hash) \
     VALUES (1, 'ada', 'Ada Lovelace', 'h'), (2, 'bob', 'Bob', 'h')",
    "INSERT INTO track_likes (user_id, track_id) VALUES (1, 1), (1, 2), (1, 3), (2, 2)",
    "INSERT INTO artist_likes (user_id, artist_id) VALUES (1, 1)",
    "INSERT INTO activity (user_id, kind, track_id, artist_id, visibility) VALUES \
     (1, 'liked_track', 1, NULL, 'friends'), (1, 'liked_track', 2, NULL, 'private'), \
     (1, 'liked_track', 3, NULL, 'private'), (1, 'liked_track', 3, NULL, 'friends'), \
     (1, 'liked_artist', NULL, 1, 'private'), (2, 'liked_track', 2, NULL, 'friends')",
];

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
    let private: Vec<(i64, i64, bool)> = sqlx::query_as(
        "SELECT user_id, track_id, private FROM track_likes ORDER BY user_id, track_id",
    )
    .fetch_all(store.pool())
    .await
    .unwrap();
    assert_eq!(
        private,
        [(1, 1, false), (1, 2, true), (1, 3, false), (2, 2, false)]
    );
    let signals = store.taste(&[UserId(1)]).await.unwrap();
    let likes = signals
        .iter()
        .filter(|s| matches!(s.source, TasteSource::TrackLike { .. }))
        .count();
    assert_eq!(likes, 2, "tracks 1 and 3");
    assert!(
        !signals
            .iter()
            .any(|s| matches!(s.source, TasteSource::ArtistLike { .. })),
        "the artist was liked in private"
    );

    let search = |text: &str| SearchQuery::parse(text).unwrap();
    let found = |matches: Vec<SearchMatch>| -> Vec<SearchFound> {
        matches.into_iter().map(|m| m.found).collect()
    };
    let hits = store.search_matches(&search("beyo"), 10).await.unwrap();
    assert_eq!(found(hits), [SearchFound::Artist(ArtistId(1))]);
    let hits = store.search_matches(&search("lovelace"), 10).await.unwrap();
    assert_eq!(found(hits), [SearchFound::Listener(UserId(1))]);
    let hits = store.search_matches(&search("sorr"), 10).await.unwrap();
    assert_eq!(found(hits), [SearchFound::Track(TrackId(3))]);
}
