//! [`DeviceStore`] for PostgreSQL: the `trusted_devices` table.

use async_trait::async_trait;
use chorus_domain::UserId;
use chorus_storage::{DeviceStore, StorageResult};

use crate::error::map_err;
use crate::PostgresStore;

fn ms(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

#[async_trait]
impl DeviceStore for PostgresStore {
    async fn trust_device(&self, user: UserId, token_hash: &str, now_ms: u64) -> StorageResult<()> {
        sqlx::query(
            "INSERT INTO trusted_devices (token_hash, user_id, last_used_ms) VALUES ($1, $2, $3) \
             ON CONFLICT (token_hash) DO UPDATE SET user_id = excluded.user_id, \
                                                    last_used_ms = excluded.last_used_ms",
        )
        .bind(token_hash)
        .bind(user.0)
        .bind(ms(now_ms))
        .execute(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(())
    }

    async fn device_owner(&self, token_hash: &str) -> StorageResult<Option<UserId>> {
        let owner: Option<i64> =
            sqlx::query_scalar("SELECT user_id FROM trusted_devices WHERE token_hash = $1")
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await
                .map_err(map_err)?;
        Ok(owner.map(UserId))
    }

    async fn forget_devices(&self, before_ms: u64) -> StorageResult<u64> {
        let done = sqlx::query("DELETE FROM trusted_devices WHERE last_used_ms < $1")
            .bind(ms(before_ms))
            .execute(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(done.rows_affected())
    }
}
