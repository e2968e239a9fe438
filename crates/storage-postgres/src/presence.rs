//! Presence as friends see it: who a listener is, whether they hold an
//! online lease, whether they are private right now, and what they play,
//! from the `listening` table. With a
//! viewer, the query keeps only the viewer's friends, so someone who is not
//! a friend is never read.

use chorus_domain::{ListeningState, NowPlaying, UserId};
use chorus_storage::{FriendPresence, StorageResult};
use sqlx::PgPool;

use crate::catalog::tracks_by_ids;
use crate::error::map_err;
use crate::feed::person;
use crate::privacy::PRIVATE_NOW;

#[derive(sqlx::FromRow)]
struct PresenceRow {
    id: i64,
    username: String,
    display_name: String,
    private: bool,
    state: Option<String>,
    online: bool,
}

/// The presence of `users` (of those who are friends of `viewer`, if
/// given) at `now_ms`.
pub(crate) async fn presence(
    pool: &PgPool,
    viewer: Option<UserId>,
    users: &[UserId],
    now_ms: u64,
) -> StorageResult<Vec<FriendPresence>> {
    if users.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = users.iter().map(|u| u.0).collect();
    let sql = format!(
        "SELECT u.id, u.username, u.display_name, {PRIVATE_NOW} AS private, l.state, \
         EXISTS (SELECT 1 FROM online_leases o \
                 WHERE o.user_id = u.id AND o.expires_ms > $3) AS online \
         FROM users u \
         LEFT JOIN listening l ON l.user_id = u.id \
         WHERE u.id = ANY($2) \
         AND ($1::BIGINT IS NULL OR EXISTS \
             (SELECT 1 FROM friendships f WHERE f.user_id = $1 AND f.friend_id = u.id))"
    );
    let rows: Vec<PresenceRow> = sqlx::query_as(&sql)
        .bind(viewer.map(|v| v.0))
        .bind(ids)
        .bind(i64::try_from(now_ms).unwrap_or(i64::MAX))
        .fetch_all(pool)
        .await
        .map_err(map_err)?;
    // What each public friend is in the middle of; a state that does not
    // parse (an older format) counts as nothing playing.
    let states: Vec<(i64, ListeningState)> = rows
        .iter()
        .filter(|r| !r.private)
        .filter_map(|r| {
            let state = serde_json::from_str(r.state.as_deref()?).ok()?;
            Some((r.id, state))
        })
        .collect();
    let track_ids: Vec<i64> = states.iter().map(|(_, s)| s.track_id.0).collect();
    let tracks = tracks_by_ids(pool, &track_ids).await?;
    rows.into_iter()
        .map(|row| {
            let now_playing = states
                .iter()
                .find(|(id, _)| *id == row.id)
                .and_then(|(_, state)| {
                    let track = tracks.get(&state.track_id.0)?.clone();
                    NowPlaying::from_state(state, track, now_ms)
                });
            Ok(FriendPresence {
                id: UserId(row.id),
                user: person(&row.username, &row.display_name)?,
                online: row.online,
                private: row.private,
                now_playing,
            })
        })
        .collect()
}
