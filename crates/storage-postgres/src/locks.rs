//! The transaction-level advisory locks this crate takes, each under one
//! fixed key named here (so no two uses collide), and how to take one.
//!
//! SQLite has a single writer: its `BEGIN IMMEDIATE` transactions run one
//! after the other. PostgreSQL runs them side by side, so where the order
//! of writers matters, an advisory lock makes them queue as SQLite's do.
//! Each is released when its transaction ends (commit or rollback).

use chorus_storage::StorageResult;
use sqlx::PgConnection;

use crate::error::map_err;

/// Orders activity inserts: every transaction that inserts into `activity`
/// takes it right before its (first) insert and holds it until it
/// commits, so activity ids are drawn and committed one transaction after
/// the other, and become visible in id order. Live feeds depend on it
/// (see `record.rs`). Taken last, after every row lock of its transaction.
pub(crate) const ACTIVITY_ORDER: i64 = 0x6368_6f72_7573_0001;

/// Serializes catalog imports, as SQLite's write lock does: an import
/// checks for the audio and the source path before it writes, which
/// another import must not change under it (two imports of one file would
/// otherwise both insert it, and one would fail on the unique audio hash).
pub(crate) const IMPORT: i64 = 0x6368_6f72_7573_0002;

/// Serializes sweeps of expired online leases, as SQLite runs them one at
/// a time. A sweep deletes expired leases, then reports those of their
/// listeners who hold none any more: a listener whose last two leases two
/// sweeps deleted at once, each still seeing the other's, would be
/// reported by neither. The sweep's row locks, taken in key order, already
/// rule that out for the present queries (the conformance case passes
/// without this lock); the lock keeps the guarantee from resting on that.
pub(crate) const ONLINE_SWEEP: i64 = 0x6368_6f72_7573_0003;

/// Serializes recomputations of the global charts, as SQLite's write lock
/// does: each reads the chart kept before it to tell whether its own
/// differs, then replaces it, and two at once would both compare with the
/// same old chart.
pub(crate) const CHARTS: i64 = 0x6368_6f72_7573_0004;

/// Takes the advisory lock `key` until the end of the transaction on
/// `conn`, waiting for it if another transaction holds it.
pub(crate) async fn lock(conn: &mut PgConnection, key: i64) -> StorageResult<()> {
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(key)
        .execute(conn)
        .await
        .map_err(map_err)?;
    Ok(())
}
