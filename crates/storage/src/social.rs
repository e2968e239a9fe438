//! The social store: friendships, likes, and what others see of a
//! listener (profiles, friend suggestions).

use async_trait::async_trait;
use chorus_domain::{FriendList, FriendSuggestion, LikedIds, Profile, UserId, Username};

use crate::StorageResult;

/// Reads and writes who is friends with whom, and what listeners like.
#[async_trait]
pub trait SocialStore: Send + Sync {
    /// Ids of `user`'s friends.
    async fn friend_ids(&self, user: UserId) -> StorageResult<Vec<UserId>>;

    /// The friends of each of `users`, as `(user, friend)` pairs in no
    /// particular order: who may see what those users share, right now.
    async fn friends_of(&self, users: &[UserId]) -> StorageResult<Vec<(UserId, UserId)>>;

    /// Friends and pending requests of `user`, by display name.
    async fn friends(&self, user: UserId) -> StorageResult<FriendList>;

    /// How many friend requests to `user` are waiting for an answer (the
    /// app badge).
    async fn pending_requests(&self, user: UserId) -> StorageResult<u32>;

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
