//! `seed`: users load00001…loadN, all with one real argon2 hash of
//! [`PASSWORD`], and a ring-lattice friend graph (each user befriends the
//! K/2 nearest users on each side, stored in both directions like the
//! server does) — plus a small synthetic catalog (one artist, one album,
//! [`TRACKS`] tracks without audio files) for now-playing reports. One
//! transaction, generated in SQL: seconds for millions of rows.

use std::time::Instant;

use anyhow::{bail, Context};
use chorus_storage_sqlite::SqliteStore;

use crate::cli::SeedArgs;

/// The password of every seeded user.
pub const PASSWORD: &str = "load test password";
/// Tracks of the synthetic album.
pub const TRACKS: i64 = 8;
/// Ten minutes: long enough that a report never becomes a play by accident.
pub const TRACK_MS: i64 = 600_000;
/// Username of user `i` (1-based).
pub fn username(i: u32) -> String {
    format!("load{i:05}")
}

pub async fn run(args: SeedArgs) -> anyhow::Result<()> {
    let SeedArgs {
        data_dir,
        users,
        friends,
        database_url,
    } = args;
    if users == 0 || users > 99_999 {
        bail!("--users must be 1..=99999");
    }
    if friends % 2 != 0 || friends >= users {
        bail!("--friends must be even and less than --users");
    }
    if let Some(url) = database_url {
        return crate::seed_postgres::run(&url, users, friends).await;
    }
    std::fs::create_dir_all(&data_dir)
        .with_context(|| format!("cannot create {}", data_dir.display()))?;
    let url = format!("sqlite://{}/chorus.db", data_dir.display());
    // Opening through the store runs the server's migrations.
    let store = SqliteStore::open(&url)
        .await
        .with_context(|| format!("cannot open {url}"))?;
    let started = Instant::now();
    let hash = tokio::task::spawn_blocking(|| password_auth::generate_hash(PASSWORD)).await?;
    println!(
        "argon2 hash (password-auth defaults) computed once in {:.0} ms",
        started.elapsed().as_secs_f64() * 1e3
    );

    let started = Instant::now();
    let mut tx = store.pool().begin().await?;
    let (existing,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM users WHERE username GLOB 'load[0-9]*'")
            .fetch_one(&mut *tx)
            .await?;
    if existing > 0 {
        bail!("{existing} load users already exist in {url}: seed a fresh data folder");
    }
    sqlx::query(
        "INSERT INTO users (username, display_name, password_hash) \
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1) \
         SELECT printf('load%05d', i), printf('Load %05d', i), ?2 FROM n",
    )
    .bind(i64::from(users))
    .bind(&hash)
    .execute(&mut *tx)
    .await?;
    sqlx::query("CREATE TEMP TABLE ring (idx INTEGER PRIMARY KEY, id INTEGER NOT NULL)")
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO ring (idx, id) \
         SELECT CAST(substr(username, 5) AS INTEGER) - 1, id FROM users \
         WHERE username GLOB 'load[0-9]*'",
    )
    .execute(&mut *tx)
    .await?;
    // Each user and the K/2 next ones on the ring, in both directions.
    let half = i64::from(friends / 2);
    let n = i64::from(users);
    for (from, to) in [("a.id", "b.id"), ("b.id", "a.id")] {
        let sql = format!(
            "INSERT INTO friendships (user_id, friend_id) \
             WITH RECURSIVE d(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM d WHERE k < ?1) \
             SELECT {from}, {to} FROM ring a JOIN d JOIN ring b ON b.idx = (a.idx + d.k) % ?2"
        );
        sqlx::query(&sql)
            .bind(half)
            .bind(n)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DROP TABLE ring").execute(&mut *tx).await?;
    seed_catalog(&mut tx).await?;
    tx.commit().await?;
    let (rows,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM friendships")
        .fetch_one(store.pool())
        .await?;
    println!(
        "seeded {users} users ({} … {}), {rows} friendship rows ({friends} friends each, both directions), {TRACKS} tracks in {:.1} s",
        username(1),
        username(users),
        started.elapsed().as_secs_f64()
    );
    store.pool().close().await;
    Ok(())
}

/// One artist, one album, [`TRACKS`] tracks. The audio hashes name no file:
/// the feed shows tracks, nobody streams them.
async fn seed_catalog(tx: &mut sqlx::SqliteConnection) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT OR IGNORE INTO artists (name, name_key) VALUES ('Load Test Artist', 'load test artist')",
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT OR IGNORE INTO albums (artist_id, title, title_key, year, genre) \
         SELECT id, 'Load Test Album', 'load test album', 2026, 'Test' FROM artists \
         WHERE name_key = 'load test artist'",
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT OR IGNORE INTO tracks (album_id, artist_id, title, track_number, duration_ms, \
                                       audio_hash, audio_kind, source_path) \
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1) \
         SELECT al.id, al.artist_id, printf('Load Test Track %d', i), i, ?2, \
                printf('%064x', i), 'ogg', printf('loadtest:track-%d', i) \
         FROM n, albums al JOIN artists ar ON ar.id = al.artist_id \
         WHERE ar.name_key = 'load test artist' AND al.title_key = 'load test album'",
    )
    .bind(TRACKS)
    .bind(TRACK_MS)
    .execute(&mut *tx)
    .await?;
    Ok(())
}
