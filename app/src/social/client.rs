//! Browser calls to the social API: friends, likes, feed pages and
//! profiles' plays. Errors are the server's own messages, ready to show.

use chorus_domain::api;
use chorus_domain::{FeedPage, FriendList, FriendSuggestion, LikedIds, Username};

use super::likes::Likeable;
use crate::json_api::call;

pub async fn library() -> Result<chorus_domain::Library, String> {
    call::<api::GetLibrary>(api::LIBRARY, &()).await
}

pub async fn friends() -> Result<FriendList, String> {
    call::<api::GetFriends>(api::FRIENDS, &()).await
}

pub async fn suggestions() -> Result<Vec<FriendSuggestion>, String> {
    call::<api::GetFriendSuggestions>(api::FRIEND_SUGGESTIONS, &())
        .await
        .map(|s| s.suggestions)
}

/// `add`: sends a friend request to `username` (as typed), or accepts
/// theirs; otherwise declines, cancels or unfriends.
pub async fn set_friendship(username: &str, add: bool) -> Result<(), String> {
    let path = api::friend(username);
    if add {
        call::<api::Befriend>(&path, &()).await.map(drop)
    } else {
        call::<api::Unfriend>(&path, &()).await
    }
}

pub async fn likes() -> Result<LikedIds, String> {
    call::<api::GetMyLikes>(api::MY_LIKES, &()).await
}

/// Likes or unlikes `what`.
pub async fn set_like(what: Likeable, liked: bool) -> Result<(), String> {
    let done = match (what, liked) {
        (Likeable::Track(id), true) => call::<api::LikeTrack>(&api::track_like(id), &()).await,
        (Likeable::Track(id), false) => call::<api::UnlikeTrack>(&api::track_like(id), &()).await,
        (Likeable::Artist(id), true) => call::<api::LikeArtist>(&api::artist_like(id), &()).await,
        (Likeable::Artist(id), false) => {
            call::<api::UnlikeArtist>(&api::artist_like(id), &()).await
        }
        (Likeable::Album(id), true) => call::<api::LikeAlbum>(&api::album_like(id), &()).await,
        (Likeable::Album(id), false) => call::<api::UnlikeAlbum>(&api::album_like(id), &()).await,
    };
    done.map(drop)
}

/// A page of friends' activity, newest first, older than `before`.
pub async fn feed(before: Option<i64>, limit: u32) -> Result<FeedPage, String> {
    call::<api::GetFeed>(&api::feed(before, limit), &()).await
}

/// A listener's recent plays, if the viewer may see them.
pub async fn plays(username: &Username, before: Option<i64>) -> Result<FeedPage, String> {
    call::<api::GetPlays>(&api::plays(username, before), &()).await
}
