//! Friends and likes.

use serde::{Deserialize, Serialize};

use super::{endpoint, fill};
use crate::{AlbumId, ArtistId, FriendList, FriendSuggestion, Friendship, LikedIds, TrackId};

pub const FRIENDS: &str = "/api/friends";
/// `GET` lists suggestions; `POST` and `DELETE` befriend or unfriend the
/// listener named `suggestions` (a path of its own, next to `GET`).
pub const FRIEND_SUGGESTIONS: &str = "/api/friends/suggestions";
pub const FRIEND: &str = "/api/friends/{username}";
pub const MY_LIKES: &str = "/api/me/likes";
pub const TRACK_LIKE: &str = "/api/tracks/{id}/like";
pub const ARTIST_LIKE: &str = "/api/artists/{id}/like";
pub const ALBUM_LIKE: &str = "/api/albums/{id}/like";
pub const LIBRARY: &str = "/api/library";

/// Where `username` is befriended (`POST`) and unfriended (`DELETE`): any
/// text a listener typed, which the server answers 404 when nobody has it.
pub fn friend(username: &str) -> String {
    fill(FRIEND, "username", username)
}

/// Where a track is liked (`PUT`) and unliked (`DELETE`).
pub fn track_like(id: TrackId) -> String {
    fill(TRACK_LIKE, "id", &id.to_string())
}

/// Where an artist is liked (`PUT`) and unliked (`DELETE`).
pub fn artist_like(id: ArtistId) -> String {
    fill(ARTIST_LIKE, "id", &id.to_string())
}

/// Where album `id` is liked (`PUT`) or unliked (`DELETE`).
pub fn album_like(id: AlbumId) -> String {
    fill(ALBUM_LIKE, "id", &id.to_string())
}

/// `{"status": "requested"|"friends"}`: where two listeners stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FriendshipStatus {
    pub status: Friendship,
}

/// `{"suggestions": [...]}`, most shared friends first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Suggestions {
    pub suggestions: Vec<FriendSuggestion>,
}

/// `{"liked": bool}`: whether the listener likes it now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Liked {
    pub liked: bool,
}

endpoint!(
    /// Friends and friend requests.
    GetFriends: Get FRIENDS, () => FriendList
);
endpoint!(
    /// People the listener may know.
    GetFriendSuggestions: Get FRIEND_SUGGESTIONS, () => Suggestions
);
endpoint!(
    /// Sends a friend request, or accepts theirs.
    Befriend: Post FRIEND, () => FriendshipStatus
);
endpoint!(
    /// Declines, cancels or unfriends: 204.
    Unfriend: Delete FRIEND, () => ()
);
endpoint!(
    /// What the signed-in listener likes.
    GetMyLikes: Get MY_LIKES, () => LikedIds
);
endpoint!(LikeTrack: Put TRACK_LIKE, () => Liked);
endpoint!(UnlikeTrack: Delete TRACK_LIKE, () => Liked);
endpoint!(LikeArtist: Put ARTIST_LIKE, () => Liked);
endpoint!(UnlikeArtist: Delete ARTIST_LIKE, () => Liked);
endpoint!(LikeAlbum: Put ALBUM_LIKE, () => Liked);
endpoint!(UnlikeAlbum: Delete ALBUM_LIKE, () => Liked);
endpoint!(
    /// One's playlists, liked songs, albums and artists.
    GetLibrary: Get LIBRARY, () => crate::Library
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn friends_are_named_in_the_path_encoded() {
        assert_eq!(friend("ada_99"), "/api/friends/ada_99");
        // What a listener typed stays one segment.
        assert_eq!(friend("no one/?"), "/api/friends/no%20one%2F%3F");
    }

    #[test]
    fn likes_name_the_track_or_artist() {
        assert_eq!(track_like(TrackId(12)), "/api/tracks/12/like");
        assert_eq!(artist_like(ArtistId(3)), "/api/artists/3/like");
    }
}
