//! [`OnlineStore`] for SQLite: the `online_leases` table.

use async_trait::async_trait;
use chorus_domain::UserId;
use chorus_storage::{OnlineStore, StorageResult};

use crate::error::map_err;
use crate::id_list::id_list;
use crate::SqliteStore;

fn ms(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

#[async_trait]
impl OnlineStore for SqliteStore {
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
             SELECT u.id, ?1, ?2 FROM users u WHERE u.id IN (SELECT value FROM json_each(?3)) \
             ON CONFLICT (user_id, instance) DO UPDATE SET expires_ms = excluded.expires_ms",
        )
        .bind(instance)
        .bind(ms(until_ms))
        .bind(id_list(users.iter().map(|u| u.0)))
        .execute(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(())
    }

    async fn release_online(&self, instance: i64, users: &[UserId]) -> StorageResult<()> {
        sqlx::query(
            "DELETE FROM online_leases \
             WHERE instance = ?1 AND user_id IN (SELECT value FROM json_each(?2))",
        )
        .bind(instance)
        .bind(id_list(users.iter().map(|u| u.0)))
        .execute(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(())
    }

    async fn expire_online(&self, now_ms: u64) -> StorageResult<Vec<UserId>> {
        let mut tx = self
            .pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(map_err)?;
        let expired: Vec<(i64,)> =
            sqlx::query_as("DELETE FROM online_leases WHERE expires_ms <= ?1 RETURNING user_id")
                .bind(ms(now_ms))
                .fetch_all(&mut *tx)
                .await
                .map_err(map_err)?;
        let offline: Vec<(i64,)> = sqlx::query_as(
            "SELECT value FROM json_each(?1) \
             WHERE NOT EXISTS (SELECT 1 FROM online_leases WHERE user_id = value)",
        )
        .bind(id_list(expired.into_iter().map(|(id,)| id)))
        .fetch_all(&mut *tx)
        .await
        .map_err(map_err)?;
        tx.commit().await.map_err(map_err)?;
        let mut users: Vec<UserId> = offline.into_iter().map(|(id,)| UserId(id)).collect();
        users.sort_unstable();
        users.dedup();
        Ok(users)
    }
}
