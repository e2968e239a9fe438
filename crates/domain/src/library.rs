//! A listener's library: their playlists, *Liked songs* (an automatic
//! playlist: every track they like, newest like first), the albums and
//! the artists they like. The JSON of `GET /api/library`.

use serde::{Deserialize, Serialize};

use crate::catalog::{AlbumSummary, ArtistSummary, Track};
use crate::playlist::PlaylistSummary;

/// Most tracks *Liked songs* lists (as many as a playlist holds).
pub const MAX_LIKED_SONGS: usize = crate::playlist::MAX_PLAYLIST_TRACKS as usize;

/// `GET /api/library`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Library {
    /// Those one owns or edits, last changed first.
    pub playlists: Vec<PlaylistSummary>,
    /// Every liked track, newest like first (at most 10,000).
    pub liked_songs: Vec<Track>,
    /// Liked albums, newest like first.
    pub liked_albums: Vec<AlbumSummary>,
    /// Liked artists, newest like first.
    pub liked_artists: Vec<ArtistSummary>,
}
