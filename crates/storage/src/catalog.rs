//! The catalog store: artists, albums and tracks, read by pages and API
//! handlers, written by the importer.

use async_trait::async_trait;
use chorus_domain::{
    AlbumDetail, AlbumId, AlbumSummary, ArtistDetail, ArtistId, ArtistSummary, ContentHash,
    MediaFile, Track, TrackId,
};

use crate::{Page, PageRequest, StorageResult};

/// A track as read from a file by the importer, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTrack {
    pub title: String,
    pub artist: String,
    /// The album's artist (groups compilations); the track artist if untagged.
    pub album_artist: String,
    pub album: String,
    pub disc_number: u32,
    pub track_number: Option<u32>,
    pub year: Option<u32>,
    pub genre: Option<String>,
    pub duration_ms: u64,
    pub audio: MediaFile,
    pub cover: Option<MediaFile>,
    /// Where the file was imported from; a later import of a changed file at
    /// the same path updates this track instead of adding another.
    pub source_path: String,
}

/// What an import did with one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportOutcome {
    Added(TrackId),
    /// The file at this source path changed; the track keeps its id.
    Updated(TrackId),
    /// The same audio is already in the catalog.
    Unchanged(TrackId),
}

/// Reads and writes the music catalog.
#[async_trait]
pub trait CatalogStore: Send + Sync {
    /// Albums, newest first.
    async fn list_albums(&self, page: PageRequest) -> StorageResult<Page<AlbumSummary>>;
    /// Artists, newest first.
    async fn list_artists(&self, page: PageRequest) -> StorageResult<Page<ArtistSummary>>;
    /// Tracks, newest first.
    async fn list_tracks(&self, page: PageRequest) -> StorageResult<Page<Track>>;

    async fn album(&self, id: AlbumId) -> StorageResult<AlbumDetail>;
    async fn artist(&self, id: ArtistId) -> StorageResult<ArtistDetail>;
    async fn track(&self, id: TrackId) -> StorageResult<Track>;

    /// Tracks by id, in the order of `ids`; unknown ids are left out.
    async fn tracks_by_ids(&self, ids: &[TrackId]) -> StorageResult<Vec<Track>>;
    /// Albums by id, likewise.
    async fn albums_by_ids(&self, ids: &[AlbumId]) -> StorageResult<Vec<AlbumSummary>>;
    /// Artists by id, likewise.
    async fn artists_by_ids(&self, ids: &[ArtistId]) -> StorageResult<Vec<ArtistSummary>>;

    /// Number of tracks in the catalog.
    async fn track_count(&self) -> StorageResult<u64>;
    /// The track whose audio has this content hash, if any.
    async fn track_by_audio(&self, hash: &ContentHash) -> StorageResult<Option<TrackId>>;
}
