//! The import's unit of work: one file's artist(s), album and track written
//! together or not at all, with imports queued one after the other (each
//! sees the catalog the one before it left). What to write is decided by
//! `chorus_services::import_track`; the backend stores.

use async_trait::async_trait;
use chorus_domain::{AlbumId, ArtistId, ContentHash, TrackId};

use crate::{NewTrack, StorageResult};

/// One open import transaction. Dropped without [`Self::commit`], it rolls
/// back.
#[async_trait]
pub trait ImportUnit: Send {
    /// The track whose audio has this content hash, if any.
    async fn track_with_audio(&mut self, hash: &ContentHash) -> StorageResult<Option<TrackId>>;

    /// The track imported from `source_path`, if any.
    async fn track_from(&mut self, source_path: &str) -> StorageResult<Option<TrackId>>;

    /// The artist whose name has `key`, created named `name` if there is
    /// none (an existing one keeps its name).
    async fn artist(&mut self, name: &str, key: &str) -> StorageResult<ArtistId>;

    /// `artist`'s album whose title has `title_key`, created from `track` if
    /// there is none; an existing one takes `track`'s year, genre and cover
    /// only where it has none.
    async fn album(
        &mut self,
        artist: ArtistId,
        title_key: &str,
        track: &NewTrack,
    ) -> StorageResult<AlbumId>;

    /// Writes `track` on `album` by `artist`: a new track, or the one
    /// imported from the same path, which keeps its id.
    async fn put_track(
        &mut self,
        album: AlbumId,
        artist: ArtistId,
        track: &NewTrack,
    ) -> StorageResult<TrackId>;

    /// Sets what search finds `id` of `kind` (`artist`, `album`, `track`) by.
    async fn put_search_document(&mut self, kind: &str, id: i64, text: &str) -> StorageResult<()>;

    /// Drops albums and artists left with nothing in them, and their search
    /// documents.
    async fn remove_orphans(&mut self) -> StorageResult<()>;

    /// Commits.
    async fn commit(self: Box<Self>) -> StorageResult<()>;
}
