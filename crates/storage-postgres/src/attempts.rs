//! [`AttemptStore`] for PostgreSQL: the `login_attempts` table.

use async_trait::async_trait;
use chorus_storage::{AttemptStore, StorageResult};

use crate::error::map_err;
use crate::PostgresStore;

fn ms(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

#[async_trait]
impl AttemptStore for PostgresStore {
    async fn count_attempt(&self, key: &str, window_ms: u64) -> StorageResult<u32> {
        let attempts: i64 = sqlx::query_scalar(
            "INSERT INTO login_attempts (key, window_ms, attempts) VALUES ($1, $2, 1) \
             ON CONFLICT (key, window_ms) DO UPDATE SET attempts = login_attempts.attempts + 1 \
             RETURNING attempts",
        )
        .bind(key)
        .bind(ms(window_ms))
        .fetch_one(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(u32::try_from(attempts).unwrap_or(u32::MAX))
    }

    async fn attempts(&self, key: &str, window_ms: u64) -> StorageResult<u32> {
        let attempts: Option<i64> = sqlx::query_scalar(
            "SELECT attempts FROM login_attempts WHERE key = $1 AND window_ms = $2",
        )
        .bind(key)
        .bind(ms(window_ms))
        .fetch_optional(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(attempts.map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX)))
    }

    async fn forget_attempts(&self, before_ms: u64) -> StorageResult<()> {
        sqlx::query("DELETE FROM login_attempts WHERE window_ms < $1")
            .bind(ms(before_ms))
            .execute(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(())
    }
}
