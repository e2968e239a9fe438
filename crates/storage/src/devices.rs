//! Trusted devices: browsers an account has signed in on. A device holds a
//! random token in a cookie; the store keeps only the token's hash and
//! whose it is. The log-in limiter gives a trusted device a budget of its
//! own, so strangers guessing at an account cannot lock its owner out.

use async_trait::async_trait;
use chorus_domain::UserId;

use crate::StorageResult;

/// Remembers and recognises trusted devices.
#[async_trait]
pub trait DeviceStore: Send + Sync {
    /// Trusts the device holding the token whose hash is `token_hash` for
    /// `user`, as used at `now_ms` (again: it is used again).
    async fn trust_device(&self, user: UserId, token_hash: &str, now_ms: u64) -> StorageResult<()>;

    /// The account the device with `token_hash` is trusted for, if any.
    async fn device_owner(&self, token_hash: &str) -> StorageResult<Option<UserId>>;

    /// Forgets devices last used before `before_ms`; how many.
    async fn forget_devices(&self, before_ms: u64) -> StorageResult<u64>;
}
