//! [`ActivityStore`] for PostgreSQL: feeds and shared events here (every
//! read on the primary: live feeds must see an event as soon as it is
//! announced), reports in `unit_of_work`, plays in `plays`, presence in
//! `presence`. How events are written, and why they appear in id order,
//! is in `record.rs`.

use async_trait::async_trait;
use chorus_domain::{FeedItem, FeedPage, UserId};
use chorus_storage::{ActivityStore, FriendPresence, SharedEvent, StorageResult};

use crate::error::map_err;
use crate::feed::{items, page, FeedRow, FEED_COLUMNS, FEED_JOINS};
use crate::PostgresStore;

#[async_trait]
impl ActivityStore for PostgresStore {
    async fn feed(
        &self,
        viewer: UserId,
        before: Option<i64>,
        limit: u32,
    ) -> StorageResult<FeedPage> {
        let filter = "($2::BIGINT IS NULL OR a.id < $2) ORDER BY a.id DESC";
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
            "a.id > $2 ORDER BY a.id ASC",
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
             WHERE a.visibility = 'friends' AND a.id > $1 ORDER BY a.id ASC LIMIT $2"
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
        sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM activity")
            .fetch_one(&self.pool)
            .await
            .map_err(map_err)
    }
}

/// Friends' visible events matching `filter` (on `a.id` against `$2`, with
/// its order), at most `limit`, with their tracks.
async fn feed_items(
    store: &PostgresStore,
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
         WHERE f.user_id = $1 AND a.visibility = 'friends' AND {filter} LIMIT $3"
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
