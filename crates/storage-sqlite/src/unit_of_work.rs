//! [`Transactions`] for SQLite: each unit is a `BEGIN IMMEDIATE`
//! transaction, so it holds the database's write lock from its start and
//! units run one after the other (what `lock_listener` asks for).

use async_trait::async_trait;
use chorus_domain::{ActivityPrivacy, ListeningState, Privacy, Timestamp, TrackId, UserId};
use chorus_storage::{
    LikeOf, NewEvent, Recorded, StorageError, StorageResult, Transactions, UnitOfWork,
};
use sqlx::{Sqlite, Transaction};

use crate::error::map_err;
use crate::likes::LikeRow;
use crate::SqliteStore;

struct SqliteUnit {
    tx: Transaction<'static, Sqlite>,
}

#[async_trait]
impl Transactions for SqliteStore {
    async fn begin(&self) -> StorageResult<Box<dyn UnitOfWork>> {
        let tx = self
            .pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(map_err)?;
        Ok(Box::new(SqliteUnit { tx }))
    }
}

impl SqliteUnit {
    /// Runs `sql` on the pair `(?1, ?2)`; the rows it changed.
    async fn pair(&mut self, sql: &str, a: UserId, b: UserId) -> StorageResult<u64> {
        let done = sqlx::query(sql)
            .bind(a.0)
            .bind(b.0)
            .execute(&mut *self.tx)
            .await
            .map_err(map_err)?;
        Ok(done.rows_affected())
    }
}

fn bad(what: &str) -> StorageError {
    StorageError::Backend(format!("invalid {what}").into())
}

#[async_trait]
impl UnitOfWork for SqliteUnit {
    async fn lock_listener(&mut self, user: UserId) -> StorageResult<Privacy> {
        let sql = concat!(
            "SELECT privacy, ",
            ms_of!("private_until"),
            " FROM users WHERE id = ?1"
        );
        let row: Option<(String, Option<i64>)> = sqlx::query_as(sql)
            .bind(user.0)
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(map_err)?;
        let (privacy, until) = row.ok_or(StorageError::NotFound)?;
        Ok(Privacy {
            activity: ActivityPrivacy::from_name(&privacy).ok_or_else(|| bad("privacy"))?,
            private_until: until.map(Timestamp::from_ms_i64),
        })
    }

    async fn track_length_ms(&mut self, track: TrackId) -> StorageResult<Option<u64>> {
        let length: Option<i64> =
            sqlx::query_scalar("SELECT duration_ms FROM tracks WHERE id = ?1")
                .bind(track.0)
                .fetch_optional(&mut *self.tx)
                .await
                .map_err(map_err)?;
        Ok(length.map(|ms| u64::try_from(ms).unwrap_or(0)))
    }

    async fn like_target_exists(&mut self, like: LikeOf) -> StorageResult<bool> {
        let row = LikeRow::from(like);
        let sql = format!("SELECT 1 FROM {} WHERE id = ?1", row.target_table);
        let found: Option<i64> = sqlx::query_scalar(&sql)
            .bind(row.target)
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(map_err)?;
        Ok(found.is_some())
    }

    async fn listening_state(&mut self, user: UserId) -> StorageResult<Option<ListeningState>> {
        let json: Option<String> =
            sqlx::query_scalar("SELECT state FROM listening WHERE user_id = ?1")
                .bind(user.0)
                .fetch_optional(&mut *self.tx)
                .await
                .map_err(map_err)?;
        Ok(json.and_then(|json| serde_json::from_str(&json).ok()))
    }

    async fn save_listening_state(
        &mut self,
        user: UserId,
        state: &ListeningState,
    ) -> StorageResult<()> {
        let json = serde_json::to_string(state).map_err(|e| StorageError::Backend(Box::new(e)))?;
        sqlx::query(
            "INSERT INTO listening (user_id, state) VALUES (?1, ?2) \
             ON CONFLICT (user_id) DO UPDATE SET state = excluded.state",
        )
        .bind(user.0)
        .bind(json)
        .execute(&mut *self.tx)
        .await
        .map_err(map_err)?;
        Ok(())
    }

    async fn add_like(&mut self, user: UserId, like: LikeOf, private: bool) -> StorageResult<bool> {
        let row = LikeRow::from(like);
        let sql = format!(
            "INSERT OR IGNORE INTO {} (user_id, {}, private) VALUES (?1, ?2, ?3)",
            row.table, row.column
        );
        let done = sqlx::query(&sql)
            .bind(user.0)
            .bind(row.target)
            .bind(private)
            .execute(&mut *self.tx)
            .await
            .map_err(map_err)?;
        Ok(done.rows_affected() > 0)
    }

    async fn remove_like(&mut self, user: UserId, like: LikeOf) -> StorageResult<bool> {
        let row = LikeRow::from(like);
        let sql = format!(
            "DELETE FROM {} WHERE user_id = ?1 AND {} = ?2",
            row.table, row.column
        );
        let done = sqlx::query(&sql)
            .bind(user.0)
            .bind(row.target)
            .execute(&mut *self.tx)
            .await
            .map_err(map_err)?;
        Ok(done.rows_affected() > 0)
    }

    async fn are_friends(&mut self, user: UserId, friend: UserId) -> StorageResult<bool> {
        let found: Option<i32> =
            sqlx::query_scalar("SELECT 1 FROM friendships WHERE user_id = ?1 AND friend_id = ?2")
                .bind(user.0)
                .bind(friend.0)
                .fetch_optional(&mut *self.tx)
                .await
                .map_err(map_err)?;
        Ok(found.is_some())
    }

    async fn take_request(&mut self, from: UserId, to: UserId) -> StorageResult<bool> {
        let sql = "DELETE FROM friend_requests WHERE from_id = ?1 AND to_id = ?2";
        self.pair(sql, from, to).await.map(|n| n > 0)
    }

    async fn add_request(&mut self, from: UserId, to: UserId) -> StorageResult<()> {
        let sql = "INSERT OR IGNORE INTO friend_requests (from_id, to_id) VALUES (?1, ?2)";
        self.pair(sql, from, to).await.map(drop)
    }

    async fn add_friendship(&mut self, a: UserId, b: UserId) -> StorageResult<()> {
        let sql = "INSERT INTO friendships (user_id, friend_id) VALUES (?1, ?2), (?2, ?1)";
        self.pair(sql, a, b).await.map(drop)
    }

    async fn remove_friendship(&mut self, a: UserId, b: UserId) -> StorageResult<bool> {
        let mut removed = 0;
        for sql in [
            "DELETE FROM friendships WHERE (user_id = ?1 AND friend_id = ?2) OR (user_id = ?2 AND friend_id = ?1)",
            "DELETE FROM friend_requests WHERE (from_id = ?1 AND to_id = ?2) OR (from_id = ?2 AND to_id = ?1)",
        ] {
            removed += self.pair(sql, a, b).await?;
        }
        Ok(removed > 0)
    }

    async fn record(&mut self, event: NewEvent) -> StorageResult<Recorded> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO activity (user_id, kind, track_id, artist_id, friend_id, visibility) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
        )
        .bind(event.user.0)
        .bind(event.kind.as_str())
        .bind(event.target.track.map(|t| t.0))
        .bind(event.target.artist.map(|a| a.0))
        .bind(event.target.friend.map(|f| f.0))
        .bind(event.visibility.as_str())
        .fetch_one(&mut *self.tx)
        .await
        .map_err(map_err)?;
        Ok(Recorded {
            id,
            user: event.user,
            kind: event.kind,
        })
    }

    async fn commit(self: Box<Self>) -> StorageResult<()> {
        self.tx.commit().await.map_err(map_err)
    }
}
