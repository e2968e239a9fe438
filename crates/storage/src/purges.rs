//! The queue of CDN purges: a surrogate key to purge stays stored until
//! the CDN confirms the purge, so purges survive a failing CDN, a drain
//! and a crash. Any instance sends what is due; a claim hides a purge from
//! the others while one instance sends it.
//!
//! Purges are fenced behind the read replica, where there is one: a purge
//! is handed out only once the replica has replayed everything committed
//! before it was queued. Otherwise the CDN, refetching at once, could
//! cache again the old page read from a lagging replica.

use async_trait::async_trait;

use crate::StorageResult;

/// A purge handed to the sender.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingPurge {
    /// The surrogate key.
    pub key: String,
    /// Which queuing of the key this is: a key queued again while it was
    /// being sent is not forgotten when the earlier send is confirmed.
    pub generation: i64,
    /// Failed sends so far.
    pub attempts: u32,
}

/// Stores purges until they are confirmed.
#[async_trait]
pub trait PurgeQueue: Send + Sync {
    /// Queues `keys`, due at `now_ms`. A key already waiting is due again
    /// at once (its attempts start over) and becomes a new generation.
    async fn queue_purges(&self, keys: &[String], now_ms: u64) -> StorageResult<()>;

    /// Claims up to `limit` purges due at `now_ms` (oldest first) whose
    /// changes the read replica has replayed (or that were queued before
    /// `unfenced_before_ms`: a replica that far behind is not waited for):
    /// they are not due again until `claimed_until_ms`, so other senders
    /// leave them alone meanwhile.
    async fn claim_purges(
        &self,
        now_ms: u64,
        claimed_until_ms: u64,
        unfenced_before_ms: u64,
        limit: u32,
    ) -> StorageResult<Vec<PendingPurge>>;

    /// The CDN confirmed these: forgets each, unless it was queued again
    /// since it was claimed.
    async fn purges_done(&self, done: &[PendingPurge]) -> StorageResult<()>;

    /// Sending these failed: due again at `retry_at_ms`, with one more
    /// attempt counted (unless queued again since: then due at once).
    async fn purges_failed(&self, failed: &[PendingPurge], retry_at_ms: u64) -> StorageResult<()>;

    /// Purges waiting, claimed or not.
    async fn pending_purges(&self) -> StorageResult<u64>;
}
