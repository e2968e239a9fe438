//! Recording an event: [`before_insert`], taken by the unit of work
//! (`unit_of_work.rs`) before each event it records, and [`commit`].
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
//! locks on the user, track, artist and friend rows. Transactions waiting for the lock
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

use chorus_storage::StorageResult;
use sqlx::{PgConnection, PgPool, Postgres, Transaction};

use crate::error::map_err;
use crate::locks::{lock, ACTIVITY_ORDER};

/// Takes what every event insert needs first: the order lock, with the
/// commit not waiting for the disk under it (see the module doc). `conn`
/// must be in a transaction: the lock lasts until it ends (taking it again
/// in the same transaction is free).
pub(crate) async fn before_insert(conn: &mut PgConnection) -> StorageResult<()> {
    sqlx::query("SET LOCAL synchronous_commit = off")
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    lock(conn, ACTIVITY_ORDER).await
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
