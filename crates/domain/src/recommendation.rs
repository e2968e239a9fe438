//! Recommendations for a signed-in listener (`GET /api/recommendations`),
//! each with the reason it is there.

use serde::{Deserialize, Serialize};

use crate::account::PublicUser;
use crate::catalog::{ArtistRef, Track};

/// Most recommendations of each kind.
pub const RECOMMENDATIONS_PER_REASON: u32 = 10;

/// `{"items": [...]}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Recommendations {
    pub items: Vec<Recommendation>,
}

/// A track or an artist, and why: `{"track": {...}, "reason": {...}}` or
/// `{"artist": {...}, "reason": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Recommendation {
    #[serde(flatten)]
    pub item: Recommended,
    pub reason: Reason,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Recommended {
    Track(Box<Track>),
    Artist(ArtistRef),
}

/// Why something is recommended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// Listeners who like `track` also like this track.
    BecauseYouLikeTrack { track: Box<Track>, listeners: u32 },
    /// Listeners who like (or play) `artist` also like this artist.
    BecauseYouLikeArtist { artist: ArtistRef, listeners: u32 },
    /// Friends played or liked it this week, and the listener has not.
    FriendsAreInto {
        friends: Vec<PublicUser>,
        plays: u32,
        likes: u32,
    },
}
