//! Catalog queries.

use chorus_domain::{
    AlbumDetail, AlbumId, AlbumSummary, ArtistDetail, ArtistId, ArtistSummary, ContentHash, Track,
    TrackId,
};
use chorus_storage::{Page, PageRequest, StorageResult};
use sqlx::PgPool;

use crate::error::map_err;
use chorus_storage_rows::{
    all, in_order, AlbumRow, ArtistRow, TrackRow, ALBUM_COLUMNS, ARTIST_COLUMNS, TRACK_COLUMNS,
    TRACK_FROM,
};

/// An album's tracks in play order. SQLite sorts NULLs first; the
/// explicit `IS NULL` keys say where they go in either engine.
const TRACK_ORDER: &str =
    "ORDER BY t.disc_number, t.track_number IS NULL, t.track_number, t.title, t.id";

fn page_args(page: PageRequest) -> (Option<i64>, i64) {
    (page.after.map(|c| c.0), i64::from(page.limit()) + 1)
}

pub(super) async fn list_albums(
    pool: &PgPool,
    page: PageRequest,
) -> StorageResult<Page<AlbumSummary>> {
    let (after, fetch) = page_args(page);
    let sql = format!(
        "SELECT {ALBUM_COLUMNS} FROM albums al JOIN artists ar ON ar.id = al.artist_id \
         WHERE $1::BIGINT IS NULL OR al.id < $1 ORDER BY al.id DESC LIMIT $2"
    );
    let rows: Vec<AlbumRow> = sqlx::query_as(&sql)
        .bind(after)
        .bind(fetch)
        .fetch_all(pool)
        .await
        .map_err(map_err)?;
    let items = all(rows, AlbumRow::into_domain)?;
    Ok(Page::from_rows(items, page.limit(), |a| a.id.0))
}

pub(super) async fn list_artists(
    pool: &PgPool,
    page: PageRequest,
) -> StorageResult<Page<ArtistSummary>> {
    let (after, fetch) = page_args(page);
    let sql = format!(
        "SELECT {ARTIST_COLUMNS} FROM artists ar \
         WHERE ($1::BIGINT IS NULL OR ar.id < $1) \
           AND EXISTS (SELECT 1 FROM albums al WHERE al.artist_id = ar.id) \
         ORDER BY ar.id DESC LIMIT $2"
    );
    let rows: Vec<ArtistRow> = sqlx::query_as(&sql)
        .bind(after)
        .bind(fetch)
        .fetch_all(pool)
        .await
        .map_err(map_err)?;
    let items = all(rows, ArtistRow::into_domain)?;
    Ok(Page::from_rows(items, page.limit(), |a| a.id.0))
}

pub(super) async fn list_tracks(pool: &PgPool, page: PageRequest) -> StorageResult<Page<Track>> {
    let (after, fetch) = page_args(page);
    let sql = format!(
        "SELECT {TRACK_COLUMNS} FROM {TRACK_FROM} \
         WHERE $1::BIGINT IS NULL OR t.id < $1 ORDER BY t.id DESC LIMIT $2"
    );
    let rows: Vec<TrackRow> = sqlx::query_as(&sql)
        .bind(after)
        .bind(fetch)
        .fetch_all(pool)
        .await
        .map_err(map_err)?;
    let items = all(rows, TrackRow::into_domain)?;
    Ok(Page::from_rows(items, page.limit(), |t| t.id.0))
}

async fn album_summary(pool: &PgPool, id: AlbumId) -> StorageResult<AlbumSummary> {
    let sql = format!(
        "SELECT {ALBUM_COLUMNS} FROM albums al JOIN artists ar ON ar.id = al.artist_id \
         WHERE al.id = $1"
    );
    let row: AlbumRow = sqlx::query_as(&sql)
        .bind(id.0)
        .fetch_one(pool)
        .await
        .map_err(map_err)?;
    row.into_domain()
}

pub(super) async fn album(pool: &PgPool, id: AlbumId) -> StorageResult<AlbumDetail> {
    let album = album_summary(pool, id).await?;
    let sql =
        format!("SELECT {TRACK_COLUMNS} FROM {TRACK_FROM} WHERE t.album_id = $1 {TRACK_ORDER}");
    let rows: Vec<TrackRow> = sqlx::query_as(&sql)
        .bind(id.0)
        .fetch_all(pool)
        .await
        .map_err(map_err)?;
    Ok(AlbumDetail {
        album,
        tracks: all(rows, TrackRow::into_domain)?,
    })
}

pub(super) async fn artist(pool: &PgPool, id: ArtistId) -> StorageResult<ArtistDetail> {
    let sql = format!("SELECT {ARTIST_COLUMNS} FROM artists ar WHERE ar.id = $1");
    let row: ArtistRow = sqlx::query_as(&sql)
        .bind(id.0)
        .fetch_one(pool)
        .await
        .map_err(map_err)?;
    let artist = row.into_domain()?;

    let sql = format!(
        "SELECT {ALBUM_COLUMNS} FROM albums al JOIN artists ar ON ar.id = al.artist_id \
         WHERE al.artist_id = $1 ORDER BY al.year IS NULL, al.year DESC, al.id DESC"
    );
    let albums: Vec<AlbumRow> = sqlx::query_as(&sql)
        .bind(id.0)
        .fetch_all(pool)
        .await
        .map_err(map_err)?;

    // NULLS FIRST: where SQLite puts them in ascending order.
    let sql = format!(
        "SELECT {TRACK_COLUMNS} FROM {TRACK_FROM} WHERE t.artist_id = $1 \
         ORDER BY al.year IS NULL, al.year DESC, al.id DESC, t.disc_number, \
                  t.track_number NULLS FIRST, t.id"
    );
    let tracks: Vec<TrackRow> = sqlx::query_as(&sql)
        .bind(id.0)
        .fetch_all(pool)
        .await
        .map_err(map_err)?;

    Ok(ArtistDetail {
        artist,
        albums: all(albums, AlbumRow::into_domain)?,
        tracks: all(tracks, TrackRow::into_domain)?,
    })
}

pub(super) async fn track(pool: &PgPool, id: TrackId) -> StorageResult<Track> {
    let sql = format!("SELECT {TRACK_COLUMNS} FROM {TRACK_FROM} WHERE t.id = $1");
    let row: TrackRow = sqlx::query_as(&sql)
        .bind(id.0)
        .fetch_one(pool)
        .await
        .map_err(map_err)?;
    row.into_domain()
}

pub(super) async fn track_count(pool: &PgPool) -> StorageResult<u64> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM tracks")
        .fetch_one(pool)
        .await
        .map_err(map_err)?;
    Ok(u64::try_from(n).unwrap_or(0))
}

pub(super) async fn track_by_audio(
    pool: &PgPool,
    hash: &ContentHash,
) -> StorageResult<Option<TrackId>> {
    let id: Option<i64> = sqlx::query_scalar("SELECT id FROM tracks WHERE audio_hash = $1")
        .bind(hash.as_str())
        .fetch_optional(pool)
        .await
        .map_err(map_err)?;
    Ok(id.map(TrackId))
}

/// The tracks with these ids (missing ones are left out), by id.
pub(crate) async fn tracks_by_ids(
    pool: &PgPool,
    ids: &[i64],
) -> StorageResult<std::collections::HashMap<i64, Track>> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let sql = format!("SELECT {TRACK_COLUMNS} FROM {TRACK_FROM} WHERE t.id = ANY($1)");
    let rows: Vec<TrackRow> = sqlx::query_as(&sql)
        .bind(ids)
        .fetch_all(pool)
        .await
        .map_err(map_err)?;
    rows.into_iter()
        .map(|row| row.into_domain().map(|t| (t.id.0, t)))
        .collect()
}

/// The tracks with these ids, in their order (unknown ones left out).
pub(super) async fn tracks_in_order(pool: &PgPool, ids: &[TrackId]) -> StorageResult<Vec<Track>> {
    let raw: Vec<i64> = ids.iter().map(|id| id.0).collect();
    let tracks = tracks_by_ids(pool, &raw).await?;
    Ok(raw
        .iter()
        .filter_map(|id| tracks.get(id).cloned())
        .collect())
}

/// The albums with these ids, in their order (unknown ones left out).
pub(super) async fn albums_in_order(
    pool: &PgPool,
    ids: &[AlbumId],
) -> StorageResult<Vec<AlbumSummary>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let raw: Vec<i64> = ids.iter().map(|id| id.0).collect();
    let sql = format!(
        "SELECT {ALBUM_COLUMNS} FROM albums al JOIN artists ar ON ar.id = al.artist_id \
         WHERE al.id = ANY($1)"
    );
    let rows: Vec<AlbumRow> = sqlx::query_as(&sql)
        .bind(raw)
        .fetch_all(pool)
        .await
        .map_err(map_err)?;
    let albums = all(rows, AlbumRow::into_domain)?;
    Ok(in_order(ids.iter().copied(), albums, |a| a.id))
}

/// The artists with these ids, in their order (unknown ones left out).
pub(super) async fn artists_in_order(
    pool: &PgPool,
    ids: &[ArtistId],
) -> StorageResult<Vec<ArtistSummary>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let raw: Vec<i64> = ids.iter().map(|id| id.0).collect();
    let sql = format!("SELECT {ARTIST_COLUMNS} FROM artists ar WHERE ar.id = ANY($1)");
    let rows: Vec<ArtistRow> = sqlx::query_as(&sql)
        .bind(raw)
        .fetch_all(pool)
        .await
        .map_err(map_err)?;
    let artists = all(rows, ArtistRow::into_domain)?;
    Ok(in_order(ids.iter().copied(), artists, |a| a.id))
}
