//! What to recommend: what listeners who like the viewer's seeds also like
//! (likes not made in private, by listeners not private now, never the
//! viewer's own), and what the viewer's friends played or liked lately
//! that the viewer has neither liked nor played.

use chorus_domain::charts::day_of;
use chorus_domain::{ArtistId, TrackId, UserId};
use chorus_storage::{CoLiked, FriendTrackActivity, StorageResult};
use chorus_storage_rows::picks::PickRow;
use sqlx::SqlitePool;

use crate::error::map_err;
use crate::id_list::id_list;
use crate::since::first_id_since;
use chorus_storage_rows::people::private_at;

/// Where likes of one kind are kept. Names are this crate's constants,
/// never input.
struct Likes {
    table: &'static str,
    column: &'static str,
}

/// (seed, liked with it, listeners liking both) over one kind of likes:
/// for each thing liked with a seed, only its best-shared seed (ties: the
/// lower seed id); most listeners first, then by id; at most `limit`.
async fn liked_with(
    pool: &SqlitePool,
    likes: Likes,
    viewer: UserId,
    seeds: &[i64],
    limit: u32,
    now: i64,
) -> StorageResult<Vec<(i64, i64, i64)>> {
    if seeds.is_empty() {
        return Ok(Vec::new());
    }
    let Likes { table, column } = likes;
    let private = private_at("?4");
    let sql = format!(
        "WITH seeds AS (SELECT value AS id FROM json_each(?2)), \
         pairs AS ( \
             SELECT s.{column} AS seed, o.{column} AS id, COUNT(*) AS listeners \
             FROM {table} s \
             JOIN users u ON u.id = s.user_id \
             JOIN {table} o ON o.user_id = s.user_id \
             WHERE s.{column} IN (SELECT id FROM seeds) AND NOT s.private AND NOT o.private \
               AND s.user_id <> ?1 AND NOT {private} \
               AND o.{column} NOT IN (SELECT id FROM seeds) \
               AND o.{column} NOT IN (SELECT {column} FROM {table} WHERE user_id = ?1) \
             GROUP BY s.{column}, o.{column}), \
         best AS (SELECT seed, id, listeners, \
                  ROW_NUMBER() OVER (PARTITION BY id ORDER BY listeners DESC, seed) AS n \
                  FROM pairs) \
         SELECT seed, id, listeners FROM best WHERE n = 1 \
         ORDER BY listeners DESC, id LIMIT ?3"
    );
    sqlx::query_as(&sql)
        .bind(viewer.0)
        .bind(id_list(seeds.iter().copied()))
        .bind(limit)
        .bind(now)
        .fetch_all(pool)
        .await
        .map_err(map_err)
}

fn co_liked<Id>(rows: Vec<(i64, i64, i64)>, id: impl Fn(i64) -> Id) -> Vec<CoLiked<Id>> {
    rows.into_iter()
        .map(|(seed, liked, listeners)| CoLiked {
            seed: id(seed),
            id: id(liked),
            listeners: u32::try_from(listeners).unwrap_or(u32::MAX),
        })
        .collect()
}

pub(crate) async fn tracks_liked_with(
    pool: &SqlitePool,
    viewer: UserId,
    seeds: &[TrackId],
    limit: u32,
    now: i64,
) -> StorageResult<Vec<CoLiked<TrackId>>> {
    let likes = Likes {
        table: "track_likes",
        column: "track_id",
    };
    let seeds: Vec<i64> = seeds.iter().map(|s| s.0).collect();
    let rows = liked_with(pool, likes, viewer, &seeds, limit, now).await?;
    Ok(co_liked(rows, TrackId))
}

pub(crate) async fn artists_liked_with(
    pool: &SqlitePool,
    viewer: UserId,
    seeds: &[ArtistId],
    limit: u32,
    now: i64,
) -> StorageResult<Vec<CoLiked<ArtistId>>> {
    let likes = Likes {
        table: "artist_likes",
        column: "artist_id",
    };
    let seeds: Vec<i64> = seeds.iter().map(|s| s.0).collect();
    let rows = liked_with(pool, likes, viewer, &seeds, limit, now).await?;
    Ok(co_liked(rows, ArtistId))
}

/// Friends' (not private now) plays and track likes visible to friends
/// since `since_ms`, through each friend's own recent activity
/// (`activity_user` from the first id since, `since.rs`), less what the
/// viewer likes or ever played (privately too). The best `tracks` tracks
/// are chosen in SQL (in the order discovery ranks picks by), so only
/// their rows come back.
pub(crate) async fn friends_track_activity(
    pool: &SqlitePool,
    viewer: UserId,
    since_ms: i64,
    tracks: u32,
    now: i64,
) -> StorageResult<Vec<FriendTrackActivity>> {
    let private = private_at("?5");
    let sql = format!(
        "WITH events AS MATERIALIZED ( \
             SELECT a.track_id, a.user_id, \
                    COUNT(*) FILTER (WHERE a.kind = 'played') AS plays, \
                    COUNT(*) FILTER (WHERE a.kind = 'liked_track') AS likes \
             FROM friendships f \
             JOIN users u ON u.id = f.friend_id \
             JOIN activity a ON a.user_id = f.friend_id \
             WHERE f.user_id = ?1 AND NOT {private} AND a.id >= {first} \
               AND a.kind IN ('played', 'liked_track') AND a.visibility = 'friends' \
               AND a.at_ms >= ?2 AND a.track_id IS NOT NULL \
               AND a.track_id NOT IN (SELECT track_id FROM track_likes WHERE user_id = ?1) \
               AND a.track_id NOT IN (SELECT track_id FROM activity \
                                      WHERE user_id = ?1 AND kind = 'played' \
                                        AND track_id IS NOT NULL) \
             GROUP BY a.track_id, a.user_id), \
         {TOP}",
        first = first_id_since("?3"),
    );
    let rows: Vec<PickRow> = sqlx::query_as(&sql)
        .bind(viewer.0)
        .bind(since_ms)
        .bind(day_of(since_ms))
        .bind(tracks)
        .bind(now)
        .fetch_all(pool)
        .await
        .map_err(map_err)?;
    Ok(rows.into_iter().map(PickRow::into_activity).collect())
}

/// The rows of `events` (track, friend, plays, likes) of the best `?4`
/// tracks: most friends, then most plays and likes, then by id.
const TOP: &str = "\
    top AS (SELECT track_id FROM events GROUP BY track_id \
            ORDER BY COUNT(*) DESC, SUM(plays + likes) DESC, track_id LIMIT ?4) \
    SELECT e.track_id, e.user_id, e.plays, e.likes FROM events e \
    WHERE e.track_id IN (SELECT track_id FROM top)";
