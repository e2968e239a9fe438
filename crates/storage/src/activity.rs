//! The activity store: the table of events that is the source of truth for
//! feeds (live ones only carry hints and catch up from here), and the
//! listening state behind now-playing reports.

use async_trait::async_trait;
use chorus_domain::{ActivityKind, FeedItem, FeedPage, ListenReport, UserId};

use crate::StorageResult;

/// An event as written: whose, its id and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    pub id: i64,
    pub user: UserId,
    pub kind: ActivityKind,
}

/// Reads and writes activity.
#[async_trait]
pub trait ActivityStore: Send + Sync {
    /// Applies a player's report at server time `now_ms`: updates the
    /// listener's state and records the events it causes (now playing,
    /// paused, played), atomically. [`crate::StorageError::NotFound`] for an
    /// unknown track.
    async fn report_listening(
        &self,
        user: UserId,
        report: ListenReport,
        now_ms: u64,
    ) -> StorageResult<Vec<Recorded>>;

    /// Events of `viewer`'s friends that they may see, newest first, with
    /// ids below `before`.
    async fn feed(
        &self,
        viewer: UserId,
        before: Option<i64>,
        limit: u32,
    ) -> StorageResult<FeedPage>;

    /// Events `viewer` may see with ids above `after`, oldest first, at most
    /// `limit`: what a live connection sends next.
    async fn feed_after(
        &self,
        viewer: UserId,
        after: i64,
        limit: u32,
    ) -> StorageResult<Vec<FeedItem>>;

    /// The newest event id (0 when there is none).
    async fn latest_activity_id(&self) -> StorageResult<i64>;
}
