//! Writes the discovery benchmark's world into a PostgreSQL database
//! migrated by the store: rows generated in Rust sent as arrays and
//! expanded by `UNNEST` (one statement per 100,000 rows), the friendship
//! ring by `generate_series`; one transaction (foreign keys unchecked when
//! the role may skip them), then `ANALYZE`.

use std::time::Instant;

use sqlx::{PgConnection, PgPool};

use crate::discovery_sqlite::{name_key, DUMMY_HASH};
use crate::discovery_world::{id, Like, Play, World};

/// Rows per statement.
const CHUNK: usize = 100_000;

fn ids(count: usize) -> Vec<i64> {
    (1..=id(count) - 1).collect()
}

/// Seeds everything; prints each part's time.
pub async fn seed(pool: &PgPool, world: &World) -> anyhow::Result<()> {
    let mut tx = pool.begin().await?;
    let (superuser,): (bool,) =
        sqlx::query_as("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            .fetch_one(&mut *tx)
            .await?;
    if superuser {
        // Foreign keys unchecked (the rows are consistent by construction):
        // their per-row triggers are most of the time of a bulk insert.
        sqlx::query("SET LOCAL session_replication_role = replica")
            .execute(&mut *tx)
            .await?;
        println!("  (superuser: foreign keys not checked while seeding)");
    }
    let started = Instant::now();
    let artist_keys: Vec<String> = world.artists.iter().map(|n| name_key(n)).collect();
    sqlx::query(
        "INSERT INTO artists (id, name, name_key, created_ms) \
         SELECT *, 0 FROM UNNEST($1::int8[], $2::text[], $3::text[])",
    )
    .bind(ids(world.artists.len()))
    .bind(world.artists.as_slice())
    .bind(artist_keys)
    .execute(&mut *tx)
    .await?;
    let album_keys: Vec<String> = world.albums.iter().map(|n| name_key(n)).collect();
    sqlx::query(
        "INSERT INTO albums (id, artist_id, title, title_key, year, genre, created_ms) \
         SELECT i, (i - 1) / 2 + 1, title, key, 1960 + i % 66, 'Bench', 0 \
         FROM UNNEST($1::int8[], $2::text[], $3::text[]) AS x(i, title, key)",
    )
    .bind(ids(world.albums.len()))
    .bind(world.albums.as_slice())
    .bind(album_keys)
    .execute(&mut *tx)
    .await?;
    for (c, titles) in world.tracks.chunks(CHUNK).enumerate() {
        let first = id(c * CHUNK);
        let track_ids: Vec<i64> = (first..first + id(titles.len()) - 1).collect();
        sqlx::query(
            "INSERT INTO tracks (id, album_id, artist_id, title, track_number, duration_ms, \
                                 audio_hash, audio_kind, source_path, imported_ms) \
             SELECT i, (i - 1) / 10 + 1, (i - 1) / 20 + 1, title, (i - 1) % 10 + 1, \
                    150000 + (i * 7919) % 150000, lpad(to_hex(i), 64, '0'), 'ogg', \
                    'bench:track-' || i, 0 \
             FROM UNNEST($1::int8[], $2::text[]) AS x(i, title)",
        )
        .bind(track_ids)
        .bind(titles)
        .execute(&mut *tx)
        .await?;
    }
    println!("  catalog: {:.1} s", started.elapsed().as_secs_f64());

    let started = Instant::now();
    let usernames: Vec<&str> = world
        .listeners
        .iter()
        .map(|l| l.username.as_str())
        .collect();
    let display_names: Vec<&str> = world
        .listeners
        .iter()
        .map(|l| l.display_name.as_str())
        .collect();
    let privacy: Vec<&str> = world
        .listeners
        .iter()
        .map(|l| if l.private { "private" } else { "friends" })
        .collect();
    sqlx::query(
        "INSERT INTO users (id, username, display_name, password_hash, privacy, created_ms) \
         SELECT i, u, d, $5, p, 0 FROM UNNEST($1::int8[], $2::text[], $3::text[], $4::text[]) \
         AS x(i, u, d, p)",
    )
    .bind(ids(world.listeners.len()))
    .bind(usernames)
    .bind(display_names)
    .bind(privacy)
    .bind(DUMMY_HASH)
    .execute(&mut *tx)
    .await?;
    for table in ["artists", "albums", "tracks", "users"] {
        sqlx::query(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                           (SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"
        ))
        .execute(&mut *tx)
        .await?;
    }
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
    sqlx::query("ANALYZE").execute(pool).await?;
    println!(
        "  commit and ANALYZE: {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Each listener and the `friends / 2` next ones on the ring, stored in
/// both directions; each direction inserted in user order.
async fn friendships(conn: &mut PgConnection, world: &World) -> anyhow::Result<()> {
    let n = id(world.listeners.len()) - 1;
    let half = id(world.sizes.friends / 2) - 1;
    for step in ["+ k", "- k + $2"] {
        let sql = format!(
            "INSERT INTO friendships (user_id, friend_id, since_ms) \
             SELECT u, 1 + (u - 1 {step}) % $2, 0 \
             FROM generate_series(1::int8, $2) AS u, generate_series(1::int8, $1) AS k \
             ORDER BY 1, 2"
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
pub async fn plays(conn: &mut PgConnection, plays: &[Play]) -> anyhow::Result<()> {
    for chunk in plays.chunks(CHUNK) {
        let users: Vec<i64> = chunk.iter().map(|p| p.user).collect();
        let tracks: Vec<i64> = chunk.iter().map(|p| p.track).collect();
        let at: Vec<i64> = chunk.iter().map(|p| p.at_ms).collect();
        sqlx::query(
            "INSERT INTO activity (user_id, kind, track_id, visibility, at_ms) \
             SELECT u, 'played', t, 'friends', ms \
             FROM UNNEST($1::int8[], $2::int8[], $3::int8[]) WITH ORDINALITY AS x(u, t, ms, n) \
             ORDER BY n",
        )
        .bind(users)
        .bind(tracks)
        .bind(at)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

async fn likes(conn: &mut PgConnection, table: &str, likes: &[Like]) -> anyhow::Result<()> {
    for chunk in likes.chunks(CHUNK) {
        let users: Vec<i64> = chunk.iter().map(|l| l.user).collect();
        let items: Vec<i64> = chunk.iter().map(|l| l.item).collect();
        let at: Vec<i64> = chunk.iter().map(|l| l.at_ms).collect();
        sqlx::query(&format!(
            "INSERT INTO {table} SELECT u, i, ms \
             FROM UNNEST($1::int8[], $2::int8[], $3::int8[]) AS x(u, i, ms)"
        ))
        .bind(users)
        .bind(items)
        .bind(at)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
