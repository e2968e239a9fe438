//! Public taste: listeners' likes not made in private and their rolled-up
//! plays (`rollup.rs`), as taste signals; who else shares artists with a
//! viewer; and listeners' public names. Listeners private right now are
//! left out of the first two.

use chorus_domain::{ArtistId, PublicUser, TasteSignal, UserId};
use chorus_storage::{StorageError, StorageResult};
use chorus_storage_rows::people::{person, private_at};
use chorus_storage_rows::taste::{signal, TasteRow, ARTIST_LIKE, PLAYS, TRACK_LIKE};
use sqlx::SqlitePool;

use crate::error::map_err;
use crate::id_list::id_list;

/// The signals come back as one JSON array rather than a row each: sqlx
/// hands SQLite rows over one at a time from its connection's worker
/// thread, which for the ~8,000 signals of a listener and 200 friends cost
/// twice what the query does. (Weights go through JSON with 15
/// significant digits: far more than a score needs.)
pub(crate) async fn taste(
    pool: &SqlitePool,
    users: &[UserId],
    now: i64,
) -> StorageResult<Vec<TasteSignal>> {
    if users.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "WITH who AS (SELECT id FROM users \
                      WHERE id IN (SELECT value FROM json_each(?1)) AND NOT {private}) \
         SELECT json_group_array(json_array(user_id, artist_id, source, at_ms, weight, plays)) \
         FROM ( \
             SELECT l.user_id, l.artist_id, {ARTIST_LIKE} AS source, l.created_ms AS at_ms, \
                    NULL AS weight, NULL AS plays \
             FROM who JOIN artist_likes l ON l.user_id = who.id WHERE NOT l.private \
             UNION ALL \
             SELECT l.user_id, t.artist_id, {TRACK_LIKE}, l.created_ms, NULL, NULL \
             FROM who JOIN track_likes l ON l.user_id = who.id \
             JOIN tracks t ON t.id = l.track_id \
             WHERE NOT l.private \
             UNION ALL \
             SELECT p.user_id, p.artist_id, {PLAYS}, NULL, p.weight, p.plays \
             FROM who JOIN taste_plays p ON p.user_id = who.id)",
        private = private_at("?2"),
    );
    let (json,): (String,) = sqlx::query_as(&sql)
        .bind(id_list(users.iter().map(|u| u.0)))
        .bind(now)
        .fetch_one(pool)
        .await
        .map_err(map_err)?;
    let rows: Vec<TasteRow> =
        serde_json::from_str(&json).map_err(|e| StorageError::Backend(Box::new(e)))?;
    rows.into_iter().map(signal).collect()
}

pub(crate) async fn listeners_sharing(
    pool: &SqlitePool,
    viewer: UserId,
    artists: &[ArtistId],
    limit: u32,
    now: i64,
) -> StorageResult<Vec<UserId>> {
    if artists.is_empty() {
        return Ok(Vec::new());
    }
    // UNION (not ALL): one row per listener and artist, so the count is
    // of distinct shared artists.
    let private = private_at("?4");
    let sql = format!(
        "WITH picked AS (SELECT value AS id FROM json_each(?2)), \
         shared AS ( \
             SELECT l.user_id, l.artist_id FROM artist_likes l \
             WHERE l.artist_id IN (SELECT id FROM picked) AND NOT l.private \
             UNION \
             SELECT l.user_id, t.artist_id FROM tracks t JOIN track_likes l ON l.track_id = t.id \
             WHERE t.artist_id IN (SELECT id FROM picked) AND NOT l.private \
             UNION \
             SELECT p.user_id, p.artist_id FROM taste_plays p \
             WHERE p.artist_id IN (SELECT id FROM picked)) \
         SELECT s.user_id FROM shared s JOIN users u ON u.id = s.user_id \
         WHERE s.user_id <> ?1 AND NOT {private} \
         GROUP BY s.user_id ORDER BY COUNT(*) DESC, s.user_id LIMIT ?3"
    );
    let ids: Vec<(i64,)> = sqlx::query_as(&sql)
        .bind(viewer.0)
        .bind(id_list(artists.iter().map(|a| a.0)))
        .bind(limit)
        .bind(now)
        .fetch_all(pool)
        .await
        .map_err(map_err)?;
    Ok(ids.into_iter().map(|(id,)| UserId(id)).collect())
}

pub(crate) async fn public_users(
    pool: &SqlitePool,
    users: &[UserId],
) -> StorageResult<Vec<(UserId, PublicUser)>> {
    if users.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, username, display_name FROM users \
         WHERE id IN (SELECT value FROM json_each(?1))",
    )
    .bind(id_list(users.iter().map(|u| u.0)))
    .fetch_all(pool)
    .await
    .map_err(map_err)?;
    rows.into_iter()
        .map(|(id, username, display_name)| Ok((UserId(id), person(&username, &display_name)?)))
        .collect()
}
