//! The activity store: the table of events that is the source of truth for
//! feeds (live ones only carry hints and catch up from here), and the
//! listening state behind now-playing reports (and the presence derived
//! from it).

use async_trait::async_trait;
use chorus_domain::{ActivityKind, FeedItem, FeedPage, NowPlaying, PublicUser, UserId};

use crate::StorageResult;

/// An event as written: whose, its id and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    pub id: i64,
    pub user: UserId,
    pub kind: ActivityKind,
}

/// An event its listener's friends may see, with whose it is: what live
/// connections share, read once for all of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedEvent {
    pub user: UserId,
    pub item: FeedItem,
}

/// A friend's presence as stored: who they are, whether they hold an online
/// lease (a feed socket open on some instance, [`crate::OnlineStore`]),
/// whether they are private right now (by setting or private session), and
/// what they play.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FriendPresence {
    pub id: UserId,
    pub user: PublicUser,
    /// Holds an unexpired online lease (whatever their privacy).
    pub online: bool,
    pub private: bool,
    /// Always `None` when `private`.
    pub now_playing: Option<NowPlaying>,
}

/// Reads and writes activity.
#[async_trait]
pub trait ActivityStore: Send + Sync {
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

    /// `user`'s `played` events that `viewer` may see, newest first, with
    /// ids below `before`: all of them for the user themself, those visible
    /// to friends for a friend, none for anyone else.
    async fn plays(
        &self,
        viewer: UserId,
        user: UserId,
        before: Option<i64>,
        limit: u32,
    ) -> StorageResult<FeedPage>;

    /// The presence at `now_ms` of those of `friends` who are friends of
    /// `viewer` (others are left out, never read), in no particular order.
    /// `now_playing` follows [`NowPlaying::from_state`].
    async fn friends_presence(
        &self,
        viewer: UserId,
        friends: &[UserId],
        now_ms: u64,
    ) -> StorageResult<Vec<FriendPresence>>;

    /// Every event visible to its listener's friends with an id above
    /// `after`, oldest first, at most `limit`: read once per instance and
    /// handed to the connections of those friends (never to anyone else).
    async fn shared_after(&self, after: i64, limit: u32) -> StorageResult<Vec<SharedEvent>>;

    /// The presence at `now_ms` of `users` as their friends see it, in no
    /// particular order: read once per instance and handed only to their
    /// friends' connections. Unknown users are left out.
    async fn presence(&self, users: &[UserId], now_ms: u64) -> StorageResult<Vec<FriendPresence>>;

    /// The newest event id (0 when there is none).
    async fn latest_activity_id(&self) -> StorageResult<i64>;
}
