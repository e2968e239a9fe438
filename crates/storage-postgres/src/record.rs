//! Recording an event: [`insert`], used by every write that causes one so
//! the event commits with it.
//!
//! # Activity ids become visible in id order
//!
//! Live feeds read [`chorus_storage::ActivityStore::shared_after`] and
//! `feed_after` from a cursor and move it to the highest id they saw. An
//! event whose id is below the cursor when it becomes visible is therefore
//! never sent. SQLite has one writer, so its ids commit in order.
//! PostgreSQL draws identity values without waiting for anyone's commit:
//! transaction A may draw id 10 and transaction B id 11, B commit first, a
//! reader move past 11, and A's event appear afterwards, below the cursor,
//! skipped forever.
//!
//! So every transaction takes the [`ACTIVITY_ORDER`] advisory lock right
//! before it inserts an event (as late as possible: the lock is held only
//! for the inserts and the commit).
//!
//! # The lock is not held while the disk flushes
//!
//! A commit normally waits for its WAL to reach the disk, and a lock is
//! released only after the commit: holding the order lock over every
//! flush would make event writers wait for each other's fsync, one at a
//! time (measured: 5,300 inserts/s without the lock, 520/s with it and a
//! flush under it, 2 cores). So a transaction recording events commits
//! with `synchronous_commit = off` (it becomes visible and lets the lock
//! go without waiting for the disk), and [`commit`] then waits for the
//! flush outside the lock: a one-statement transaction that commits
//! synchronously flushes the WAL up to its own commit record, which lies
//! after ours. Flushes of concurrent writers overlap (group commit). The
//! caller is answered only once its event is durable; a database crash in
//! between can lose an event that friends already saw, never one the
//! writer was told about. Ids are then drawn by one transaction
//! at a time, each drawing only after the previous holder committed and
//! its rows became visible (PostgreSQL releases a transaction's locks
//! after its commit is visible), so any snapshot that shows an event also
//! shows every event with a lower id. A transaction that rolls back leaves
//! a gap, never a late arrival.
//!
//! Deadlocks: the lock is the last one a transaction takes. Holding it, a
//! transaction only inserts events, whose foreign keys take `KEY SHARE`
//! locks on the user, track, artist and friend rows (and a like recorded
//! in private then marks its own like row, inserted earlier in the same
//! transaction: no lock to wait for). Transactions waiting for the lock
//! hold no lock that conflicts with those: they lock users
//! `FOR NO KEY UPDATE` (never `FOR UPDATE`), and otherwise only rows of
//! their own (likes, requests, friendships, listening state). The one
//! writer that takes conflicting locks is the importer (a re-imported
//! track's row, an orphaned artist's deletion), and it never waits for this
//! lock, so the holder at most waits for an import to commit. A cycle
//! remains possible only through an import that deletes an orphaned artist
//! at the very moment someone likes that artist while a third transaction
//! records an event about the re-imported track; PostgreSQL detects it and
//! fails one of them (a backend error, as any database failure).

use chorus_domain::{ActivityKind, ArtistId, TrackId, UserId};
use chorus_storage::{Recorded, StorageResult};
use sqlx::{PgConnection, PgPool, Postgres, Transaction};

use crate::error::map_err;
use crate::locks::{lock, ACTIVITY_ORDER};
use crate::privacy::PRIVATE_NOW;

/// What an event is about.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Target {
    pub track: Option<TrackId>,
    pub artist: Option<ArtistId>,
    pub friend: Option<UserId>,
}

/// Records an event of `user`, visible to friends unless the user is
/// private right now (by setting or private session). `conn` must be in a
/// transaction: the ordering lock taken here lasts until it ends (taking
/// it again in the same transaction is free).
pub(crate) async fn insert(
    conn: &mut PgConnection,
    user: UserId,
    kind: ActivityKind,
    target: Target,
) -> StorageResult<Recorded> {
    Ok(insert_telling_privacy(conn, user, kind, target).await?.0)
}

/// Records an event as [`insert`] does, and tells whether it was recorded
/// as private (a like made in private is marked so, `likes.rs`).
pub(crate) async fn insert_telling_privacy(
    conn: &mut PgConnection,
    user: UserId,
    kind: ActivityKind,
    target: Target,
) -> StorageResult<(Recorded, bool)> {
    sqlx::query("SET LOCAL synchronous_commit = off")
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    lock(conn, ACTIVITY_ORDER).await?;
    let sql = format!(
        "INSERT INTO activity (user_id, kind, track_id, artist_id, friend_id, visibility) \
         SELECT $1, $2, $3, $4, $5, CASE WHEN {PRIVATE_NOW} THEN 'private' ELSE 'friends' END \
         FROM users WHERE id = $1 RETURNING id, visibility = 'private'"
    );
    let (id, private): (i64, bool) = sqlx::query_as(&sql)
        .bind(user.0)
        .bind(kind.as_str())
        .bind(target.track.map(|t| t.0))
        .bind(target.artist.map(|a| a.0))
        .bind(target.friend.map(|f| f.0))
        .fetch_one(conn)
        .await
        .map_err(map_err)?;
    Ok((Recorded { id, user, kind }, private))
}

/// Commits a transaction that may have recorded events and returns once
/// it is durable (see the module doc: the flush happens after the order
/// lock is released). `recorded`: whether it inserted any event (others
/// committed synchronously already).
pub(crate) async fn commit(
    tx: Transaction<'_, Postgres>,
    pool: &PgPool,
    recorded: bool,
) -> StorageResult<()> {
    tx.commit().await.map_err(map_err)?;
    if recorded {
        sqlx::query("SELECT pg_current_xact_id()")
            .execute(pool)
            .await
            .map_err(map_err)?;
    }
    Ok(())
}
