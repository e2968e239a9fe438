//! Listing one's own likes (the unit of work adds and removes them).

use chorus_domain::{ArtistId, LikedIds, TrackId, UserId};
use chorus_storage::StorageResult;
use sqlx::SqlitePool;

use crate::error::map_err;

/// Ids of what `user` likes, newest like first.
pub(crate) async fn liked_ids(pool: &SqlitePool, user: UserId) -> StorageResult<LikedIds> {
    let ids = |sql: &'static str| async move {
        let rows: Vec<(i64,)> = sqlx::query_as(sql)
            .bind(user.0)
            .fetch_all(pool)
            .await
            .map_err(map_err)?;
        StorageResult::Ok(rows.into_iter().map(|(id,)| id))
    };
    Ok(LikedIds {
        tracks: ids("SELECT track_id FROM track_likes WHERE user_id = ?1 ORDER BY created_at DESC, rowid DESC")
            .await?
            .map(TrackId)
            .collect(),
        artists: ids("SELECT artist_id FROM artist_likes WHERE user_id = ?1 ORDER BY created_at DESC, rowid DESC")
            .await?
            .map(ArtistId)
            .collect(),
    })
}
