//! Catalog rows as the SQL backends read them (every integer a 64-bit
//! one, on SQLite and PostgreSQL alike), and their conversion into domain
//! types: the columns to select and the row types to read them into, shared
//! by `chorus-storage-sqlite` and `chorus-storage-postgres` so both map a
//! row the same way. Discovery's rows are in the modules: [`taste`],
//! [`picks`], [`search`] and [`charts`] map them (their ranking is
//! `chorus-discovery`'s); [`rollup`] also sums the plays a roll-up read,
//! which the backend adds in the same transaction.
//!
//! The SQL that is the same on both engines (`$N` parameters, times as
//! integer Unix milliseconds bound from the store's clock) is written here
//! once, as macros a backend expands with its types: the units of work
//! ([`unit`], [`import_unit`]), catalog reads ([`catalog_reads`]),
//! accounts, friendships, likes and profiles ([`people`]), activity and
//! presence ([`activity`]), the discovery store ([`discovery_store`]), the
//! roll-up's transaction ([`rollup`]), log-in attempts and trusted devices
//! ([`accounts`]), the sitemap ([`sitemap`]), notifications
//! ([`notifications`]). A backend keeps only what
//! its engine does differently.

pub mod accounts;
pub mod activity;
pub mod catalog_reads;
pub mod charts;
pub mod discovery_store;
pub mod import_unit;
pub mod notifications;
pub mod people;
pub mod picks;
pub mod playlists;
pub mod rollup;
pub mod search;
pub mod sitemap;
pub mod taste;
pub mod unit;

use chorus_domain::{
    AlbumId, AlbumRef, AlbumSummary, ArtistId, ArtistRef, ArtistSummary, ContentHash, MediaFile,
    MediaKind, Track, TrackId,
};
use chorus_storage::{StorageError, StorageResult};

/// A count, a position or a time in milliseconds as the databases keep
/// them (`BIGINT`), saturating.
pub fn bigint(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// A sqlx error as the storage layer's, the same on both engines: a unique
/// violation is a conflict, a missing row is not found, anything else is
/// the backend's failure.
pub fn map_err(err: sqlx::Error) -> StorageError {
    match err {
        sqlx::Error::RowNotFound => StorageError::NotFound,
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            StorageError::Conflict(db.message().to_owned())
        }
        other => StorageError::Backend(Box::new(other)),
    }
}

/// Purges claimed from the queue, from their `(key, generation, attempts)`
/// rows.
pub fn pending_purges<A: TryInto<u32>>(
    rows: Vec<(String, i64, A)>,
) -> Vec<chorus_storage::PendingPurge> {
    rows.into_iter()
        .map(|(key, generation, attempts)| chorus_storage::PendingPurge {
            key,
            generation,
            attempts: attempts.try_into().unwrap_or(u32::MAX),
        })
        .collect()
}

/// Rebuilds a media reference from its two columns; both or neither are set.
pub fn media(hash: Option<String>, kind: Option<String>) -> StorageResult<Option<MediaFile>> {
    match (hash, kind) {
        (Some(hash), Some(kind)) => {
            let hash = ContentHash::parse(&hash).map_err(|e| StorageError::Backend(Box::new(e)))?;
            let kind = MediaKind::from_extension(&kind).ok_or_else(|| {
                StorageError::Backend(format!("unknown media kind `{kind}`").into())
            })?;
            Ok(Some(MediaFile { hash, kind }))
        }
        _ => Ok(None),
    }
}

fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn opt_u32(n: Option<i64>) -> Option<u32> {
    n.and_then(|n| u32::try_from(n).ok())
}

fn millis(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

pub const ALBUM_COLUMNS: &str = "al.id, al.title, al.year, al.genre, al.cover_hash, al.cover_kind, \
     ar.id AS artist_id, ar.name AS artist_name, \
     (SELECT COUNT(*) FROM tracks t WHERE t.album_id = al.id) AS track_count, \
     (SELECT CAST(COALESCE(SUM(t.duration_ms), 0) AS BIGINT) FROM tracks t WHERE t.album_id = al.id) AS duration_ms";

#[derive(sqlx::FromRow)]
pub struct AlbumRow {
    id: i64,
    title: String,
    year: Option<i64>,
    genre: Option<String>,
    cover_hash: Option<String>,
    cover_kind: Option<String>,
    artist_id: i64,
    artist_name: String,
    track_count: i64,
    duration_ms: i64,
}

impl AlbumRow {
    pub fn into_domain(self) -> StorageResult<AlbumSummary> {
        Ok(AlbumSummary {
            id: AlbumId(self.id),
            title: self.title,
            artist: ArtistRef {
                id: ArtistId(self.artist_id),
                name: self.artist_name,
            },
            year: opt_u32(self.year),
            genre: self.genre,
            cover_url: media(self.cover_hash, self.cover_kind)?.map(|m| m.url()),
            track_count: count(self.track_count),
            duration_ms: millis(self.duration_ms),
        })
    }
}

pub const ARTIST_COLUMNS: &str = "ar.id, ar.name, \
     (SELECT COUNT(*) FROM albums al WHERE al.artist_id = ar.id) AS album_count, \
     (SELECT COUNT(*) FROM tracks t WHERE t.artist_id = ar.id) AS track_count, \
     (SELECT al.cover_hash FROM albums al WHERE al.artist_id = ar.id AND al.cover_hash IS NOT NULL ORDER BY al.id LIMIT 1) AS cover_hash, \
     (SELECT al.cover_kind FROM albums al WHERE al.artist_id = ar.id AND al.cover_hash IS NOT NULL ORDER BY al.id LIMIT 1) AS cover_kind";

#[derive(sqlx::FromRow)]
pub struct ArtistRow {
    id: i64,
    name: String,
    album_count: i64,
    track_count: i64,
    cover_hash: Option<String>,
    cover_kind: Option<String>,
}

impl ArtistRow {
    pub fn into_domain(self) -> StorageResult<ArtistSummary> {
        Ok(ArtistSummary {
            id: ArtistId(self.id),
            name: self.name,
            album_count: count(self.album_count),
            track_count: count(self.track_count),
            image_url: media(self.cover_hash, self.cover_kind)?.map(|m| m.url()),
        })
    }
}

pub const TRACK_COLUMNS: &str = "t.id, t.title, t.disc_number, t.track_number, t.duration_ms, \
     t.year, t.genre, t.audio_hash, t.audio_kind, al.cover_hash, al.cover_kind, \
     ar.id AS artist_id, ar.name AS artist_name, al.id AS album_id, al.title AS album_title";

pub const TRACK_FROM: &str =
    "tracks t JOIN artists ar ON ar.id = t.artist_id JOIN albums al ON al.id = t.album_id";

#[derive(sqlx::FromRow)]
pub struct TrackRow {
    id: i64,
    title: String,
    disc_number: i64,
    track_number: Option<i64>,
    duration_ms: i64,
    year: Option<i64>,
    genre: Option<String>,
    audio_hash: String,
    audio_kind: String,
    cover_hash: Option<String>,
    cover_kind: Option<String>,
    artist_id: i64,
    artist_name: String,
    album_id: i64,
    album_title: String,
}

impl TrackRow {
    pub fn into_domain(self) -> StorageResult<Track> {
        let audio = media(Some(self.audio_hash), Some(self.audio_kind))?
            .ok_or_else(|| StorageError::Backend("track without audio".into()))?;
        Ok(Track {
            id: TrackId(self.id),
            title: self.title,
            artist: ArtistRef {
                id: ArtistId(self.artist_id),
                name: self.artist_name,
            },
            album: AlbumRef {
                id: AlbumId(self.album_id),
                title: self.album_title,
            },
            disc_number: count(self.disc_number),
            track_number: opt_u32(self.track_number),
            duration_ms: millis(self.duration_ms),
            year: opt_u32(self.year),
            genre: self.genre,
            stream_url: audio.url(),
            mime: audio.kind.mime().to_owned(),
            cover_url: media(self.cover_hash, self.cover_kind)?.map(|m| m.url()),
        })
    }
}

/// Converts a list of rows, failing on the first bad one.
pub fn all<R, T>(rows: Vec<R>, f: impl Fn(R) -> StorageResult<T>) -> StorageResult<Vec<T>> {
    rows.into_iter().map(f).collect()
}

/// `items` (keyed by `key`) in the order of `ids`: one per id found, ids
/// not found left out.
pub fn in_order<T: Clone, K: Eq + std::hash::Hash>(
    ids: impl IntoIterator<Item = K>,
    items: Vec<T>,
    key: impl Fn(&T) -> K,
) -> Vec<T> {
    let by_key: std::collections::HashMap<K, T> =
        items.into_iter().map(|item| (key(&item), item)).collect();
    ids.into_iter()
        .filter_map(|id| by_key.get(&id).cloned())
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn items_come_in_the_order_of_the_ids_and_unknown_ids_are_left_out() {
        let items = vec![(1, "one"), (2, "two"), (3, "three")];
        let ordered = super::in_order([3, 9, 1, 3], items, |(id, _)| *id);
        assert_eq!(ordered, [(3, "three"), (1, "one"), (3, "three")]);
    }
}
