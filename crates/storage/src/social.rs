//! The social store: friendships, likes, and what others see of a
//! listener (profiles, friend suggestions).

use async_trait::async_trait;
use chorus_domain::{
    ArtistId, FriendList, FriendSuggestion, Friendship, LikedIds, Profile, TrackId, UserId,
    Username,
};

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

    /// The friends of each of `users`, as `(user, friend)` pairs in no
    /// particular order: who may see what those users share, right now.
    async fn friends_of(&self, users: &[UserId]) -> StorageResult<Vec<(UserId, UserId)>>;

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

    /// Ids of what `user` likes, newest like first.
    async fn liked_ids(&self, user: UserId) -> StorageResult<LikedIds>;

    /// Friends of `user`'s friends who are not `user`, not friends yet and
    /// have no request pending either way; most shared friends first, then
    /// by username; at most `limit`.
    async fn friend_suggestions(
        &self,
        user: UserId,
        limit: u32,
    ) -> StorageResult<Vec<FriendSuggestion>>;

    /// The public profile of `username` (`None`: no such listener): the
    /// same for every viewer. Liked artists, newest first and at most
    /// [`PROFILE_LIKED_ARTISTS`], are empty when the listener's activity is
    /// private.
    async fn profile(&self, username: &Username) -> StorageResult<Option<Profile>>;
}

/// Most liked artists a profile lists.
pub const PROFILE_LIKED_ARTISTS: u32 = 50;
