//! Catalog reads both SQL backends share, written once: the SQL is the
//! same on SQLite and PostgreSQL (`$N` parameters, `CAST`, `NULLS FIRST`).
//! [`crate::sql_catalog_reads!`] expands them in a backend's module, given
//! its pool type, its error mapping, and how it asks for "an id in this
//! list" (`id_in`, a SQL fragment over `$1`, and `ids`, what to bind).

use chorus_storage::PageRequest;

/// An album's tracks in play order, NULL track numbers last.
pub const TRACK_ORDER: &str =
    "ORDER BY t.disc_number, t.track_number IS NULL, t.track_number, t.title, t.id";

/// A page's cursor and how many rows to read (one more than the page
/// holds: the extra one tells that there is a next page).
pub fn page_args(page: PageRequest) -> (Option<i64>, i64) {
    (page.after.map(|c| c.0), i64::from(page.limit()) + 1)
}

/// Defines the catalog reads (`list_albums`, `list_artists`,
/// `list_tracks`, `album`, `artist`, `track`, `track_count`,
/// `track_by_audio`, `tracks_by_ids`, `tracks_in_order`, `albums_in_order`,
/// `artists_in_order`) for `$pool`.
#[macro_export]
macro_rules! sql_catalog_reads {
    (pool: $pool:ty, map_err: $map_err:path, id_in: $id_in:expr, ids: $ids:expr $(,)?) => {
        use chorus_domain::{
            AlbumDetail, AlbumId, AlbumSummary, ArtistDetail, ArtistId, ArtistSummary,
            ContentHash, Track, TrackId,
        };
        use chorus_storage::{Page, PageRequest, StorageResult};
        use $crate::catalog_reads::{page_args, TRACK_ORDER};
        use $crate::{
            all, in_order, AlbumRow, ArtistRow, TrackRow, ALBUM_COLUMNS, ARTIST_COLUMNS,
            TRACK_COLUMNS, TRACK_FROM,
        };

        pub(crate) async fn list_albums(
            pool: &$pool,
            page: PageRequest,
        ) -> StorageResult<Page<AlbumSummary>> {
            let (after, fetch) = page_args(page);
            let sql = format!(
                "SELECT {ALBUM_COLUMNS} FROM albums al JOIN artists ar ON ar.id = al.artist_id \
                 WHERE CAST($1 AS BIGINT) IS NULL OR al.id < $1 ORDER BY al.id DESC LIMIT $2"
            );
            let rows: Vec<AlbumRow> = sqlx::query_as(&sql)
                .bind(after)
                .bind(fetch)
                .fetch_all(pool)
                .await
                .map_err($map_err)?;
            let items = all(rows, AlbumRow::into_domain)?;
            Ok(Page::from_rows(items, page.limit(), |a| a.id.0))
        }

        pub(crate) async fn list_artists(
            pool: &$pool,
            page: PageRequest,
        ) -> StorageResult<Page<ArtistSummary>> {
            let (after, fetch) = page_args(page);
            let sql = format!(
                "SELECT {ARTIST_COLUMNS} FROM artists ar \
                 WHERE (CAST($1 AS BIGINT) IS NULL OR ar.id < $1) \
                   AND EXISTS (SELECT 1 FROM albums al WHERE al.artist_id = ar.id) \
                 ORDER BY ar.id DESC LIMIT $2"
            );
            let rows: Vec<ArtistRow> = sqlx::query_as(&sql)
                .bind(after)
                .bind(fetch)
                .fetch_all(pool)
                .await
                .map_err($map_err)?;
            let items = all(rows, ArtistRow::into_domain)?;
            Ok(Page::from_rows(items, page.limit(), |a| a.id.0))
        }

        pub(crate) async fn list_tracks(
            pool: &$pool,
            page: PageRequest,
        ) -> StorageResult<Page<Track>> {
            let (after, fetch) = page_args(page);
            let sql = format!(
                "SELECT {TRACK_COLUMNS} FROM {TRACK_FROM} \
                 WHERE CAST($1 AS BIGINT) IS NULL OR t.id < $1 ORDER BY t.id DESC LIMIT $2"
            );
            let rows: Vec<TrackRow> = sqlx::query_as(&sql)
                .bind(after)
                .bind(fetch)
                .fetch_all(pool)
                .await
                .map_err($map_err)?;
            let items = all(rows, TrackRow::into_domain)?;
            Ok(Page::from_rows(items, page.limit(), |t| t.id.0))
        }

        async fn album_summary(pool: &$pool, id: AlbumId) -> StorageResult<AlbumSummary> {
            let sql = format!(
                "SELECT {ALBUM_COLUMNS} FROM albums al JOIN artists ar ON ar.id = al.artist_id \
                 WHERE al.id = $1"
            );
            let row: AlbumRow = sqlx::query_as(&sql)
                .bind(id.0)
                .fetch_one(pool)
                .await
                .map_err($map_err)?;
            row.into_domain()
        }

        pub(crate) async fn album(pool: &$pool, id: AlbumId) -> StorageResult<AlbumDetail> {
            let album = album_summary(pool, id).await?;
            let sql = format!(
                "SELECT {TRACK_COLUMNS} FROM {TRACK_FROM} WHERE t.album_id = $1 {TRACK_ORDER}"
            );
            let rows: Vec<TrackRow> = sqlx::query_as(&sql)
                .bind(id.0)
                .fetch_all(pool)
                .await
                .map_err($map_err)?;
            Ok(AlbumDetail {
                album,
                tracks: all(rows, TrackRow::into_domain)?,
            })
        }

        pub(crate) async fn artist(pool: &$pool, id: ArtistId) -> StorageResult<ArtistDetail> {
            let sql = format!("SELECT {ARTIST_COLUMNS} FROM artists ar WHERE ar.id = $1");
            let row: ArtistRow = sqlx::query_as(&sql)
                .bind(id.0)
                .fetch_one(pool)
                .await
                .map_err($map_err)?;
            let artist = row.into_domain()?;
            let sql = format!(
                "SELECT {ALBUM_COLUMNS} FROM albums al JOIN artists ar ON ar.id = al.artist_id \
                 WHERE al.artist_id = $1 ORDER BY al.year IS NULL, al.year DESC, al.id DESC"
            );
            let albums: Vec<AlbumRow> = sqlx::query_as(&sql)
                .bind(id.0)
                .fetch_all(pool)
                .await
                .map_err($map_err)?;
            let sql = format!(
                "SELECT {TRACK_COLUMNS} FROM {TRACK_FROM} WHERE t.artist_id = $1 \
                 ORDER BY al.year IS NULL, al.year DESC, al.id DESC, t.disc_number, \
                          t.track_number NULLS FIRST, t.id"
            );
            let tracks: Vec<TrackRow> = sqlx::query_as(&sql)
                .bind(id.0)
                .fetch_all(pool)
                .await
                .map_err($map_err)?;
            Ok(ArtistDetail {
                artist,
                albums: all(albums, AlbumRow::into_domain)?,
                tracks: all(tracks, TrackRow::into_domain)?,
            })
        }

        pub(crate) async fn track(pool: &$pool, id: TrackId) -> StorageResult<Track> {
            let sql = format!("SELECT {TRACK_COLUMNS} FROM {TRACK_FROM} WHERE t.id = $1");
            let row: TrackRow = sqlx::query_as(&sql)
                .bind(id.0)
                .fetch_one(pool)
                .await
                .map_err($map_err)?;
            row.into_domain()
        }

        pub(crate) async fn track_count(pool: &$pool) -> StorageResult<u64> {
            let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM tracks")
                .fetch_one(pool)
                .await
                .map_err($map_err)?;
            Ok(u64::try_from(n).unwrap_or(0))
        }

        pub(crate) async fn track_by_audio(
            pool: &$pool,
            hash: &ContentHash,
        ) -> StorageResult<Option<TrackId>> {
            let id: Option<i64> = sqlx::query_scalar("SELECT id FROM tracks WHERE audio_hash = $1")
                .bind(hash.as_str())
                .fetch_optional(pool)
                .await
                .map_err($map_err)?;
            Ok(id.map(TrackId))
        }

        /// The tracks with these ids (missing ones are left out), by id.
        pub(crate) async fn tracks_by_ids(
            pool: &$pool,
            ids: &[i64],
        ) -> StorageResult<std::collections::HashMap<i64, Track>> {
            if ids.is_empty() {
                return Ok(Default::default());
            }
            let sql = format!("SELECT {} FROM {} WHERE t.id {}", TRACK_COLUMNS, TRACK_FROM, $id_in);
            let rows: Vec<TrackRow> = sqlx::query_as(&sql)
                .bind(($ids)(ids))
                .fetch_all(pool)
                .await
                .map_err($map_err)?;
            rows.into_iter()
                .map(|row| row.into_domain().map(|t| (t.id.0, t)))
                .collect()
        }

        /// The tracks with these ids, in their order (unknown ones left out).
        pub(crate) async fn tracks_in_order(
            pool: &$pool,
            ids: &[TrackId],
        ) -> StorageResult<Vec<Track>> {
            let raw: Vec<i64> = ids.iter().map(|id| id.0).collect();
            let tracks = tracks_by_ids(pool, &raw).await?;
            Ok(raw.iter().filter_map(|id| tracks.get(id).cloned()).collect())
        }

        /// The albums with these ids, in their order (unknown ones left out).
        pub(crate) async fn albums_in_order(
            pool: &$pool,
            ids: &[AlbumId],
        ) -> StorageResult<Vec<AlbumSummary>> {
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            let raw: Vec<i64> = ids.iter().map(|id| id.0).collect();
            let sql = format!(
                "SELECT {} FROM albums al JOIN artists ar ON ar.id = al.artist_id WHERE al.id {}",
                ALBUM_COLUMNS, $id_in
            );
            let rows: Vec<AlbumRow> = sqlx::query_as(&sql)
                .bind(($ids)(&raw))
                .fetch_all(pool)
                .await
                .map_err($map_err)?;
            let albums = all(rows, AlbumRow::into_domain)?;
            Ok(in_order(ids.iter().copied(), albums, |a| a.id))
        }

        /// The artists with these ids, in their order (unknown ones left out).
        pub(crate) async fn artists_in_order(
            pool: &$pool,
            ids: &[ArtistId],
        ) -> StorageResult<Vec<ArtistSummary>> {
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            let raw: Vec<i64> = ids.iter().map(|id| id.0).collect();
            let sql = format!("SELECT {} FROM artists ar WHERE ar.id {}", ARTIST_COLUMNS, $id_in);
            let rows: Vec<ArtistRow> = sqlx::query_as(&sql)
                .bind(($ids)(&raw))
                .fetch_all(pool)
                .await
                .map_err($map_err)?;
            let artists = all(rows, ArtistRow::into_domain)?;
            Ok(in_order(ids.iter().copied(), artists, |a| a.id))
        }
    };
}
