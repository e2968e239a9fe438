//! Who is online, across instances: each instance holds a lease per
//! listener with a feed socket open on it, renews its leases while it runs
//! and releases them as sockets close. A lease that is not renewed (its
//! instance died) expires, and its listener goes offline. Presence reads
//! ([`crate::ActivityStore::presence`]) say who holds one.

use async_trait::async_trait;
use chorus_domain::UserId;

use crate::StorageResult;

/// Reads and writes online leases.
#[async_trait]
pub trait OnlineStore: Send + Sync {
    /// `users` are online on `instance` until `until_ms` (creating or
    /// renewing their leases).
    async fn hold_online(
        &self,
        instance: i64,
        users: &[UserId],
        until_ms: u64,
    ) -> StorageResult<()>;

    /// `users` have no socket open on `instance` any more.
    async fn release_online(&self, instance: i64, users: &[UserId]) -> StorageResult<()>;

    /// Drops the leases expired at `now_ms`; returns the listeners who
    /// thereby went offline (no lease left on any instance). Each expired
    /// lease is returned by one caller only, so with several instances
    /// sweeping, each change is announced once.
    async fn expire_online(&self, now_ms: u64) -> StorageResult<Vec<UserId>>;
}
