//! Likes of tracks and artists: where each kind is kept (the unit of work
//! adds and removes them), and listing one's own.

use chorus_domain::{ArtistId, LikedIds, TrackId, UserId};
use chorus_storage::{LikeOf, StorageResult};
use sqlx::PgPool;

use crate::error::map_err;

/// Where likes of one kind are kept, and the id liked. Names are this
/// crate's constants, never input.
pub(crate) struct LikeRow {
    pub table: &'static str,
    pub column: &'static str,
    pub target_table: &'static str,
    pub target: i64,
}

impl From<LikeOf> for LikeRow {
    fn from(like: LikeOf) -> Self {
        match like {
            LikeOf::Track(id) => LikeRow {
                table: "track_likes",
                column: "track_id",
                target_table: "tracks",
                target: id.0,
            },
            LikeOf::Artist(id) => LikeRow {
                table: "artist_likes",
                column: "artist_id",
                target_table: "artists",
                target: id.0,
            },
        }
    }
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
