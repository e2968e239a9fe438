//! The import transaction: one file's artist(s), album and track written
//! together or not at all. Imports queue on the import advisory lock, as
//! SQLite's write lock queues them, so each sees the previous one's
//! catalog (see `locks.rs`).

use chorus_domain::TrackId;
use chorus_storage::{ImportOutcome, NewTrack, StorageResult};
use sqlx::{PgConnection, PgPool};

use crate::error::map_err;
use crate::locks::{lock, IMPORT};
use crate::search_documents;

/// The identity of a name for de-duplication: trimmed, case-folded, inner
/// runs of white space collapsed.
fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

pub(super) async fn import_track(pool: &PgPool, t: NewTrack) -> StorageResult<ImportOutcome> {
    let mut tx = pool.begin().await.map_err(map_err)?;
    lock(&mut tx, IMPORT).await?;

    let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM tracks WHERE audio_hash = $1")
        .bind(t.audio.hash.as_str())
        .fetch_optional(&mut *tx)
        .await
        .map_err(map_err)?;
    if let Some(id) = existing {
        return Ok(ImportOutcome::Unchanged(TrackId(id)));
    }

    let album_artist_id = upsert_artist(&mut tx, &t.album_artist).await?;
    let artist_id = if name_key(&t.artist) == name_key(&t.album_artist) {
        album_artist_id
    } else {
        upsert_artist(&mut tx, &t.artist).await?
    };
    let album_id = upsert_album(&mut tx, album_artist_id, &t).await?;

    let replaced: Option<i64> = sqlx::query_scalar("SELECT id FROM tracks WHERE source_path = $1")
        .bind(&t.source_path)
        .fetch_optional(&mut *tx)
        .await
        .map_err(map_err)?;

    // Insert, or update the track imported from the same path (it keeps its id).
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO tracks (album_id, artist_id, title, disc_number, track_number, year, genre, \
         duration_ms, audio_hash, audio_kind, source_path) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
         ON CONFLICT (source_path) DO UPDATE SET album_id = EXCLUDED.album_id, \
           artist_id = EXCLUDED.artist_id, title = EXCLUDED.title, \
           disc_number = EXCLUDED.disc_number, track_number = EXCLUDED.track_number, \
           year = EXCLUDED.year, genre = EXCLUDED.genre, duration_ms = EXCLUDED.duration_ms, \
           audio_hash = EXCLUDED.audio_hash, audio_kind = EXCLUDED.audio_kind, \
           imported_at = clock_timestamp() \
         RETURNING id",
    )
    .bind(album_id)
    .bind(artist_id)
    .bind(&t.title)
    .bind(i64::from(t.disc_number))
    .bind(t.track_number.map(i64::from))
    .bind(t.year.map(i64::from))
    .bind(&t.genre)
    .bind(i64::try_from(t.duration_ms).unwrap_or(i64::MAX))
    .bind(t.audio.hash.as_str())
    .bind(t.audio.kind.extension())
    .bind(&t.source_path)
    .fetch_one(&mut *tx)
    .await
    .map_err(map_err)?;

    // Search documents of what this import named (a re-imported track may
    // have a new title; artists and albums keep the name they got first,
    // which a rewrite of an unchanged fold leaves alone).
    search_documents::put(&mut tx, "artist", album_artist_id, &t.album_artist).await?;
    if artist_id != album_artist_id {
        search_documents::put(&mut tx, "artist", artist_id, &t.artist).await?;
    }
    search_documents::put(&mut tx, "album", album_id, &t.album).await?;
    search_documents::put(&mut tx, "track", id, &t.title).await?;

    let outcome = if replaced.is_some() {
        // The track may have moved to another album or artist.
        remove_orphans(&mut tx).await?;
        search_documents::remove_orphans(&mut tx).await?;
        ImportOutcome::Updated(TrackId(id))
    } else {
        ImportOutcome::Added(TrackId(id))
    };

    tx.commit().await.map_err(map_err)?;
    Ok(outcome)
}

async fn upsert_artist(conn: &mut PgConnection, name: &str) -> StorageResult<i64> {
    sqlx::query_scalar(
        "INSERT INTO artists (name, name_key) VALUES ($1, $2) \
         ON CONFLICT (name_key) DO UPDATE SET name_key = EXCLUDED.name_key RETURNING id",
    )
    .bind(name.trim())
    .bind(name_key(name))
    .fetch_one(conn)
    .await
    .map_err(map_err)
}

/// Finds or creates the album; fills in year, genre and cover where the
/// album has none yet (the first tagged track wins).
async fn upsert_album(conn: &mut PgConnection, artist_id: i64, t: &NewTrack) -> StorageResult<i64> {
    let cover_hash = t.cover.as_ref().map(|c| c.hash.as_str().to_owned());
    let cover_kind = t.cover.as_ref().map(|c| c.kind.extension());
    sqlx::query_scalar(
        "INSERT INTO albums (artist_id, title, title_key, year, genre, cover_hash, cover_kind) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (artist_id, title_key) DO UPDATE SET \
           year = COALESCE(albums.year, EXCLUDED.year), \
           genre = COALESCE(albums.genre, EXCLUDED.genre), \
           cover_kind = CASE WHEN albums.cover_hash IS NULL THEN EXCLUDED.cover_kind ELSE albums.cover_kind END, \
           cover_hash = COALESCE(albums.cover_hash, EXCLUDED.cover_hash) \
         RETURNING id",
    )
    .bind(artist_id)
    .bind(t.album.trim())
    .bind(name_key(&t.album))
    .bind(t.year.map(i64::from))
    .bind(&t.genre)
    .bind(cover_hash)
    .bind(cover_kind)
    .fetch_one(conn)
    .await
    .map_err(map_err)
}

/// After a track moved (its tags changed), drops albums and artists left
/// with nothing in them.
async fn remove_orphans(conn: &mut PgConnection) -> StorageResult<()> {
    sqlx::query(
        "DELETE FROM albums WHERE NOT EXISTS (SELECT 1 FROM tracks t WHERE t.album_id = albums.id)",
    )
    .execute(&mut *conn)
    .await
    .map_err(map_err)?;
    sqlx::query(
        "DELETE FROM artists WHERE NOT EXISTS (SELECT 1 FROM albums al WHERE al.artist_id = artists.id) \
         AND NOT EXISTS (SELECT 1 FROM tracks t WHERE t.artist_id = artists.id)",
    )
    .execute(&mut *conn)
    .await
    .map_err(map_err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::name_key;

    #[test]
    fn name_keys_ignore_case_and_spacing() {
        assert_eq!(name_key("  The   Night Owls "), name_key("the night owls"));
        assert_ne!(name_key("Night Owls"), name_key("Night Owl"));
    }
}
