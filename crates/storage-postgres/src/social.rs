//! [`SocialStore`] for PostgreSQL: friendships here; likes in `likes`,
//! profiles and suggestions in `profiles`.

use async_trait::async_trait;
use chorus_domain::{
    ActivityKind, ArtistId, FriendList, FriendSuggestion, Friendship, LikedIds, Profile,
    PublicUser, TrackId, UserId, Username,
};
use chorus_storage::{Recorded, SocialStore, StorageResult};
use sqlx::PgPool;

use crate::error::map_err;
use crate::feed::person;
use crate::record::{commit, insert, Target};
use crate::PostgresStore;

#[async_trait]
impl SocialStore for PostgresStore {
    async fn befriend(
        &self,
        from: UserId,
        to: UserId,
    ) -> StorageResult<(Friendship, Vec<Recorded>)> {
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        // Two listeners asking each other at once must end up friends: the
        // second has to see the first's request. Locking both users' rows
        // serializes every befriend between the two (whoever asks), and
        // as each statement of a READ COMMITTED transaction reads the
        // latest commits, the one that waited then sees the other's
        // request and accepts it. Locks are taken in id order, so two
        // such transactions never deadlock on them; `FOR NO KEY UPDATE`
        // does not block foreign-key checks of others' events about these
        // users (see `record.rs`). Simpler than SERIALIZABLE, which would
        // need a retry loop.
        let mut pair = [from.0, to.0];
        pair.sort_unstable();
        sqlx::query("SELECT id FROM users WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE")
            .bind(&pair[..])
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        let already: Option<i32> =
            sqlx::query_scalar("SELECT 1 FROM friendships WHERE user_id = $1 AND friend_id = $2")
                .bind(from.0)
                .bind(to.0)
                .fetch_optional(&mut *tx)
                .await
                .map_err(map_err)?;
        if already.is_some() {
            return Ok((Friendship::Friends, Vec::new()));
        }
        let accepted = sqlx::query("DELETE FROM friend_requests WHERE from_id = $1 AND to_id = $2")
            .bind(to.0)
            .bind(from.0)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?
            .rows_affected()
            > 0;
        let mut recorded = Vec::new();
        let state = if accepted {
            sqlx::query("INSERT INTO friendships (user_id, friend_id) VALUES ($1, $2), ($2, $1)")
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
            sqlx::query(
                "INSERT INTO friend_requests (from_id, to_id) VALUES ($1, $2) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(from.0)
            .bind(to.0)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
            Friendship::Requested
        };
        commit(tx, &self.pool, !recorded.is_empty()).await?;
        Ok((state, recorded))
    }

    async fn unfriend(&self, a: UserId, b: UserId) -> StorageResult<bool> {
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        let mut removed = 0;
        for sql in [
            "DELETE FROM friendships WHERE (user_id = $1 AND friend_id = $2) OR (user_id = $2 AND friend_id = $1)",
            "DELETE FROM friend_requests WHERE (from_id = $1 AND to_id = $2) OR (from_id = $2 AND to_id = $1)",
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
