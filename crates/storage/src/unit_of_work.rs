//! Units of work: one transaction, handed to a service that decides what
//! to write. Use it where a use case must read and write atomically (a
//! now-playing report reads the listener's state and records the events
//! it causes; a like records its event only when the like is new). The
//! backend supplies the transaction and the SQL; the rules stay in
//! `chorus-services`.
//!
//! A unit that is dropped without [`UnitOfWork::commit`] rolls back.

use async_trait::async_trait;
use chorus_domain::{ActivityKind, ArtistId, ListeningState, Privacy, Timestamp, TrackId, UserId};

use crate::{Recorded, StorageResult};

/// Opens units of work.
#[async_trait]
pub trait Transactions: Send + Sync {
    /// Starts a unit of work that writes at `now`: the time its rows
    /// (likes, friendships, requests, events) are stored with, from the
    /// caller's clock.
    async fn begin(&self, now: Timestamp) -> StorageResult<Box<dyn UnitOfWork>>;

    /// Starts an import's unit of work, after the imports before it.
    async fn begin_import(&self) -> StorageResult<Box<dyn crate::ImportUnit>>;
}

/// Who sees an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// The listener's friends.
    Friends,
    /// Nobody but the listener.
    Private,
}

impl Visibility {
    /// Its name in the databases.
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Friends => "friends",
            Visibility::Private => "private",
        }
    }
}

/// What an event is about.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EventTarget {
    pub track: Option<TrackId>,
    pub artist: Option<ArtistId>,
    pub friend: Option<UserId>,
    pub playlist: Option<chorus_domain::PlaylistId>,
}

/// An event to record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewEvent {
    pub user: UserId,
    pub kind: ActivityKind,
    pub target: EventTarget,
    pub visibility: Visibility,
}

/// What a like is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LikeOf {
    Track(TrackId),
    Artist(ArtistId),
    Album(chorus_domain::AlbumId),
}

/// One open transaction. Writes of one listener queue behind
/// [`UnitOfWork::lock_listener`], so each unit reads what the one before
/// it wrote; a unit about two listeners locks both, in id order (so two
/// such units never wait for each other in a cycle).
#[async_trait]
pub trait UnitOfWork: Send {
    /// Locks `user` until the unit ends and reads their privacy;
    /// [`crate::StorageError::NotFound`] for an unknown user.
    async fn lock_listener(&mut self, user: UserId) -> StorageResult<Privacy>;

    /// A track's length in milliseconds; `None` for an unknown track.
    async fn track_length_ms(&mut self, track: TrackId) -> StorageResult<Option<u64>>;

    /// Whether the thing a like is of exists.
    async fn like_target_exists(&mut self, like: LikeOf) -> StorageResult<bool>;

    /// `user`'s listening state, if any report was applied yet.
    async fn listening_state(&mut self, user: UserId) -> StorageResult<Option<ListeningState>>;

    /// Replaces `user`'s listening state.
    async fn save_listening_state(
        &mut self,
        user: UserId,
        state: &ListeningState,
    ) -> StorageResult<()>;

    /// Adds a like (`private`: made in private, discovery never counts
    /// it); false when it was there already (and is left as it was).
    async fn add_like(&mut self, user: UserId, like: LikeOf, private: bool) -> StorageResult<bool>;

    /// Removes a like; false when there was none.
    async fn remove_like(&mut self, user: UserId, like: LikeOf) -> StorageResult<bool>;

    /// Whether `user` counts `friend` as a friend.
    async fn are_friends(&mut self, user: UserId, friend: UserId) -> StorageResult<bool>;

    /// Removes `from`'s request to `to`; whether there was one.
    async fn take_request(&mut self, from: UserId, to: UserId) -> StorageResult<bool>;

    /// Adds `from`'s request to `to` (kept as it was if there is one);
    /// whether it is new.
    async fn add_request(&mut self, from: UserId, to: UserId) -> StorageResult<bool>;

    /// Makes the two friends of each other.
    async fn add_friendship(&mut self, a: UserId, b: UserId) -> StorageResult<()>;

    /// Removes the friendship and the requests between the two, either
    /// way; whether there was any.
    async fn remove_friendship(&mut self, a: UserId, b: UserId) -> StorageResult<bool>;

    /// Stores a notification; it becomes visible when the unit commits.
    async fn notify(
        &mut self,
        notification: &crate::NewNotification,
    ) -> StorageResult<chorus_domain::NotificationId>;

    /// When `user` last recorded a `kind` event about `playlist`, if ever.
    async fn last_event_at(
        &mut self,
        user: UserId,
        kind: ActivityKind,
        playlist: chorus_domain::PlaylistId,
    ) -> StorageResult<Option<Timestamp>>;

    /// Records an event; it becomes visible when the unit commits.
    async fn record(&mut self, event: NewEvent) -> StorageResult<Recorded>;

    /// Commits, returning once the writes are durable.
    async fn commit(self: Box<Self>) -> StorageResult<()>;
}
