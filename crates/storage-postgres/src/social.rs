//! [`SocialStore`] for PostgreSQL: friendships here; likes in `likes`,
//! profiles and suggestions in `profiles`.

use async_trait::async_trait;
use chorus_domain::{
    FriendList, FriendSuggestion, LikedIds, Profile, PublicUser, UserId, Username,
};
use chorus_storage::{SocialStore, StorageResult};
use sqlx::PgPool;

use crate::error::map_err;
use crate::feed::person;
use crate::PostgresStore;

#[async_trait]
impl SocialStore for PostgresStore {
    async fn friend_ids(&self, user: UserId) -> StorageResult<Vec<UserId>> {
        let ids: Vec<i64> =
            sqlx::query_scalar("SELECT friend_id FROM friendships WHERE user_id = $1")
                .bind(user.0)
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
        Ok(ids.into_iter().map(UserId).collect())
    }

    async fn friends_of(&self, users: &[UserId]) -> StorageResult<Vec<(UserId, UserId)>> {
        if users.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<i64> = users.iter().map(|u| u.0).collect();
        let pairs: Vec<(i64, i64)> =
            sqlx::query_as("SELECT user_id, friend_id FROM friendships WHERE user_id = ANY($1)")
                .bind(ids)
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
        Ok(pairs
            .into_iter()
            .map(|(user, friend)| (UserId(user), UserId(friend)))
            .collect())
    }

    async fn friends(&self, user: UserId) -> StorageResult<FriendList> {
        Ok(FriendList {
            friends: people(
                &self.pool,
                "SELECT u.username, u.display_name FROM friendships f \
                 JOIN users u ON u.id = f.friend_id WHERE f.user_id = $1",
                user,
            )
            .await?,
            incoming: people(
                &self.pool,
                "SELECT u.username, u.display_name FROM friend_requests r \
                 JOIN users u ON u.id = r.from_id WHERE r.to_id = $1",
                user,
            )
            .await?,
            outgoing: people(
                &self.pool,
                "SELECT u.username, u.display_name FROM friend_requests r \
                 JOIN users u ON u.id = r.to_id WHERE r.from_id = $1",
                user,
            )
            .await?,
        })
    }

    async fn liked_ids(&self, user: UserId) -> StorageResult<LikedIds> {
        crate::likes::liked_ids(&self.pool, user).await
    }

    async fn friend_suggestions(
        &self,
        user: UserId,
        limit: u32,
    ) -> StorageResult<Vec<FriendSuggestion>> {
        crate::profiles::friend_suggestions(&self.pool, user, limit).await
    }

    async fn profile(&self, username: &Username) -> StorageResult<Option<Profile>> {
        crate::profiles::profile(self.read_pool(), username).await
    }
}

/// Users selected by `sql` (username, display_name; `$1` = user), by
/// display name. The columns are `COLLATE "C"`, so `lower` folds ASCII
/// letters only and the order is by bytes: SQLite's `COLLATE NOCASE`.
async fn people(pool: &PgPool, sql: &str, user: UserId) -> StorageResult<Vec<PublicUser>> {
    let sql = format!("{sql} ORDER BY lower(u.display_name), u.username");
    let rows: Vec<(String, String)> = sqlx::query_as(&sql)
        .bind(user.0)
        .fetch_all(pool)
        .await
        .map_err(map_err)?;
    rows.into_iter()
        .map(|(username, display_name)| person(&username, &display_name))
        .collect()
}
