//! What others see of a listener: the public profile (read from the
//! replica when there is one: it is the same for every viewer and may lag)
//! and friend suggestions (friends of friends).

use chorus_domain::{ArtistId, ArtistRef, FriendSuggestion, Profile, UserId, Username};
use chorus_storage::{StorageResult, PROFILE_LIKED_ARTISTS};
use sqlx::PgPool;

use crate::error::map_err;
use crate::feed::person;

#[derive(sqlx::FromRow)]
struct ProfileRow {
    id: i64,
    username: String,
    display_name: String,
    privacy: String,
    created_at: String,
    friends_count: i64,
}

pub(crate) async fn profile(pool: &PgPool, username: &Username) -> StorageResult<Option<Profile>> {
    let sql = concat!(
        "SELECT u.id, u.username, u.display_name, u.privacy, ",
        rfc3339!("u.created_at"),
        " AS created_at, \
         (SELECT COUNT(*) FROM friendships f WHERE f.user_id = u.id) AS friends_count \
         FROM users u WHERE u.username = $1"
    );
    let row: Option<ProfileRow> = sqlx::query_as(sql)
        .bind(username.as_str())
        .fetch_optional(pool)
        .await
        .map_err(map_err)?;
    let Some(row) = row else {
        return Ok(None);
    };
    // Nothing while the listener is private; otherwise the artists liked
    // in public (a like made in private, by setting or private session,
    // stays private).
    let liked_artists = if row.privacy == "private" {
        Vec::new()
    } else {
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT ar.id, ar.name FROM artist_likes l JOIN artists ar ON ar.id = l.artist_id \
             WHERE l.user_id = $1 AND NOT l.private \
             ORDER BY l.created_at DESC, l.seq DESC LIMIT $2",
        )
        .bind(row.id)
        .bind(i64::from(PROFILE_LIKED_ARTISTS))
        .fetch_all(pool)
        .await
        .map_err(map_err)?;
        rows.into_iter()
            .map(|(id, name)| ArtistRef {
                id: ArtistId(id),
                name,
            })
            .collect()
    };
    Ok(Some(Profile {
        user: person(&row.username, &row.display_name)?,
        friends_count: u32::try_from(row.friends_count).unwrap_or(u32::MAX),
        liked_artists,
        joined_at: row.created_at,
    }))
}

pub(crate) async fn friend_suggestions(
    pool: &PgPool,
    user: UserId,
    limit: u32,
) -> StorageResult<Vec<FriendSuggestion>> {
    // Grouped by `u.id`, the key of `users`, so its other columns may be
    // selected (it equals `theirs.friend_id`, SQLite's grouping).
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT u.username, u.display_name, COUNT(*) AS shared \
         FROM friendships mine \
         JOIN friendships theirs ON theirs.user_id = mine.friend_id \
         JOIN users u ON u.id = theirs.friend_id \
         WHERE mine.user_id = $1 AND theirs.friend_id <> $1 \
           AND NOT EXISTS (SELECT 1 FROM friendships f \
                           WHERE f.user_id = $1 AND f.friend_id = theirs.friend_id) \
           AND NOT EXISTS (SELECT 1 FROM friend_requests r \
                           WHERE (r.from_id = $1 AND r.to_id = theirs.friend_id) \
                              OR (r.from_id = theirs.friend_id AND r.to_id = $1)) \
         GROUP BY u.id \
         ORDER BY shared DESC, u.username \
         LIMIT $2",
    )
    .bind(user.0)
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await
    .map_err(map_err)?;
    rows.into_iter()
        .map(|(username, display_name, shared)| {
            Ok(FriendSuggestion {
                user: person(&username, &display_name)?,
                shared_friends: u32::try_from(shared).unwrap_or(u32::MAX),
            })
        })
        .collect()
}
