//! [`OnlineStore`] for PostgreSQL: the `online_leases` table.
//!
//! Writes that touch several leases lock them in `(user_id, instance)`
//! order, so an instance renewing its leases and a sweep or a release
//! over the same rows never deadlock; sweeps queue on the
//! [`ONLINE_SWEEP`](crate::locks::ONLINE_SWEEP) lock, as SQLite runs them
//! one at a time.

use async_trait::async_trait;
use chorus_domain::UserId;
use chorus_storage::{OnlineStore, StorageResult};

use crate::error::map_err;
use crate::locks::{lock, ONLINE_SWEEP};
use crate::PostgresStore;

fn ms(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

fn ids(users: &[UserId]) -> Vec<i64> {
    users.iter().map(|u| u.0).collect()
}

#[async_trait]
impl OnlineStore for PostgresStore {
    async fn hold_online(
        &self,
        instance: i64,
        users: &[UserId],
        until_ms: u64,
    ) -> StorageResult<()> {
        if users.is_empty() {
            return Ok(());
        }
        sqlx::query(
            "INSERT INTO online_leases (user_id, instance, expires_ms) \
             SELECT u.id, $1, $2 FROM users u WHERE u.id = ANY($3) ORDER BY u.id \
             ON CONFLICT (user_id, instance) DO UPDATE SET expires_ms = EXCLUDED.expires_ms",
        )
        .bind(instance)
        .bind(ms(until_ms))
        .bind(ids(users))
        .execute(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(())
    }

    async fn release_online(&self, instance: i64, users: &[UserId]) -> StorageResult<()> {
        if users.is_empty() {
            return Ok(());
        }
        sqlx::query(
            "DELETE FROM online_leases l USING ( \
                 SELECT user_id, instance FROM online_leases \
                 WHERE instance = $1 AND user_id = ANY($2) \
                 ORDER BY user_id FOR UPDATE) gone \
             WHERE l.user_id = gone.user_id AND l.instance = gone.instance",
        )
        .bind(instance)
        .bind(ids(users))
        .execute(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(())
    }

    async fn expire_online(&self, now_ms: u64) -> StorageResult<Vec<UserId>> {
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        lock(&mut tx, ONLINE_SWEEP).await?;
        let expired: Vec<i64> = sqlx::query_scalar(
            "DELETE FROM online_leases l USING ( \
                 SELECT user_id, instance FROM online_leases WHERE expires_ms <= $1 \
                 ORDER BY user_id, instance FOR UPDATE) gone \
             WHERE l.user_id = gone.user_id AND l.instance = gone.instance \
             RETURNING l.user_id",
        )
        .bind(ms(now_ms))
        .fetch_all(&mut *tx)
        .await
        .map_err(map_err)?;
        let offline: Vec<i64> = sqlx::query_scalar(
            "SELECT DISTINCT id FROM unnest($1::BIGINT[]) AS gone(id) \
             WHERE NOT EXISTS (SELECT 1 FROM online_leases WHERE user_id = gone.id)",
        )
        .bind(expired)
        .fetch_all(&mut *tx)
        .await
        .map_err(map_err)?;
        tx.commit().await.map_err(map_err)?;
        let mut users: Vec<UserId> = offline.into_iter().map(UserId).collect();
        users.sort_unstable();
        users.dedup();
        Ok(users)
    }
}
