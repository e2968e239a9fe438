//! The activity store: the table of events that is the source of truth for
//! feeds (live ones only carry hints and catch up from here), and the
//! listening state behind now-playing reports.

use async_trait::async_trait;
use chorus_domain::{ActivityKind, FeedPage, ListenReport, UserId};

use crate::StorageResult;

/// An event as written: its id and kind.
pub type Recorded = (i64, ActivityKind);

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
}
