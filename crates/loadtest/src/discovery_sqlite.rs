//! Writes the discovery benchmark's world into a SQLite database opened by
//! the store (so migrated): batched multi-row INSERTs of rows generated in
//! Rust, the friendship ring generated in SQL, all in one transaction.

use std::time::Instant;

use sqlx::query_builder::Separated;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection, SqlitePool};

use crate::discovery_world::{id, Like, Play, World};

/// Bound parameters per statement (SQLite allows 32,766).
const MAX_PARAMS: usize = 30_000;
/// Every seeded listener's password hash: nobody logs in.
pub const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$YmVuY2g$bm90IGEgcmVhbCBoYXNo";

/// What the catalog import keys names by: case-folded, spaces collapsed.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// `INSERT … VALUES` of `rows` in statements of at most [`MAX_PARAMS`]
/// parameters; `push` writes one row given its 1-based position.
async fn insert<'a, T>(
    conn: &mut SqliteConnection,
    head: &str,
    rows: &'a [T],
    params_per_row: usize,
    mut push: impl FnMut(&mut Separated<'_, 'a, Sqlite, &'static str>, i64, &'a T),
) -> anyhow::Result<()> {
    let per_chunk = (MAX_PARAMS / params_per_row.max(1)).max(1);
    for (c, chunk) in rows.chunks(per_chunk).enumerate() {
        let mut query = QueryBuilder::<Sqlite>::new(head);
        query.push(" ");
        query.push_values(chunk.iter().enumerate(), |mut row, (i, item)| {
            push(&mut row, id(c * per_chunk + i), item);
        });
        query.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Seeds everything; prints each part's time.
pub async fn seed(pool: &SqlitePool, world: &World) -> anyhow::Result<()> {
    let mut tx = pool.begin().await?;
    // A page cache that holds the whole transaction (~1 GB at most, only
    // as used): SQLite otherwise spills pages to the WAL as it goes.
    sqlx::query("PRAGMA cache_size = -1000000")
        .execute(&mut *tx)
        .await?;
    let started = Instant::now();
    insert(
        &mut tx,
        "INSERT INTO artists (id, name, name_key)",
        &world.artists,
        3,
        |row, i, name| {
            row.push_bind(i)
                .push_bind(name.as_str())
                .push_bind(name_key(name));
        },
    )
    .await?;
    insert(
        &mut tx,
        "INSERT INTO albums (id, artist_id, title, title_key, year, genre)",
        &world.albums,
        5,
        |row, i, title| {
            row.push_bind(i)
                .push_bind(World::album_artist(i))
                .push_bind(title.as_str())
                .push_bind(name_key(title))
                .push_bind(1960 + i % 66)
                .push("'Bench'");
        },
    )
    .await?;
    insert(
        &mut tx,
        "INSERT INTO tracks (id, album_id, artist_id, title, track_number, duration_ms, \
         audio_hash, audio_kind, source_path)",
        &world.tracks,
        8,
        |row, i, title| {
            let album = World::track_album(i);
            row.push_bind(i)
                .push_bind(album)
                .push_bind(World::album_artist(album))
                .push_bind(title.as_str())
                .push_bind((i - 1) % 10 + 1)
                .push_bind(150_000 + (i * 7919) % 150_000)
                .push_bind(format!("{i:064x}"))
                .push("'ogg'")
                .push_bind(format!("bench:track-{i}"));
        },
    )
    .await?;
    println!("  catalog: {:.1} s", started.elapsed().as_secs_f64());

    let started = Instant::now();
    let hash = format!("'{DUMMY_HASH}'");
    insert(
        &mut tx,
        "INSERT INTO users (id, username, display_name, password_hash, privacy)",
        &world.listeners,
        4,
        |row, i, l| {
            row.push_bind(i)
                .push_bind(l.username.as_str())
                .push_bind(l.display_name.as_str())
                .push(&hash)
                .push_bind(if l.private { "private" } else { "friends" });
        },
    )
    .await?;
    friendships(&mut tx, world).await?;
    println!(
        "  listeners and friendships: {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let started = Instant::now();
    plays(&mut tx, &world.history()).await?;
    println!("  plays: {:.1} s", started.elapsed().as_secs_f64());
    let started = Instant::now();
    let (track_likes, artist_likes) = world.likes();
    likes(
        &mut tx,
        "track_likes (user_id, track_id, created_ms)",
        &track_likes,
    )
    .await?;
    likes(
        &mut tx,
        "artist_likes (user_id, artist_id, created_ms)",
        &artist_likes,
    )
    .await?;
    println!("  likes: {:.1} s", started.elapsed().as_secs_f64());
    let started = Instant::now();
    tx.commit().await?;
    println!("  commit: {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// Each listener and the `friends / 2` next ones on the ring, stored in
/// both directions; each direction inserted in user order.
async fn friendships(conn: &mut SqliteConnection, world: &World) -> anyhow::Result<()> {
    let n = id(world.listeners.len()) - 1;
    let half = id(world.sizes.friends / 2) - 1;
    for step in ["+ d.k", "- d.k + ?2"] {
        let sql = format!(
            "INSERT INTO friendships (user_id, friend_id) \
             WITH RECURSIVE d(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM d WHERE k < ?1), \
             u(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM u WHERE i < ?2) \
             SELECT u.i, 1 + (u.i - 1 {step}) % ?2 FROM u, d ORDER BY 1, 2"
        );
        sqlx::query(&sql)
            .bind(half)
            .bind(n)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// `played` events visible to friends, in the order given (ids follow).
pub async fn plays(conn: &mut SqliteConnection, plays: &[Play]) -> anyhow::Result<()> {
    insert(
        conn,
        "INSERT INTO activity (user_id, kind, track_id, visibility, at_ms)",
        plays,
        3,
        |row, _, play| {
            row.push_bind(play.user)
                .push("'played'")
                .push_bind(play.track)
                .push("'friends'")
                .push_bind(play.at_ms);
        },
    )
    .await
}

async fn likes(conn: &mut SqliteConnection, table: &str, likes: &[Like]) -> anyhow::Result<()> {
    insert(
        conn,
        &format!("INSERT INTO {table}"),
        likes,
        3,
        |row, _, like| {
            row.push_bind(like.user)
                .push_bind(like.item)
                .push_bind(like.at_ms);
        },
    )
    .await
}
