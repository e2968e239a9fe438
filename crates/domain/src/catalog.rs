//! Catalog entities as every reader sees them: summaries for lists, details
//! for pages, and the track as the player needs it. These are the JSON shapes
//! of the public API too, so fields are only ever added, never renamed.

use crate::ids::{AlbumId, ArtistId, TrackId};
use serde::{Deserialize, Serialize};

/// A link to an artist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArtistRef {
    pub id: ArtistId,
    pub name: String,
}

/// A link to an album.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AlbumRef {
    pub id: AlbumId,
    pub title: String,
}

/// An artist in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArtistSummary {
    pub id: ArtistId,
    pub name: String,
    pub album_count: u32,
    pub track_count: u32,
    /// Cover of one of the artist's albums, as a picture for the artist.
    pub image_url: Option<String>,
}

/// An album in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AlbumSummary {
    pub id: AlbumId,
    pub title: String,
    pub artist: ArtistRef,
    pub year: Option<u32>,
    pub genre: Option<String>,
    pub cover_url: Option<String>,
    pub track_count: u32,
    pub duration_ms: u64,
}

/// A playable track with everything the player and a track row show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Track {
    pub id: TrackId,
    pub title: String,
    pub artist: ArtistRef,
    pub album: AlbumRef,
    pub disc_number: u32,
    pub track_number: Option<u32>,
    pub duration_ms: u64,
    pub year: Option<u32>,
    pub genre: Option<String>,
    /// Content-addressed URL of the audio; changes when the file changes.
    pub stream_url: String,
    /// `Content-Type` of the audio at `stream_url`.
    pub mime: String,
    pub cover_url: Option<String>,
}

/// An album page: the album and its tracks in disc/track order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AlbumDetail {
    pub album: AlbumSummary,
    pub tracks: Vec<Track>,
}

/// An artist page: the artist, their albums and their tracks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArtistDetail {
    pub artist: ArtistSummary,
    pub albums: Vec<AlbumSummary>,
    pub tracks: Vec<Track>,
}

impl AlbumDetail {
    /// Total playing time of the album's tracks.
    pub fn total_duration_ms(&self) -> u64 {
        self.tracks.iter().map(|t| t.duration_ms).sum()
    }
}
