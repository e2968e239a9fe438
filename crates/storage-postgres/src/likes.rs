//! Listing one's own likes (the unit of work adds and removes them).

use chorus_domain::{ArtistId, LikedIds, TrackId, UserId};
use chorus_storage::StorageResult;
use sqlx::PgPool;

use crate::error::map_err;

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
