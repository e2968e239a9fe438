//! [`PurgeQueue`] for SQLite: the `cdn_purges` table. One instance runs on
//! SQLite and there is no replica, so nothing is fenced.

use async_trait::async_trait;
use chorus_storage::{PendingPurge, PurgeQueue, StorageResult};

use crate::error::map_err;
use crate::SqliteStore;

fn ms(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

#[async_trait]
impl PurgeQueue for SqliteStore {
    async fn queue_purges(&self, keys: &[String], now_ms: u64) -> StorageResult<()> {
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        for key in keys {
            sqlx::query(
                "INSERT INTO cdn_purges (key, generation, queued_ms, due_ms) VALUES (?1, 1, ?2, ?2) \
                 ON CONFLICT (key) DO UPDATE SET generation = cdn_purges.generation + 1, \
                     queued_ms = excluded.queued_ms, due_ms = excluded.due_ms, attempts = 0",
            )
            .bind(key)
            .bind(ms(now_ms))
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        }
        tx.commit().await.map_err(map_err)
    }

    async fn claim_purges(
        &self,
        now_ms: u64,
        claimed_until_ms: u64,
        _unfenced_before_ms: u64,
        limit: u32,
    ) -> StorageResult<Vec<PendingPurge>> {
        let rows: Vec<(String, i64, i64)> = sqlx::query_as(
            "UPDATE cdn_purges SET due_ms = ?2 \
             WHERE key IN (SELECT key FROM cdn_purges WHERE due_ms <= ?1 \
                           ORDER BY due_ms, key LIMIT ?3) \
             RETURNING key, generation, attempts",
        )
        .bind(ms(now_ms))
        .bind(ms(claimed_until_ms))
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(chorus_storage_rows::pending_purges(rows))
    }

    async fn purges_done(&self, done: &[PendingPurge]) -> StorageResult<()> {
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        for purge in done {
            sqlx::query("DELETE FROM cdn_purges WHERE key = ?1 AND generation = ?2")
                .bind(&purge.key)
                .bind(purge.generation)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
        }
        tx.commit().await.map_err(map_err)
    }

    async fn purges_failed(&self, failed: &[PendingPurge], retry_at_ms: u64) -> StorageResult<()> {
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        for purge in failed {
            sqlx::query(
                "UPDATE cdn_purges SET due_ms = ?3, attempts = attempts + 1 \
                 WHERE key = ?1 AND generation = ?2",
            )
            .bind(&purge.key)
            .bind(purge.generation)
            .bind(ms(retry_at_ms))
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        }
        tx.commit().await.map_err(map_err)
    }

    async fn pending_purges(&self) -> StorageResult<u64> {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cdn_purges")
            .fetch_one(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(u64::try_from(count).unwrap_or(0))
    }
}
