//! Likes of tracks and artists: adding or removing one (with its event,
//! and marked private when that event is), and listing one's own.
//!
//! Two likes of one thing at once: the second insert waits for the first
//! (the primary key), then inserts nothing and records nothing, as when
//! SQLite runs them one after the other.

use chorus_domain::{ActivityKind, ArtistId, LikedIds, TrackId, UserId};
use chorus_storage::{Recorded, StorageError, StorageResult};
use sqlx::PgPool;

use crate::error::map_err;
use crate::record::{commit, insert_telling_privacy, Target};

/// Likes or unlikes a track ([`chorus_storage::SocialStore::set_track_like`]).
pub(crate) async fn set_track_like(
    pool: &PgPool,
    user: UserId,
    track: TrackId,
    liked: bool,
) -> StorageResult<Option<Recorded>> {
    let like = Like {
        table: "track_likes",
        column: "track_id",
        target_table: "tracks",
    };
    let event = (
        ActivityKind::LikedTrack,
        Target {
            track: Some(track),
            ..Target::default()
        },
    );
    set_like(pool, like, user, track.0, liked, event).await
}

/// Likes or unlikes an artist ([`chorus_storage::SocialStore::set_artist_like`]).
pub(crate) async fn set_artist_like(
    pool: &PgPool,
    user: UserId,
    artist: ArtistId,
    liked: bool,
) -> StorageResult<Option<Recorded>> {
    let like = Like {
        table: "artist_likes",
        column: "artist_id",
        target_table: "artists",
    };
    let event = (
        ActivityKind::LikedArtist,
        Target {
            artist: Some(artist),
            ..Target::default()
        },
    );
    set_like(pool, like, user, artist.0, liked, event).await
}

/// Where likes of one kind are kept. Names are this crate's constants,
/// never input.
struct Like {
    table: &'static str,
    column: &'static str,
    target_table: &'static str,
}

/// Adds or removes a like row, recording `event` when a like is new;
/// `NotFound` when the liked thing does not exist.
async fn set_like(
    pool: &PgPool,
    like: Like,
    user: UserId,
    target: i64,
    liked: bool,
    event: (ActivityKind, Target),
) -> StorageResult<Option<Recorded>> {
    let mut tx = pool.begin().await.map_err(map_err)?;
    let exists: Option<i32> = sqlx::query_scalar(&format!(
        "SELECT 1 FROM {} WHERE id = $1",
        like.target_table
    ))
    .bind(target)
    .fetch_optional(&mut *tx)
    .await
    .map_err(map_err)?;
    if exists.is_none() {
        return Err(StorageError::NotFound);
    }
    let sql = if liked {
        format!(
            "INSERT INTO {} (user_id, {}) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            like.table, like.column
        )
    } else {
        format!(
            "DELETE FROM {} WHERE user_id = $1 AND {} = $2",
            like.table, like.column
        )
    };
    let changed = sqlx::query(&sql)
        .bind(user.0)
        .bind(target)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?
        .rows_affected()
        > 0;
    let recorded = if liked && changed {
        let (recorded, private) = insert_telling_privacy(&mut tx, user, event.0, event.1).await?;
        if private {
            // Made in private: discovery never counts it (the new row is
            // public by default; a repeated like records nothing and
            // leaves its row as it was).
            sqlx::query(&format!(
                "UPDATE {} SET private = TRUE WHERE user_id = $1 AND {} = $2",
                like.table, like.column
            ))
            .bind(user.0)
            .bind(target)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        }
        Some(recorded)
    } else {
        None
    };
    commit(tx, pool, recorded.is_some()).await?;
    Ok(recorded)
}

/// Ids of what `user` likes, newest like first (`seq`: insertion order,
/// for likes of one instant, as SQLite's rowid).
pub(crate) async fn liked_ids(pool: &PgPool, user: UserId) -> StorageResult<LikedIds> {
    let ids = |sql: &'static str| async move {
        sqlx::query_scalar::<_, i64>(sql)
            .bind(user.0)
            .fetch_all(pool)
            .await
            .map_err(map_err)
    };
    Ok(LikedIds {
        tracks: ids("SELECT track_id FROM track_likes WHERE user_id = $1 ORDER BY created_at DESC, seq DESC")
            .await?
            .into_iter()
            .map(TrackId)
            .collect(),
        artists: ids("SELECT artist_id FROM artist_likes WHERE user_id = $1 ORDER BY created_at DESC, seq DESC")
            .await?
            .into_iter()
            .map(ArtistId)
            .collect(),
    })
}
