//! [`SocialStore`] for SQLite: friendships here; likes in `likes`,
//! profiles and suggestions in `profiles`.

use async_trait::async_trait;
use chorus_domain::{
    ActivityKind, ArtistId, DisplayName, FriendList, FriendSuggestion, Friendship, LikedIds,
    Profile, PublicUser, TrackId, UserId, Username,
};
use chorus_storage::{Recorded, SocialStore, StorageError, StorageResult};
use sqlx::SqlitePool;

use crate::activity::{insert, Target};
use crate::error::map_err;
use crate::SqliteStore;

#[async_trait]
impl SocialStore for SqliteStore {
    async fn befriend(
        &self,
        from: UserId,
        to: UserId,
    ) -> StorageResult<(Friendship, Vec<Recorded>)> {
        // IMMEDIATE: two listeners asking each other at once are serialized,
        // so the second sees the first's request and accepts it.
        let mut tx = self
            .pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(map_err)?;
        let already: Option<(i64,)> =
            sqlx::query_as("SELECT 1 FROM friendships WHERE user_id = ?1 AND friend_id = ?2")
                .bind(from.0)
                .bind(to.0)
                .fetch_optional(&mut *tx)
                .await
                .map_err(map_err)?;
        if already.is_some() {
            return Ok((Friendship::Friends, Vec::new()));
        }
        let accepted = sqlx::query("DELETE FROM friend_requests WHERE from_id = ?1 AND to_id = ?2")
            .bind(to.0)
            .bind(from.0)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?
            .rows_affected()
            > 0;
        let mut recorded = Vec::new();
        let state = if accepted {
            sqlx::query("INSERT INTO friendships (user_id, friend_id) VALUES (?1, ?2), (?2, ?1)")
                .bind(from.0)
                .bind(to.0)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            for (user, friend) in [(from, to), (to, from)] {
                let target = Target {
                    friend: Some(friend),
                    ..Target::default()
                };
                recorded.push(insert(&mut tx, user, ActivityKind::Friended, target).await?);
            }
            Friendship::Friends
        } else {
            sqlx::query("INSERT OR IGNORE INTO friend_requests (from_id, to_id) VALUES (?1, ?2)")
                .bind(from.0)
                .bind(to.0)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            Friendship::Requested
        };
        tx.commit().await.map_err(map_err)?;
        Ok((state, recorded))
    }

    async fn unfriend(&self, a: UserId, b: UserId) -> StorageResult<bool> {
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        let mut removed = 0;
        for sql in [
            "DELETE FROM friendships WHERE (user_id = ?1 AND friend_id = ?2) OR (user_id = ?2 AND friend_id = ?1)",
            "DELETE FROM friend_requests WHERE (from_id = ?1 AND to_id = ?2) OR (from_id = ?2 AND to_id = ?1)",
        ] {
            removed += sqlx::query(sql)
                .bind(a.0)
                .bind(b.0)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?
                .rows_affected();
        }
        tx.commit().await.map_err(map_err)?;
        Ok(removed > 0)
    }

    async fn friend_ids(&self, user: UserId) -> StorageResult<Vec<UserId>> {
        let ids: Vec<(i64,)> =
            sqlx::query_as("SELECT friend_id FROM friendships WHERE user_id = ?1")
                .bind(user.0)
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
        Ok(ids.into_iter().map(|(id,)| UserId(id)).collect())
    }

    async fn friends_of(&self, users: &[UserId]) -> StorageResult<Vec<(UserId, UserId)>> {
        if users.is_empty() {
            return Ok(Vec::new());
        }
        let ids = crate::id_list::id_list(users.iter().map(|u| u.0));
        let pairs: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT user_id, friend_id FROM friendships \
             WHERE user_id IN (SELECT value FROM json_each(?1))",
        )
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
                 JOIN users u ON u.id = f.friend_id WHERE f.user_id = ?1",
                user,
            )
            .await?,
            incoming: people(
                &self.pool,
                "SELECT u.username, u.display_name FROM friend_requests r \
                 JOIN users u ON u.id = r.from_id WHERE r.to_id = ?1",
                user,
            )
            .await?,
            outgoing: people(
                &self.pool,
                "SELECT u.username, u.display_name FROM friend_requests r \
                 JOIN users u ON u.id = r.to_id WHERE r.from_id = ?1",
                user,
            )
            .await?,
        })
    }

    async fn set_track_like(
        &self,
        user: UserId,
        track: TrackId,
        liked: bool,
    ) -> StorageResult<Option<Recorded>> {
        crate::likes::set_track_like(&self.pool, user, track, liked).await
    }

    async fn set_artist_like(
        &self,
        user: UserId,
        artist: ArtistId,
        liked: bool,
    ) -> StorageResult<Option<Recorded>> {
        crate::likes::set_artist_like(&self.pool, user, artist, liked).await
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
        crate::profiles::profile(&self.pool, username).await
    }
}

/// Users selected by `sql` (username, display_name; `?1` = user), by display name.
async fn people(pool: &SqlitePool, sql: &str, user: UserId) -> StorageResult<Vec<PublicUser>> {
    let sql = format!("{sql} ORDER BY u.display_name COLLATE NOCASE, u.username");
    let rows: Vec<(String, String)> = sqlx::query_as(&sql)
        .bind(user.0)
        .fetch_all(pool)
        .await
        .map_err(map_err)?;
    rows.into_iter()
        .map(|(username, display_name)| {
            let bad = || StorageError::Backend("invalid user row".into());
            Ok(PublicUser {
                username: Username::parse(&username).map_err(|_| bad())?,
                display_name: DisplayName::parse(&display_name).map_err(|_| bad())?,
            })
        })
        .collect()
}
