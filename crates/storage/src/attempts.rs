//! Log-in attempts per username, counted in the database so that every
//! instance enforces one limit together: guessing one account's password
//! from many addresses, spread over many instances, gets no more tries
//! than against one.

use async_trait::async_trait;

use crate::StorageResult;

/// Counts attempts per key in fixed time windows.
#[async_trait]
pub trait AttemptStore: Send + Sync {
    /// Counts one attempt on `key` in the window that starts at
    /// `window_ms`; returns the attempts in that window, this one included.
    /// Atomic: concurrent attempts get distinct counts.
    async fn count_attempt(&self, key: &str, window_ms: u64) -> StorageResult<u32>;

    /// The attempts on `key` in the window that starts at `window_ms`.
    async fn attempts(&self, key: &str, window_ms: u64) -> StorageResult<u32>;

    /// Forgets the windows that started before `before_ms`.
    async fn forget_attempts(&self, before_ms: u64) -> StorageResult<()>;
}
