//! The account stores both SQL backends share, written once (the same SQL
//! on SQLite and PostgreSQL): log-in attempts per window
//! ([`chorus_storage::AttemptStore`], [`crate::sql_attempt_store!`]) and
//! trusted devices ([`chorus_storage::DeviceStore`],
//! [`crate::sql_device_store!`]). Each expands on a store type with a
//! `pool` field, given its sqlx error mapping.

/// Implements [`chorus_storage::AttemptStore`] for `$store`.
#[macro_export]
macro_rules! sql_attempt_store {
    ($store:ty, $map_err:path) => {
        #[async_trait::async_trait]
        impl chorus_storage::AttemptStore for $store {
            async fn count_attempt(&self, key: &str, window_ms: u64) -> chorus_storage::StorageResult<u32> {
                let attempts: i64 = sqlx::query_scalar(
                    "INSERT INTO login_attempts (key, window_ms, attempts) VALUES ($1, $2, 1) \
                     ON CONFLICT (key, window_ms) DO UPDATE SET attempts = login_attempts.attempts + 1 \
                     RETURNING attempts",
                )
                .bind(key)
                .bind($crate::bigint(window_ms))
                .fetch_one(&self.pool)
                .await
                .map_err($map_err)?;
                Ok(u32::try_from(attempts).unwrap_or(u32::MAX))
            }

            async fn attempts(&self, key: &str, window_ms: u64) -> chorus_storage::StorageResult<u32> {
                let attempts: Option<i64> = sqlx::query_scalar(
                    "SELECT attempts FROM login_attempts WHERE key = $1 AND window_ms = $2",
                )
                .bind(key)
                .bind($crate::bigint(window_ms))
                .fetch_optional(&self.pool)
                .await
                .map_err($map_err)?;
                Ok(attempts.map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX)))
            }

            async fn forget_attempts(&self, before_ms: u64) -> chorus_storage::StorageResult<()> {
                sqlx::query("DELETE FROM login_attempts WHERE window_ms < $1")
                    .bind($crate::bigint(before_ms))
                    .execute(&self.pool)
                    .await
                    .map_err($map_err)?;
                Ok(())
            }
        }
    };
}

/// Implements [`chorus_storage::DeviceStore`] for `$store`.
#[macro_export]
macro_rules! sql_device_store {
    ($store:ty, $map_err:path) => {
        #[async_trait::async_trait]
        impl chorus_storage::DeviceStore for $store {
            async fn trust_device(&self, user: chorus_domain::UserId, token_hash: &str, now_ms: u64) -> chorus_storage::StorageResult<()> {
                sqlx::query(
                    "INSERT INTO trusted_devices (token_hash, user_id, last_used_ms) VALUES ($1, $2, $3) \
                     ON CONFLICT (token_hash) DO UPDATE SET user_id = excluded.user_id, \
                                                            last_used_ms = excluded.last_used_ms",
                )
                .bind(token_hash)
                .bind(user.0)
                .bind($crate::bigint(now_ms))
                .execute(&self.pool)
                .await
                .map_err($map_err)?;
                Ok(())
            }

            async fn device_owner(&self, token_hash: &str) -> chorus_storage::StorageResult<Option<chorus_domain::UserId>> {
                let owner: Option<i64> =
                    sqlx::query_scalar("SELECT user_id FROM trusted_devices WHERE token_hash = $1")
                        .bind(token_hash)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err($map_err)?;
                Ok(owner.map(chorus_domain::UserId))
            }

            async fn forget_devices(&self, before_ms: u64) -> chorus_storage::StorageResult<u64> {
                let done = sqlx::query("DELETE FROM trusted_devices WHERE last_used_ms < $1")
                    .bind($crate::bigint(before_ms))
                    .execute(&self.pool)
                    .await
                    .map_err($map_err)?;
                Ok(done.rows_affected())
            }
        }
    };
}
