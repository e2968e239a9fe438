//! Public taste: listeners' likes not made in private and their rolled-up
//! plays (`rollup.rs`), as taste signals; who else shares artists with a
//! viewer; and listeners' public names. Listeners private right now are
//! left out of the first two.

use chorus_domain::{ArtistId, PublicUser, TasteSignal, UserId};
use chorus_storage::StorageResult;
use chorus_storage_rows::people::{person, private_at};
use chorus_storage_rows::taste::{signal, TasteRow, ARTIST_LIKE, PLAYS, TRACK_LIKE};
use sqlx::PgPool;

use crate::error::map_err;

/// Listener by listener (`LATERAL`: each one's likes and rolled-up plays
/// through their primary keys; PostgreSQL would otherwise hash-join a
/// scan of every listener's rolled-up plays).
pub(crate) async fn taste(
    pool: &PgPool,
    users: &[UserId],
    now: i64,
) -> StorageResult<Vec<TasteSignal>> {
    if users.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = users.iter().map(|u| u.0).collect();
    let sql = format!(
        "WITH who AS MATERIALIZED ( \
             SELECT id FROM users WHERE id = ANY($1) AND NOT {private}) \
         SELECT w.id AS user_id, s.artist_id, s.source, s.at_ms, s.weight, s.plays \
         FROM who w CROSS JOIN LATERAL ( \
             SELECT l.artist_id, {ARTIST_LIKE}::BIGINT AS source, l.created_ms AS at_ms, \
                    NULL::DOUBLE PRECISION AS weight, NULL::BIGINT AS plays \
             FROM artist_likes l WHERE l.user_id = w.id AND NOT l.private \
             UNION ALL \
             SELECT t.artist_id, {TRACK_LIKE}, l.created_ms, NULL, NULL \
             FROM track_likes l JOIN tracks t ON t.id = l.track_id \
             WHERE l.user_id = w.id AND NOT l.private \
             UNION ALL \
             SELECT p.artist_id, {PLAYS}, NULL, p.weight, p.plays \
             FROM taste_plays p WHERE p.user_id = w.id) s",
        private = private_at("$2"),
    );
    let rows: Vec<TasteRow> = sqlx::query_as(&sql)
        .bind(ids)
        .bind(now)
        .fetch_all(pool)
        .await
        .map_err(map_err)?;
    rows.into_iter().map(signal).collect()
}

pub(crate) async fn listeners_sharing(
    pool: &PgPool,
    viewer: UserId,
    artists: &[ArtistId],
    limit: u32,
    now: i64,
) -> StorageResult<Vec<UserId>> {
    if artists.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = artists.iter().map(|a| a.0).collect();
    // UNION (not ALL): one row per listener and artist, so the count is
    // of distinct shared artists. The likes of each of the artists'
    // tracks through `track_likes_track` (`LATERAL`, fenced by `OFFSET 0`):
    // PostgreSQL would otherwise hash-join a scan of every track like.
    let private = private_at("$4");
    let sql = format!(
        "WITH shared AS ( \
             SELECT l.user_id, l.artist_id FROM artist_likes l \
             WHERE l.artist_id = ANY($2) AND NOT l.private \
             UNION \
             SELECT l.user_id, t.artist_id FROM tracks t \
             CROSS JOIN LATERAL ( \
                 SELECT x.user_id FROM track_likes x \
                 WHERE x.track_id = t.id AND NOT x.private OFFSET 0) l \
             WHERE t.artist_id = ANY($2) \
             UNION \
             SELECT p.user_id, p.artist_id FROM taste_plays p WHERE p.artist_id = ANY($2)) \
         SELECT s.user_id FROM shared s JOIN users u ON u.id = s.user_id \
         WHERE s.user_id <> $1 AND NOT {private} \
         GROUP BY s.user_id ORDER BY COUNT(*) DESC, s.user_id LIMIT $3"
    );
    let ids: Vec<i64> = sqlx::query_scalar(&sql)
        .bind(viewer.0)
        .bind(ids)
        .bind(i64::from(limit))
        .bind(now)
        .fetch_all(pool)
        .await
        .map_err(map_err)?;
    Ok(ids.into_iter().map(UserId).collect())
}

pub(crate) async fn public_users(
    pool: &PgPool,
    users: &[UserId],
) -> StorageResult<Vec<(UserId, PublicUser)>> {
    if users.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = users.iter().map(|u| u.0).collect();
    let rows: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, username, display_name FROM users WHERE id = ANY($1)")
            .bind(ids)
            .fetch_all(pool)
            .await
            .map_err(map_err)?;
    rows.into_iter()
        .map(|(id, username, display_name)| Ok((UserId(id), person(&username, &display_name)?)))
        .collect()
}
