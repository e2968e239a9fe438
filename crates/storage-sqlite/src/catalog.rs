//! [`CatalogStore`] for SQLite: reads in `read`, the import transaction in
//! `import`.

pub(crate) mod import;
mod read;

pub(crate) use read::tracks_by_ids;

use async_trait::async_trait;
use chorus_domain::{
    AlbumDetail, AlbumId, AlbumSummary, ArtistDetail, ArtistId, ArtistSummary, ContentHash, Track,
    TrackId,
};
use chorus_storage::{CatalogStore, Page, PageRequest, StorageResult};

use crate::SqliteStore;

#[async_trait]
impl CatalogStore for SqliteStore {
    async fn list_albums(&self, page: PageRequest) -> StorageResult<Page<AlbumSummary>> {
        read::list_albums(&self.pool, page).await
    }

    async fn list_artists(&self, page: PageRequest) -> StorageResult<Page<ArtistSummary>> {
        read::list_artists(&self.pool, page).await
    }

    async fn list_tracks(&self, page: PageRequest) -> StorageResult<Page<Track>> {
        read::list_tracks(&self.pool, page).await
    }

    async fn album(&self, id: AlbumId) -> StorageResult<AlbumDetail> {
        read::album(&self.pool, id).await
    }

    async fn artist(&self, id: ArtistId) -> StorageResult<ArtistDetail> {
        read::artist(&self.pool, id).await
    }

    async fn track(&self, id: TrackId) -> StorageResult<Track> {
        read::track(&self.pool, id).await
    }

    async fn tracks_by_ids(&self, ids: &[TrackId]) -> StorageResult<Vec<Track>> {
        read::tracks_in_order(&self.pool, ids).await
    }

    async fn albums_by_ids(&self, ids: &[AlbumId]) -> StorageResult<Vec<AlbumSummary>> {
        read::albums_in_order(&self.pool, ids).await
    }

    async fn artists_by_ids(&self, ids: &[ArtistId]) -> StorageResult<Vec<ArtistSummary>> {
        read::artists_in_order(&self.pool, ids).await
    }

    async fn track_count(&self) -> StorageResult<u64> {
        read::track_count(&self.pool).await
    }

    async fn track_by_audio(&self, hash: &ContentHash) -> StorageResult<Option<TrackId>> {
        read::track_by_audio(&self.pool, hash).await
    }
}
