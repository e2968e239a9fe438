//! `seed --database-url postgres://…`: the same users, friend graph and
//! catalog as [`crate::seed`], in a PostgreSQL database (for benchmarks of
//! several instances sharing it). One transaction of `generate_series`.

use std::time::Instant;

use anyhow::{bail, Context};
use chorus_storage_postgres::{PgOptions, PostgresStore};

use crate::seed::{username, PASSWORD, TRACKS, TRACK_MS};

pub async fn run(url: &str, users: u32, friends: u32) -> anyhow::Result<()> {
    // Connecting through the store runs the server's migrations.
    let store = PostgresStore::connect(url, PgOptions::default())
        .await
        .context("cannot open the PostgreSQL database")?;
    let hash = tokio::task::spawn_blocking(|| password_auth::generate_hash(PASSWORD)).await?;
    let started = Instant::now();
    let mut tx = store.pool().begin().await?;
    let (existing,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM users WHERE username LIKE 'load%'")
            .fetch_one(&mut *tx)
            .await?;
    if existing > 0 {
        bail!("{existing} load users already exist: seed a fresh database");
    }
    sqlx::query(
        "INSERT INTO users (username, display_name, password_hash, created_ms) \
         SELECT 'load' || lpad(i::text, 5, '0'), 'Load ' || lpad(i::text, 5, '0'), $2, 0 \
         FROM generate_series(1, $1) AS i",
    )
    .bind(i64::from(users))
    .bind(&hash)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "CREATE TEMP TABLE ring ON COMMIT DROP AS \
         SELECT substr(username, 5)::int - 1 AS idx, id FROM users WHERE username LIKE 'load%'",
    )
    .execute(&mut *tx)
    .await?;
    let half = i64::from(friends / 2);
    for (from, to) in [("a.id", "b.id"), ("b.id", "a.id")] {
        let sql = format!(
            "INSERT INTO friendships (user_id, friend_id, since_ms) \
             SELECT {from}, {to}, 0 FROM ring a CROSS JOIN generate_series(1, $1) AS d(k) \
             JOIN ring b ON b.idx = (a.idx + d.k) % $2"
        );
        sqlx::query(&sql)
            .bind(half)
            .bind(i64::from(users))
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "INSERT INTO artists (name, name_key, created_ms) \
         VALUES ('Load Test Artist', 'load test artist', 0) \
         ON CONFLICT DO NOTHING",
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO albums (artist_id, title, title_key, year, genre, created_ms) \
         SELECT id, 'Load Test Album', 'load test album', 2026, 'Test', 0 FROM artists \
         WHERE name_key = 'load test artist' ON CONFLICT DO NOTHING",
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO tracks (album_id, artist_id, title, track_number, duration_ms, \
                             audio_hash, audio_kind, source_path, imported_ms) \
         SELECT al.id, al.artist_id, 'Load Test Track ' || i, i, $2, \
                lpad(to_hex(i), 64, '0'), 'ogg', 'loadtest:track-' || i, 0 \
         FROM generate_series(1, $1) AS i, albums al \
         WHERE al.title_key = 'load test album' ON CONFLICT DO NOTHING",
    )
    .bind(TRACKS)
    .bind(TRACK_MS)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    sqlx::query("ANALYZE").execute(store.pool()).await?;
    println!(
        "seeded {users} users ({} … {}) with {friends} friends each and {TRACKS} tracks in PostgreSQL in {:.1} s",
        username(1),
        username(users),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
