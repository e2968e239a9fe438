//! [`PurgeQueue`] for PostgreSQL: the `cdn_purges` table, shared by every
//! instance. Claims skip rows another sender has locked, so two instances
//! never send one purge at once.
//!
//! The replica fence: each queued key records the primary's WAL insert
//! position (`pg_current_wal_insert_lsn()`, taken after the change that
//! caused the purge committed; the insert position, not the write one,
//! because activity commits with `synchronous_commit = off` and may not be
//! written out yet). A claim first asks the read pool how far it has replayed
//! (`pg_last_wal_replay_lsn()`: `NULL` on a primary, so without a replica
//! nothing waits) and hands out only keys at or before that position.

use async_trait::async_trait;
use chorus_storage::{PendingPurge, PurgeQueue, StorageResult};

use crate::error::map_err;
use crate::PostgresStore;

fn ms(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

#[async_trait]
impl PurgeQueue for PostgresStore {
    async fn queue_purges(&self, keys: &[String], now_ms: u64) -> StorageResult<()> {
        if keys.is_empty() {
            return Ok(());
        }
        let mut keys = keys.to_vec();
        keys.sort();
        keys.dedup();
        sqlx::query(
            "INSERT INTO cdn_purges (key, generation, queued_ms, due_ms, fence) \
             SELECT k, 1, $2, $2, pg_current_wal_insert_lsn() FROM UNNEST($1::text[]) AS k \
             ON CONFLICT (key) DO UPDATE SET generation = cdn_purges.generation + 1, \
                 queued_ms = excluded.queued_ms, due_ms = excluded.due_ms, attempts = 0, \
                 fence = excluded.fence",
        )
        .bind(&keys)
        .bind(ms(now_ms))
        .execute(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(())
    }

    async fn claim_purges(
        &self,
        now_ms: u64,
        claimed_until_ms: u64,
        unfenced_before_ms: u64,
        limit: u32,
    ) -> StorageResult<Vec<PendingPurge>> {
        let replayed: Option<String> = sqlx::query_scalar("SELECT pg_last_wal_replay_lsn()::text")
            .fetch_one(self.read_pool())
            .await
            .map_err(map_err)?;
        let rows: Vec<(String, i64, i32)> = sqlx::query_as(
            "UPDATE cdn_purges SET due_ms = $2 \
             WHERE key IN (SELECT key FROM cdn_purges \
                           WHERE due_ms <= $1 \
                             AND ($4::pg_lsn IS NULL OR fence <= $4::pg_lsn OR queued_ms < $5) \
                           ORDER BY due_ms, key LIMIT $3 FOR UPDATE SKIP LOCKED) \
             RETURNING key, generation, attempts",
        )
        .bind(ms(now_ms))
        .bind(ms(claimed_until_ms))
        .bind(i64::from(limit))
        .bind(replayed)
        .bind(ms(unfenced_before_ms))
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(chorus_storage_rows::pending_purges(rows))
    }

    async fn purges_done(&self, done: &[PendingPurge]) -> StorageResult<()> {
        let (keys, generations) = columns(done);
        sqlx::query(
            "DELETE FROM cdn_purges p USING UNNEST($1::text[], $2::bigint[]) AS d (key, generation) \
             WHERE p.key = d.key AND p.generation = d.generation",
        )
        .bind(&keys)
        .bind(&generations)
        .execute(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(())
    }

    async fn purges_failed(&self, failed: &[PendingPurge], retry_at_ms: u64) -> StorageResult<()> {
        let (keys, generations) = columns(failed);
        sqlx::query(
            "UPDATE cdn_purges p SET due_ms = $3, attempts = p.attempts + 1 \
             FROM UNNEST($1::text[], $2::bigint[]) AS f (key, generation) \
             WHERE p.key = f.key AND p.generation = f.generation",
        )
        .bind(&keys)
        .bind(&generations)
        .bind(ms(retry_at_ms))
        .execute(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(())
    }

    async fn pending_purges(&self) -> StorageResult<u64> {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cdn_purges")
            .fetch_one(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(u64::try_from(count).unwrap_or(0))
    }
}

/// Keys and generations as two arrays, for `UNNEST`.
fn columns(purges: &[PendingPurge]) -> (Vec<String>, Vec<i64>) {
    purges.iter().map(|p| (p.key.clone(), p.generation)).unzip()
}
