//! Activity as both SQL backends read it, written once: feed rows and
//! their mapping here, [`chorus_storage::ActivityStore`] in
//! [`crate::sql_activity!`] (the same SQL on SQLite and PostgreSQL). Events
//! are written by the unit of work ([`crate::unit`]).

use std::collections::HashMap;

use chorus_domain::{ActivityKind, ArtistId, ArtistRef, FeedItem, FeedPage, Timestamp, Track};
use chorus_storage::{StorageError, StorageResult};

use crate::people::person;

/// The columns of a [`FeedRow`] over `activity a` joined with [`FEED_JOINS`].
pub const FEED_COLUMNS: &str =
    "a.id, a.user_id, a.at_ms, a.kind, a.track_id, a.artist_id, ar.name AS artist_name, \
     u.username, u.display_name, fu.username AS friend_username, \
     fu.display_name AS friend_display_name, a.playlist_id, pl.name AS playlist_name";

/// What a feed item names besides its event: its user, artist, friend and
/// playlist.
pub const FEED_JOINS: &str = "JOIN users u ON u.id = a.user_id \
     LEFT JOIN artists ar ON ar.id = a.artist_id \
     LEFT JOIN users fu ON fu.id = a.friend_id \
     LEFT JOIN playlists pl ON pl.id = a.playlist_id";

/// Leaves out events about a playlist their audience (the listener's
/// friends) may not see now: a private one, or a friends-only one of
/// someone else (its owner's friends are not theirs). A playlist's
/// visibility may change after its events.
pub const PLAYLIST_SEEN: &str = "(pl.id IS NULL OR pl.visibility = 'public' \
     OR (pl.visibility = 'friends' AND pl.owner_id = a.user_id))";

#[derive(sqlx::FromRow)]
pub struct FeedRow {
    pub id: i64,
    pub user_id: i64,
    at_ms: i64,
    kind: String,
    pub track_id: Option<i64>,
    artist_id: Option<i64>,
    artist_name: Option<String>,
    username: String,
    display_name: String,
    friend_username: Option<String>,
    friend_display_name: Option<String>,
    playlist_id: Option<i64>,
    playlist_name: Option<String>,
}

impl FeedRow {
    /// The feed item, with its track from `tracks` (read for the rows).
    pub fn to_item(&self, tracks: &HashMap<i64, Track>) -> StorageResult<FeedItem> {
        let friend = match (&self.friend_username, &self.friend_display_name) {
            (Some(u), Some(d)) => Some(person(u, d)?),
            _ => None,
        };
        Ok(FeedItem {
            id: self.id,
            at: Timestamp::from_ms_i64(self.at_ms).to_rfc3339(),
            user: person(&self.username, &self.display_name)?,
            kind: ActivityKind::parse(&self.kind)
                .ok_or_else(|| StorageError::Backend("invalid kind in activity".into()))?,
            track: self.track_id.and_then(|id| tracks.get(&id).cloned()),
            artist: match (self.artist_id, &self.artist_name) {
                (Some(id), Some(name)) => Some(ArtistRef {
                    id: ArtistId(id),
                    name: name.clone(),
                }),
                _ => None,
            },
            friend,
            playlist: match (self.playlist_id, &self.playlist_name) {
                (Some(id), Some(name)) => Some(chorus_domain::PlaylistRef {
                    id: chorus_domain::PlaylistId(id),
                    name: name.clone(),
                }),
                _ => None,
            },
        })
    }
}

/// A page of at most `limit` items from up to `limit + 1` rows read newest
/// first: the extra row only tells that there is a next page.
pub fn page(mut items: Vec<FeedItem>, limit: u32) -> FeedPage {
    let more = items.len() > limit as usize;
    items.truncate(limit as usize);
    let next = if more {
        items.last().map(|i| i.id)
    } else {
        None
    };
    FeedPage { items, next }
}

#[derive(sqlx::FromRow)]
pub struct PresenceRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub private: bool,
    pub state: Option<String>,
    pub online: bool,
}

/// Implements [`chorus_storage::ActivityStore`] for `$store` (its pool, a
/// `$pool`, in `pool`; feeds and presence read the primary: a live feed must see an
/// event as soon as it is announced), with `$map_err`, and "an id in this
/// list" as `id_in` over `$1` with what to bind, `ids`. Its module gets
/// `items`, the feed items of rows with their tracks, for other listings.
#[macro_export]
// `crate::catalog::tracks_by_ids` is the calling backend's catalog read.
#[allow(clippy::crate_in_macro_def)]
macro_rules! sql_activity {
    (
        store: $store:ty,
        pool: $pool:ty,
        map_err: $map_err:path,
        id_in: $id_in:expr,
        ids: $ids:expr $(,)?
    ) => {
        use chorus_domain::{FeedItem, FeedPage, ListeningState, NowPlaying, UserId};
        use chorus_storage::{ActivityStore, FriendPresence, SharedEvent, StorageResult};
        use $crate::activity::{
            page, FeedRow, PresenceRow, FEED_COLUMNS, FEED_JOINS, PLAYLIST_SEEN,
        };

        #[async_trait::async_trait]
        impl ActivityStore for $store {
            async fn feed(
                &self,
                viewer: UserId,
                before: Option<i64>,
                limit: u32,
            ) -> StorageResult<FeedPage> {
                let filter = "(CAST($2 AS BIGINT) IS NULL OR a.id < $2) ORDER BY a.id DESC";
                let items = self
                    .feed_items(viewer, filter, before, i64::from(limit) + 1)
                    .await?;
                Ok(page(items, limit))
            }

            async fn feed_after(
                &self,
                viewer: UserId,
                after: i64,
                limit: u32,
            ) -> StorageResult<Vec<FeedItem>> {
                let filter = "a.id > $2 ORDER BY a.id ASC";
                self.feed_items(viewer, filter, Some(after), i64::from(limit))
                    .await
            }

            // Who may see which plays is decided in the query itself.
            async fn plays(
                &self,
                viewer: UserId,
                user: UserId,
                before: Option<i64>,
                limit: u32,
            ) -> StorageResult<FeedPage> {
                let sql = format!(
                    "SELECT {FEED_COLUMNS} FROM activity a {FEED_JOINS} \
                     WHERE a.user_id = $2 AND a.kind = 'played' \
                       AND (CAST($3 AS BIGINT) IS NULL OR a.id < $3) \
                       AND (a.user_id = $1 OR (a.visibility = 'friends' AND EXISTS ( \
                            SELECT 1 FROM friendships f \
                            WHERE f.user_id = $1 AND f.friend_id = $2))) \
                     ORDER BY a.id DESC LIMIT $4"
                );
                let rows: Vec<FeedRow> = sqlx::query_as(&sql)
                    .bind(viewer.0)
                    .bind(user.0)
                    .bind(before)
                    .bind(i64::from(limit) + 1)
                    .fetch_all(&self.pool)
                    .await
                    .map_err($map_err)?;
                Ok(page(items(&self.pool, &rows).await?, limit))
            }

            async fn friends_presence(
                &self,
                viewer: UserId,
                friends: &[UserId],
                now_ms: u64,
            ) -> StorageResult<Vec<FriendPresence>> {
                self.presence_of(Some(viewer), friends, now_ms).await
            }

            async fn shared_after(
                &self,
                after: i64,
                limit: u32,
            ) -> StorageResult<Vec<SharedEvent>> {
                let sql = format!(
                    "SELECT {FEED_COLUMNS} FROM activity a {FEED_JOINS} \
                     WHERE a.visibility = 'friends' AND {PLAYLIST_SEEN} AND a.id > $1 \
                     ORDER BY a.id ASC LIMIT $2"
                );
                let rows: Vec<FeedRow> = sqlx::query_as(&sql)
                    .bind(after)
                    .bind(i64::from(limit))
                    .fetch_all(&self.pool)
                    .await
                    .map_err($map_err)?;
                let items = items(&self.pool, &rows).await?;
                Ok(rows
                    .iter()
                    .zip(items)
                    .map(|(row, item)| SharedEvent {
                        user: UserId(row.user_id),
                        item,
                    })
                    .collect())
            }

            async fn presence(
                &self,
                users: &[UserId],
                now_ms: u64,
            ) -> StorageResult<Vec<FriendPresence>> {
                self.presence_of(None, users, now_ms).await
            }

            async fn latest_activity_id(&self) -> StorageResult<i64> {
                sqlx::query_scalar("SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM activity")
                    .fetch_one(&self.pool)
                    .await
                    .map_err($map_err)
            }
        }

        impl $store {
            /// Friends' visible events matching `filter` (on `a.id` against
            /// `$2`, with its order), at most `limit`, with their tracks.
            async fn feed_items(
                &self,
                viewer: UserId,
                filter: &str,
                cursor: Option<i64>,
                limit: i64,
            ) -> StorageResult<Vec<FeedItem>> {
                let sql = format!(
                    "SELECT {FEED_COLUMNS} \
                     FROM friendships f \
                     JOIN activity a ON a.user_id = f.friend_id \
                     {FEED_JOINS} \
                     WHERE f.user_id = $1 AND a.visibility = 'friends' AND {PLAYLIST_SEEN} \
                       AND {filter} LIMIT $3"
                );
                let rows: Vec<FeedRow> = sqlx::query_as(&sql)
                    .bind(viewer.0)
                    .bind(cursor)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await
                    .map_err($map_err)?;
                items(&self.pool, &rows).await
            }

            /// The presence of `users` (of those who are friends of
            /// `viewer`, if given) at `now_ms`: who they are, whether they
            /// hold an online lease, whether they are private then, and
            /// what they play. With a viewer, the query keeps only the
            /// viewer's friends, so someone who is not a friend is never
            /// read.
            async fn presence_of(
                &self,
                viewer: Option<UserId>,
                users: &[UserId],
                now_ms: u64,
            ) -> StorageResult<Vec<FriendPresence>> {
                if users.is_empty() {
                    return Ok(Vec::new());
                }
                let ids: Vec<i64> = users.iter().map(|u| u.0).collect();
                let sql = format!(
                    "SELECT u.id, u.username, u.display_name, {} AS private, l.state, \
                     EXISTS (SELECT 1 FROM online_leases o \
                             WHERE o.user_id = u.id AND o.expires_ms > $3) AS online \
                     FROM users u \
                     LEFT JOIN listening l ON l.user_id = u.id \
                     WHERE u.id {} \
                     AND (CAST($2 AS BIGINT) IS NULL OR EXISTS \
                         (SELECT 1 FROM friendships f WHERE f.user_id = $2 AND f.friend_id = u.id))",
                    $crate::people::private_at("$3"),
                    $id_in
                );
                let rows: Vec<PresenceRow> = sqlx::query_as(&sql)
                    .bind(($ids)(&ids))
                    .bind(viewer.map(|v| v.0))
                    .bind(i64::try_from(now_ms).unwrap_or(i64::MAX))
                    .fetch_all(&self.pool)
                    .await
                    .map_err($map_err)?;
                // What each public friend is in the middle of; a state that
                // does not parse (an older format) counts as nothing playing.
                let states: Vec<(i64, ListeningState)> = rows
                    .iter()
                    .filter(|r| !r.private)
                    .filter_map(|r| {
                        let state = serde_json::from_str(r.state.as_deref()?).ok()?;
                        Some((r.id, state))
                    })
                    .collect();
                let track_ids: Vec<i64> = states.iter().map(|(_, s)| s.track_id.0).collect();
                let tracks = crate::catalog::tracks_by_ids(&self.pool, &track_ids).await?;
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
                            user: $crate::people::person(&row.username, &row.display_name)?,
                            online: row.online,
                            private: row.private,
                            now_playing,
                        })
                    })
                    .collect()
            }
        }

        /// Feed items of `rows`, in their order, with their tracks.
        pub(crate) async fn items(
            pool: &$pool,
            rows: &[FeedRow],
        ) -> StorageResult<Vec<FeedItem>> {
            let track_ids: Vec<i64> = rows.iter().filter_map(|r| r.track_id).collect();
            let tracks = crate::catalog::tracks_by_ids(pool, &track_ids).await?;
            rows.iter().map(|row| row.to_item(&tracks)).collect()
        }
    };
}
