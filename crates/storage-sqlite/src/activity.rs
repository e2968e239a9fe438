//! [`ActivityStore`] for SQLite, and the feed rows every event listing
//! reads. Events are written by the unit of work (`unit_of_work.rs`).

use std::collections::HashMap;

use async_trait::async_trait;
use chorus_domain::{
    ActivityKind, ArtistId, ArtistRef, DisplayName, FeedItem, FeedPage, PublicUser, UserId,
    Username,
};
use chorus_storage::{ActivityStore, FriendPresence, SharedEvent, StorageError, StorageResult};
use sqlx::SqlitePool;

use crate::catalog::tracks_by_ids;
use crate::error::map_err;
use crate::SqliteStore;

fn backend(what: &str) -> StorageError {
    StorageError::Backend(format!("invalid {what} in activity").into())
}

#[async_trait]
impl ActivityStore for SqliteStore {
    async fn feed(
        &self,
        viewer: UserId,
        before: Option<i64>,
        limit: u32,
    ) -> StorageResult<FeedPage> {
        let filter = "(?2 IS NULL OR a.id < ?2) ORDER BY a.id DESC";
        let items = feed_items(self, viewer, filter, before, i64::from(limit) + 1).await?;
        Ok(page(items, limit))
    }

    async fn feed_after(
        &self,
        viewer: UserId,
        after: i64,
        limit: u32,
    ) -> StorageResult<Vec<FeedItem>> {
        feed_items(
            self,
            viewer,
            "a.id > ?2 ORDER BY a.id ASC",
            Some(after),
            i64::from(limit),
        )
        .await
    }

    async fn plays(
        &self,
        viewer: UserId,
        user: UserId,
        before: Option<i64>,
        limit: u32,
    ) -> StorageResult<FeedPage> {
        crate::plays::plays(&self.pool, viewer, user, before, limit).await
    }

    async fn friends_presence(
        &self,
        viewer: UserId,
        friends: &[UserId],
        now_ms: u64,
    ) -> StorageResult<Vec<FriendPresence>> {
        crate::presence::presence(&self.pool, Some(viewer), friends, now_ms).await
    }

    async fn shared_after(&self, after: i64, limit: u32) -> StorageResult<Vec<SharedEvent>> {
        let sql = format!(
            "SELECT {FEED_COLUMNS} FROM activity a {FEED_JOINS} \
             WHERE a.visibility = 'friends' AND a.id > ?1 ORDER BY a.id ASC LIMIT ?2"
        );
        let rows: Vec<FeedRow> = sqlx::query_as(&sql)
            .bind(after)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
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

    async fn presence(&self, users: &[UserId], now_ms: u64) -> StorageResult<Vec<FriendPresence>> {
        crate::presence::presence(&self.pool, None, users, now_ms).await
    }

    async fn latest_activity_id(&self) -> StorageResult<i64> {
        let (id,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(id), 0) FROM activity")
            .fetch_one(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(id)
    }
}

/// The columns of a [`FeedRow`] over `activity a` joined with [`FEED_JOINS`].
pub(crate) const FEED_COLUMNS: &str =
    "a.id, a.user_id, a.at, a.kind, a.track_id, a.artist_id, ar.name AS artist_name, \
     u.username, u.display_name, fu.username AS friend_username, \
     fu.display_name AS friend_display_name";

/// What a feed item names besides its event: its user, artist and friend.
pub(crate) const FEED_JOINS: &str = "JOIN users u ON u.id = a.user_id \
     LEFT JOIN artists ar ON ar.id = a.artist_id \
     LEFT JOIN users fu ON fu.id = a.friend_id";

/// Friends' visible events matching `filter` (on `a.id` against `?2`, with
/// its order), at most `limit`, with their tracks.
async fn feed_items(
    store: &SqliteStore,
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
         WHERE f.user_id = ?1 AND a.visibility = 'friends' AND {filter} LIMIT ?3"
    );
    let rows: Vec<FeedRow> = sqlx::query_as(&sql)
        .bind(viewer.0)
        .bind(cursor)
        .bind(limit)
        .fetch_all(&store.pool)
        .await
        .map_err(map_err)?;
    items(&store.pool, &rows).await
}

/// Feed items of `rows`, in their order, with their tracks.
pub(crate) async fn items(pool: &SqlitePool, rows: &[FeedRow]) -> StorageResult<Vec<FeedItem>> {
    let track_ids: Vec<i64> = rows.iter().filter_map(|r| r.track_id).collect();
    let tracks = tracks_by_ids(pool, &track_ids).await?;
    rows.iter().map(|row| row.to_item(&tracks)).collect()
}

/// A page of at most `limit` items from up to `limit + 1` rows read newest
/// first: the extra row only tells that there is a next page.
pub(crate) fn page(mut items: Vec<FeedItem>, limit: u32) -> FeedPage {
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
pub(crate) struct FeedRow {
    id: i64,
    user_id: i64,
    at: String,
    kind: String,
    track_id: Option<i64>,
    artist_id: Option<i64>,
    artist_name: Option<String>,
    username: String,
    display_name: String,
    friend_username: Option<String>,
    friend_display_name: Option<String>,
}

pub(crate) fn person(username: &str, display_name: &str) -> StorageResult<PublicUser> {
    Ok(PublicUser {
        username: Username::parse(username).map_err(|_| backend("username"))?,
        display_name: DisplayName::parse(display_name).map_err(|_| backend("display name"))?,
    })
}

impl FeedRow {
    fn to_item(&self, tracks: &HashMap<i64, chorus_domain::Track>) -> StorageResult<FeedItem> {
        let friend = match (&self.friend_username, &self.friend_display_name) {
            (Some(u), Some(d)) => Some(person(u, d)?),
            _ => None,
        };
        Ok(FeedItem {
            id: self.id,
            at: self.at.clone(),
            user: person(&self.username, &self.display_name)?,
            kind: ActivityKind::parse(&self.kind).ok_or_else(|| backend("kind"))?,
            track: self.track_id.and_then(|id| tracks.get(&id).cloned()),
            artist: match (self.artist_id, &self.artist_name) {
                (Some(id), Some(name)) => Some(ArtistRef {
                    id: ArtistId(id),
                    name: name.clone(),
                }),
                _ => None,
            },
            friend,
        })
    }
}
