//! What the API tells about listeners besides the feed: public profiles,
//! friend suggestions and one's own likes.

use serde::{Deserialize, Serialize};

use crate::account::PublicUser;
use crate::catalog::ArtistRef;
use crate::ids::{AlbumId, ArtistId, TrackId};

/// A public profile (`GET /api/users/{username}`, `/users/{username}`): the
/// same for every viewer, so it can be cached. Liked artists are empty when
/// the listener's activity is private.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Profile {
    pub user: PublicUser,
    pub friends_count: u32,
    pub liked_artists: Vec<ArtistRef>,
    /// RFC 3339 time of sign-up.
    pub joined_at: String,
}

/// Someone a listener may know: friends with `shared_friends` of their
/// friends (`GET /api/friends/suggestions`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FriendSuggestion {
    pub user: PublicUser,
    pub shared_friends: u32,
}

/// What the signed-in listener likes (`GET /api/me/likes`), to show like
/// buttons pressed after hydration.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LikedIds {
    pub tracks: Vec<TrackId>,
    pub artists: Vec<ArtistId>,
    #[serde(default)]
    pub albums: Vec<AlbumId>,
}
