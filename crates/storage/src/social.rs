//! The social store: friendships and likes.

use async_trait::async_trait;
use chorus_domain::{ArtistId, FriendList, Friendship, TrackId, UserId};

use crate::{Recorded, StorageResult};

/// Reads and writes who is friends with whom, and what listeners like.
#[async_trait]
pub trait SocialStore: Send + Sync {
    /// `from` asks `to` to be friends, or accepts `to`'s pending request
    /// (recording a `friended` event for each of them). Asking again changes
    /// nothing. Atomic: two listeners asking each other at once end up friends.
    async fn befriend(
        &self,
        from: UserId,
        to: UserId,
    ) -> StorageResult<(Friendship, Vec<Recorded>)>;

    /// Declines, cancels or ends whatever stands between the two; returns
    /// whether there was anything.
    async fn unfriend(&self, a: UserId, b: UserId) -> StorageResult<bool>;

    /// Ids of `user`'s friends.
    async fn friend_ids(&self, user: UserId) -> StorageResult<Vec<UserId>>;

    /// Friends and pending requests of `user`, by display name.
    async fn friends(&self, user: UserId) -> StorageResult<FriendList>;

    /// Likes or unlikes a track; [`crate::StorageError::NotFound`] for an
    /// unknown track. Idempotent: a new like records a `liked_track` event
    /// (returned); liking again records nothing.
    async fn set_track_like(
        &self,
        user: UserId,
        track: TrackId,
        liked: bool,
    ) -> StorageResult<Option<Recorded>>;

    /// Likes or unlikes an artist, likewise (`liked_artist`).
    async fn set_artist_like(
        &self,
        user: UserId,
        artist: ArtistId,
        liked: bool,
    ) -> StorageResult<Option<Recorded>>;
}
