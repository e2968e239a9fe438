//! [`chorus_storage::PlaylistStore`], the same SQL on both engines:
//! [`crate::sql_playlist_store!`] expands it for a backend, given how it
//! starts a writing transaction, how it holds a playlist row for the rest
//! of it, and how it asks for "an id in this list".
//!
//! An entry's place is `rank_key`, a fractional index
//! ([`fractional_index`]) as hex text, compared byte by byte (SQLite's
//! `BINARY`, PostgreSQL's `COLLATE "C"`). Every edit first holds the
//! playlist's row, so ranks are made one edit at a time and stay unique.

use chorus_domain::{
    rfc3339_from_ms, PlaylistDescription, PlaylistId, PlaylistName, PlaylistSummary,
    PlaylistVisibility, UserId,
};
use chorus_storage::{StorageError, StorageResult, StoredPlaylist};
use fractional_index::FractionalIndex;

use crate::people::person;
use crate::TrackRow;

/// A playlist's summary columns, over `playlists p JOIN users u` (its
/// owner).
pub const PLAYLIST_COLUMNS: &str = "p.id, p.name, p.description, p.visibility, p.owner_id, \
     u.username, u.display_name, p.updated_ms, \
     EXISTS (SELECT 1 FROM playlist_collaborators c WHERE c.playlist_id = p.id) AS collaborative, \
     (SELECT COUNT(*) FROM playlist_entries e WHERE e.playlist_id = p.id) AS track_count, \
     (SELECT CAST(COALESCE(SUM(t.duration_ms), 0) AS BIGINT) FROM playlist_entries e \
        JOIN tracks t ON t.id = e.track_id WHERE e.playlist_id = p.id) AS duration_ms";

pub const PLAYLIST_FROM: &str = "playlists p JOIN users u ON u.id = p.owner_id";

/// An entry's columns: the entry, its track as [`TrackRow`] reads it, and
/// who added it.
pub const ENTRY_SELECT: &str = "SELECT e.id AS entry_id, \
     t.id, t.title, t.disc_number, t.track_number, t.duration_ms, \
     t.year, t.genre, t.audio_hash, t.audio_kind, al.cover_hash, al.cover_kind, \
     ar.id AS artist_id, ar.name AS artist_name, al.id AS album_id, al.title AS album_title, \
     u.username, u.display_name \
     FROM playlist_entries e JOIN tracks t ON t.id = e.track_id \
     JOIN artists ar ON ar.id = t.artist_id JOIN albums al ON al.id = t.album_id \
     JOIN users u ON u.id = e.added_by \
     WHERE e.playlist_id = $1 ORDER BY e.rank_key, e.id";

#[derive(sqlx::FromRow)]
pub struct PlaylistRow {
    id: i64,
    name: String,
    description: String,
    visibility: String,
    owner_id: i64,
    username: String,
    display_name: String,
    updated_ms: i64,
    collaborative: bool,
    track_count: i64,
    duration_ms: i64,
}

impl PlaylistRow {
    /// The owner's id, and the summary.
    pub fn into_domain(self) -> StorageResult<(UserId, PlaylistSummary)> {
        let bad = |what: &str| StorageError::Backend(format!("invalid {what} in playlists").into());
        Ok((
            UserId(self.owner_id),
            PlaylistSummary {
                id: PlaylistId(self.id),
                name: PlaylistName::parse(&self.name).map_err(|_| bad("name"))?,
                description: PlaylistDescription::parse(&self.description)
                    .map_err(|_| bad("description"))?,
                visibility: PlaylistVisibility::parse(&self.visibility)
                    .ok_or_else(|| bad("visibility"))?,
                owner: person(&self.username, &self.display_name)?,
                collaborative: self.collaborative,
                track_count: u32::try_from(self.track_count).unwrap_or(u32::MAX),
                duration_ms: u64::try_from(self.duration_ms).unwrap_or(0),
                updated_at: rfc3339_from_ms(u64::try_from(self.updated_ms).unwrap_or(0)),
            },
        ))
    }

    /// As stored, with its collaborators' rows `(id, username, display
    /// name)`.
    pub fn into_stored(
        self,
        collaborators: Vec<(i64, String, String)>,
    ) -> StorageResult<StoredPlaylist> {
        let (owner, summary) = self.into_domain()?;
        let collaborators = collaborators
            .into_iter()
            .map(|(id, username, display)| Ok((UserId(id), person(&username, &display)?)))
            .collect::<StorageResult<_>>()?;
        Ok(StoredPlaylist {
            summary,
            owner,
            collaborators,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct EntryRow {
    entry_id: i64,
    #[sqlx(flatten)]
    track: TrackRow,
    username: String,
    display_name: String,
}

impl EntryRow {
    pub fn into_domain(self) -> StorageResult<chorus_domain::PlaylistEntry> {
        Ok(chorus_domain::PlaylistEntry {
            entry_id: chorus_domain::PlaylistEntryId(self.entry_id),
            track: self.track.into_domain()?,
            added_by: person(&self.username, &self.display_name)?,
        })
    }
}

/// A stored rank, read back.
pub fn rank(text: &str) -> StorageResult<FractionalIndex> {
    FractionalIndex::from_string(text)
        .map_err(|e| StorageError::Backend(format!("invalid rank_key {text:?}: {e}").into()))
}

/// `n` ranks in order, each after the one before, the first after `last`.
pub fn ranks_after(last: Option<FractionalIndex>, n: usize) -> Vec<String> {
    let mut ranks = Vec::with_capacity(n);
    let mut previous = last;
    for _ in 0..n {
        let next = match &previous {
            Some(previous) => FractionalIndex::new_after(previous),
            None => FractionalIndex::default(),
        };
        ranks.push(next.to_string());
        previous = Some(next);
    }
    ranks
}

/// A rank between `lower` and `upper` (either end open).
pub fn rank_between(
    lower: Option<&FractionalIndex>,
    upper: Option<&FractionalIndex>,
) -> StorageResult<String> {
    FractionalIndex::new(lower, upper)
        .map(|r| r.to_string())
        .ok_or_else(|| StorageError::Backend("playlist ranks out of order".into()))
}

/// Implements [`chorus_storage::PlaylistStore`] for `$store` (a `pool`
/// field). `begin` is the statement that starts a writing transaction;
/// `hold` what follows `SELECT … FROM playlists WHERE id = $1` to hold the
/// row until it ends (`FOR UPDATE`, or nothing where `begin` already took
/// the write lock). `put_document` writes a search document: a public
/// playlist's name is one, kept in step in the transaction that changes
/// it.
#[macro_export]
macro_rules! sql_playlist_store {
    (
        store: $store:ty,
        database: $db:ty,
        map_err: $map_err:path,
        begin: $begin:literal,
        hold: $hold:literal,
        id_in: $id_in:literal,
        ids: $ids:expr,
        put_document: $put:path $(,)?
    ) => {
        mod __playlist_sql {
            use chorus_domain::{
                PlaylistEntry, PlaylistEntryId, PlaylistId, PlaylistSummary, Timestamp, TrackId,
                UserId,
            };
            use chorus_storage::{
                EntriesRefused, NewPlaylist, PlaylistChanges, StorageError, StorageResult,
                StoredPlaylist,
            };
            use $crate::playlists::{
                rank, rank_between, ranks_after, EntryRow, PlaylistRow, ENTRY_SELECT,
                PLAYLIST_COLUMNS, PLAYLIST_FROM,
            };

            type Tx = sqlx::Transaction<'static, $db>;

            /// Holds playlist `id` for the rest of `tx`; `NotFound` when
            /// there is none.
            async fn hold(tx: &mut Tx, id: PlaylistId) -> StorageResult<()> {
                let found: Option<i64> = sqlx::query_scalar(concat!(
                    "SELECT id FROM playlists WHERE id = $1",
                    $hold
                ))
                .bind(id.0)
                .fetch_optional(&mut **tx)
                .await
                .map_err($map_err)?;
                found.map(|_| ()).ok_or(StorageError::NotFound)
            }

            /// Makes playlist `id`'s search document match it: its name
            /// when it is public, none otherwise.
            async fn index(tx: &mut Tx, id: PlaylistId) -> StorageResult<()> {
                let row: Option<(String, String)> =
                    sqlx::query_as("SELECT name, visibility FROM playlists WHERE id = $1")
                        .bind(id.0)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err($map_err)?;
                match row {
                    Some((name, visibility)) if visibility == "public" => {
                        $put(&mut **tx, "playlist", id.0, &name).await
                    }
                    _ => {
                        sqlx::query(
                            "DELETE FROM search_documents WHERE kind = 'playlist' AND ref_id = $1",
                        )
                        .bind(id.0)
                        .execute(&mut **tx)
                        .await
                        .map_err($map_err)?;
                        Ok(())
                    }
                }
            }

            async fn touch(tx: &mut Tx, id: PlaylistId, now: Timestamp) -> StorageResult<()> {
                sqlx::query("UPDATE playlists SET updated_ms = $2 WHERE id = $1")
                    .bind(id.0)
                    .bind(now.as_ms_i64())
                    .execute(&mut **tx)
                    .await
                    .map_err($map_err)?;
                Ok(())
            }

            /// Appends `tracks` to held playlist `id`, or says why not.
            async fn append(
                tx: &mut Tx,
                id: PlaylistId,
                tracks: &[TrackId],
                by: UserId,
                limit: u32,
                now: Timestamp,
            ) -> StorageResult<Result<(), EntriesRefused>> {
                let has: i64 =
                    sqlx::query_scalar("SELECT COUNT(*) FROM playlist_entries WHERE playlist_id = $1")
                        .bind(id.0)
                        .fetch_one(&mut **tx)
                        .await
                        .map_err($map_err)?;
                let has = u32::try_from(has).unwrap_or(u32::MAX);
                let adding = u32::try_from(tracks.len()).unwrap_or(u32::MAX);
                if has.saturating_add(adding) > limit {
                    return Ok(Err(EntriesRefused::Full { has, limit }));
                }
                if tracks.is_empty() {
                    return Ok(Ok(()));
                }
                let mut wanted: Vec<i64> = tracks.iter().map(|t| t.0).collect();
                wanted.sort_unstable();
                wanted.dedup();
                let known: Vec<i64> =
                    sqlx::query_scalar(concat!("SELECT id FROM tracks WHERE id ", $id_in))
                        .bind(($ids)(&wanted))
                        .fetch_all(&mut **tx)
                        .await
                        .map_err($map_err)?;
                if let Some(unknown) = wanted.iter().find(|id| !known.contains(id)) {
                    return Ok(Err(EntriesRefused::UnknownTrack(TrackId(*unknown))));
                }
                let last: Option<String> = sqlx::query_scalar(
                    "SELECT MAX(rank_key) FROM playlist_entries WHERE playlist_id = $1",
                )
                .bind(id.0)
                .fetch_one(&mut **tx)
                .await
                .map_err($map_err)?;
                let last = last.as_deref().map(rank).transpose()?;
                for (track, rank_key) in tracks.iter().zip(ranks_after(last, tracks.len())) {
                    sqlx::query(
                        "INSERT INTO playlist_entries (playlist_id, track_id, rank_key, added_by, added_ms) \
                         VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(id.0)
                    .bind(track.0)
                    .bind(rank_key)
                    .bind(by.0)
                    .bind(now.as_ms_i64())
                    .execute(&mut **tx)
                    .await
                    .map_err($map_err)?;
                }
                touch(tx, id, now).await?;
                Ok(Ok(()))
            }

            #[async_trait::async_trait]
            impl chorus_storage::PlaylistStore for $store {
                async fn create_playlist(
                    &self,
                    owner: UserId,
                    playlist: &NewPlaylist,
                    tracks: &[TrackId],
                    limit: u32,
                    now: Timestamp,
                ) -> StorageResult<Result<PlaylistId, EntriesRefused>> {
                    let mut tx = self.pool.begin_with($begin).await.map_err($map_err)?;
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO playlists (owner_id, name, description, visibility, created_ms, updated_ms) \
                         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
                    )
                    .bind(owner.0)
                    .bind(playlist.name.as_str())
                    .bind(playlist.description.as_str())
                    .bind(playlist.visibility.as_str())
                    .bind(now.as_ms_i64())
                    .fetch_one(&mut *tx)
                    .await
                    .map_err($map_err)?;
                    let id = PlaylistId(id);
                    if let Err(refused) = append(&mut tx, id, tracks, owner, limit, now).await? {
                        return Ok(Err(refused));
                    }
                    index(&mut tx, id).await?;
                    tx.commit().await.map_err($map_err)?;
                    Ok(Ok(id))
                }

                async fn playlist(&self, id: PlaylistId) -> StorageResult<Option<StoredPlaylist>> {
                    let sql = format!("SELECT {PLAYLIST_COLUMNS} FROM {PLAYLIST_FROM} WHERE p.id = $1");
                    let Some(row): Option<PlaylistRow> = sqlx::query_as(&sql)
                        .bind(id.0)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err($map_err)?
                    else {
                        return Ok(None);
                    };
                    let collaborators: Vec<(i64, String, String)> = sqlx::query_as(
                        "SELECT u.id, u.username, u.display_name FROM playlist_collaborators c \
                         JOIN users u ON u.id = c.user_id WHERE c.playlist_id = $1 \
                         ORDER BY LOWER(u.display_name), u.username",
                    )
                    .bind(id.0)
                    .fetch_all(&self.pool)
                    .await
                    .map_err($map_err)?;
                    row.into_stored(collaborators).map(Some)
                }

                async fn playlist_entries(&self, id: PlaylistId) -> StorageResult<Vec<PlaylistEntry>> {
                    let rows: Vec<EntryRow> = sqlx::query_as(ENTRY_SELECT)
                        .bind(id.0)
                        .fetch_all(&self.pool)
                        .await
                        .map_err($map_err)?;
                    rows.into_iter().map(EntryRow::into_domain).collect()
                }

                async fn update_playlist(
                    &self,
                    id: PlaylistId,
                    changes: &PlaylistChanges,
                    now: Timestamp,
                ) -> StorageResult<()> {
                    let mut tx = self.pool.begin_with($begin).await.map_err($map_err)?;
                    hold(&mut tx, id).await?;
                    sqlx::query(
                        "UPDATE playlists SET name = COALESCE($2, name), \
                         description = COALESCE($3, description), \
                         visibility = COALESCE($4, visibility), updated_ms = $5 WHERE id = $1",
                    )
                    .bind(id.0)
                    .bind(changes.name.as_ref().map(|n| n.as_str()))
                    .bind(changes.description.as_ref().map(|d| d.as_str()))
                    .bind(changes.visibility.map(|v| v.as_str()))
                    .bind(now.as_ms_i64())
                    .execute(&mut *tx)
                    .await
                    .map_err($map_err)?;
                    index(&mut tx, id).await?;
                    tx.commit().await.map_err($map_err)
                }

                async fn delete_playlist(&self, id: PlaylistId) -> StorageResult<()> {
                    let mut tx = self.pool.begin_with($begin).await.map_err($map_err)?;
                    let done = sqlx::query("DELETE FROM playlists WHERE id = $1")
                        .bind(id.0)
                        .execute(&mut *tx)
                        .await
                        .map_err($map_err)?;
                    if done.rows_affected() == 0 {
                        return Err(StorageError::NotFound);
                    }
                    index(&mut tx, id).await?;
                    tx.commit().await.map_err($map_err)
                }

                async fn add_entries(
                    &self,
                    id: PlaylistId,
                    tracks: &[TrackId],
                    by: UserId,
                    limit: u32,
                    now: Timestamp,
                ) -> StorageResult<Result<(), EntriesRefused>> {
                    let mut tx = self.pool.begin_with($begin).await.map_err($map_err)?;
                    hold(&mut tx, id).await?;
                    let added = append(&mut tx, id, tracks, by, limit, now).await?;
                    if added.is_ok() {
                        tx.commit().await.map_err($map_err)?;
                    }
                    Ok(added)
                }

                async fn move_entry(
                    &self,
                    id: PlaylistId,
                    entry: PlaylistEntryId,
                    after: Option<PlaylistEntryId>,
                    now: Timestamp,
                ) -> StorageResult<bool> {
                    let mut tx = self.pool.begin_with($begin).await.map_err($map_err)?;
                    hold(&mut tx, id).await?;
                    let rank_of = "SELECT rank_key FROM playlist_entries WHERE id = $1 AND playlist_id = $2";
                    let moving: Option<String> = sqlx::query_scalar(rank_of)
                        .bind(entry.0)
                        .bind(id.0)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err($map_err)?;
                    if moving.is_none() {
                        return Err(StorageError::NotFound);
                    }
                    let lower: Option<String> = match after {
                        None => None,
                        Some(after) if after == entry => return Ok(true),
                        Some(after) => {
                            let found: Option<String> = sqlx::query_scalar(rank_of)
                                .bind(after.0)
                                .bind(id.0)
                                .fetch_optional(&mut *tx)
                                .await
                                .map_err($map_err)?;
                            match found {
                                Some(found) => Some(found),
                                None => return Ok(false),
                            }
                        }
                    };
                    let upper: Option<String> = sqlx::query_scalar(
                        "SELECT MIN(rank_key) FROM playlist_entries WHERE playlist_id = $1 \
                         AND id <> $2 AND (CAST($3 AS TEXT) IS NULL OR rank_key > $3)",
                    )
                    .bind(id.0)
                    .bind(entry.0)
                    .bind(lower.as_deref())
                    .fetch_one(&mut *tx)
                    .await
                    .map_err($map_err)?;
                    let lower = lower.as_deref().map(rank).transpose()?;
                    let upper = upper.as_deref().map(rank).transpose()?;
                    let place = rank_between(lower.as_ref(), upper.as_ref())?;
                    sqlx::query("UPDATE playlist_entries SET rank_key = $2 WHERE id = $1")
                        .bind(entry.0)
                        .bind(place)
                        .execute(&mut *tx)
                        .await
                        .map_err($map_err)?;
                    touch(&mut tx, id, now).await?;
                    tx.commit().await.map_err($map_err)?;
                    Ok(true)
                }

                async fn remove_entry(
                    &self,
                    id: PlaylistId,
                    entry: PlaylistEntryId,
                    now: Timestamp,
                ) -> StorageResult<bool> {
                    let mut tx = self.pool.begin_with($begin).await.map_err($map_err)?;
                    hold(&mut tx, id).await?;
                    let done = sqlx::query("DELETE FROM playlist_entries WHERE id = $1 AND playlist_id = $2")
                        .bind(entry.0)
                        .bind(id.0)
                        .execute(&mut *tx)
                        .await
                        .map_err($map_err)?;
                    let removed = done.rows_affected() > 0;
                    if removed {
                        touch(&mut tx, id, now).await?;
                    }
                    tx.commit().await.map_err($map_err)?;
                    Ok(removed)
                }

                async fn set_collaborator(
                    &self,
                    id: PlaylistId,
                    user: UserId,
                    collaborator: bool,
                    now: Timestamp,
                ) -> StorageResult<()> {
                    let mut tx = self.pool.begin_with($begin).await.map_err($map_err)?;
                    hold(&mut tx, id).await?;
                    let change = if collaborator {
                        sqlx::query(
                            "INSERT INTO playlist_collaborators (playlist_id, user_id, added_ms) \
                             VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                        )
                        .bind(id.0)
                        .bind(user.0)
                        .bind(now.as_ms_i64())
                    } else {
                        sqlx::query(
                            "DELETE FROM playlist_collaborators WHERE playlist_id = $1 AND user_id = $2",
                        )
                        .bind(id.0)
                        .bind(user.0)
                    };
                    change.execute(&mut *tx).await.map_err($map_err)?;
                    touch(&mut tx, id, now).await?;
                    tx.commit().await.map_err($map_err)
                }

                async fn playlists_of(&self, user: UserId) -> StorageResult<Vec<PlaylistSummary>> {
                    let sql = format!(
                        "SELECT {PLAYLIST_COLUMNS} FROM {PLAYLIST_FROM} WHERE p.owner_id = $1 \
                         OR EXISTS (SELECT 1 FROM playlist_collaborators c \
                                    WHERE c.playlist_id = p.id AND c.user_id = $1) \
                         ORDER BY p.updated_ms DESC, p.id DESC"
                    );
                    let rows: Vec<PlaylistRow> = sqlx::query_as(&sql)
                        .bind(user.0)
                        .fetch_all(&self.pool)
                        .await
                        .map_err($map_err)?;
                    rows.into_iter()
                        .map(|row| row.into_domain().map(|(_, summary)| summary))
                        .collect()
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_thousand_appended_ranks_stay_short_and_in_order() {
        let ranks = ranks_after(None, 10_000);
        assert!(ranks.windows(2).all(|w| w[0] < w[1]));
        let longest = ranks.iter().map(String::len).max().unwrap_or(0);
        assert!(longest <= 200, "longest rank {longest} hex digits");
    }

    #[test]
    fn a_rank_between_neighbours_sorts_between_them_as_text() {
        let ranks = ranks_after(None, 2);
        let (a, b) = (rank(&ranks[0]).unwrap(), rank(&ranks[1]).unwrap());
        let mid = rank_between(Some(&a), Some(&b)).unwrap();
        assert!(ranks[0] < mid && mid < ranks[1]);
        let top = rank_between(None, Some(&a)).unwrap();
        assert!(top < ranks[0]);
        assert!(rank_between(Some(&b), Some(&a)).is_err());
    }
}
