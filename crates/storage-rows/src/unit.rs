//! The unit of work both SQL backends share ([`chorus_storage::UnitOfWork`]),
//! written once: its SQL is the same on SQLite and PostgreSQL (`$N`
//! parameters, `ON CONFLICT DO NOTHING`). Use [`crate::sql_unit_of_work!`]
//! on a backend's unit type, which holds its transaction in `tx` and the
//! time it writes at in `now` (a [`Timestamp`], from
//! [`chorus_storage::Transactions::begin`]), and supplies what differs
//! between the engines:
//!
//! - `LOCK_LISTENER`: SQL reading a listener's `privacy` and
//!   `private_until_ms` by id, locking them for the unit;
//! - `async fn before_record(&mut self) -> StorageResult<()>`, run before
//!   each event is inserted;
//! - `async fn finish(self) -> StorageResult<()>`, the commit.

use chorus_domain::{ActivityPrivacy, ListeningState, Privacy, Timestamp};
use chorus_storage::{LikeOf, StorageError, StorageResult};

/// Where likes of one kind are kept, and the id liked. Names are
/// constants, never input.
pub struct LikeRow {
    pub table: &'static str,
    pub column: &'static str,
    pub target_table: &'static str,
    pub target: i64,
}

impl From<LikeOf> for LikeRow {
    fn from(like: LikeOf) -> Self {
        match like {
            LikeOf::Track(id) => LikeRow {
                table: "track_likes",
                column: "track_id",
                target_table: "tracks",
                target: id.0,
            },
            LikeOf::Artist(id) => LikeRow {
                table: "artist_likes",
                column: "artist_id",
                target_table: "artists",
                target: id.0,
            },
            LikeOf::Album(id) => LikeRow {
                table: "album_likes",
                column: "album_id",
                target_table: "albums",
                target: id.0,
            },
        }
    }
}

/// A listener's privacy from its row (`privacy`, `private_until_ms`);
/// `NotFound` without one.
pub fn privacy(row: Option<(String, Option<i64>)>) -> StorageResult<Privacy> {
    let (privacy, until) = row.ok_or(StorageError::NotFound)?;
    Ok(Privacy {
        activity: ActivityPrivacy::from_name(&privacy)
            .ok_or_else(|| StorageError::Backend("invalid privacy in users".into()))?,
        private_until: until.map(Timestamp::from_ms_i64),
    })
}

/// A stored listening state (JSON); one that no longer parses counts as
/// none (the next report starts a new listen).
pub fn listening_state(json: Option<String>) -> Option<ListeningState> {
    json.and_then(|json| serde_json::from_str(&json).ok())
}

/// A listening state as stored.
pub fn listening_json(state: &ListeningState) -> StorageResult<String> {
    serde_json::to_string(state).map_err(|e| StorageError::Backend(Box::new(e)))
}

/// Implements [`chorus_storage::UnitOfWork`] for `$unit` (see the module
/// doc), mapping sqlx errors with `$map_err`.
#[macro_export]
macro_rules! sql_unit_of_work {
    ($unit:ty, $map_err:path) => {
        #[async_trait::async_trait]
        impl chorus_storage::UnitOfWork for $unit {
            async fn lock_listener(
                &mut self,
                user: chorus_domain::UserId,
            ) -> chorus_storage::StorageResult<chorus_domain::Privacy> {
                let row: Option<(String, Option<i64>)> = sqlx::query_as(Self::LOCK_LISTENER)
                    .bind(user.0)
                    .fetch_optional(&mut *self.tx)
                    .await
                    .map_err($map_err)?;
                $crate::unit::privacy(row)
            }

            async fn track_length_ms(
                &mut self,
                track: chorus_domain::TrackId,
            ) -> chorus_storage::StorageResult<Option<u64>> {
                let length: Option<i64> =
                    sqlx::query_scalar("SELECT duration_ms FROM tracks WHERE id = $1")
                        .bind(track.0)
                        .fetch_optional(&mut *self.tx)
                        .await
                        .map_err($map_err)?;
                Ok(length.map(|ms| u64::try_from(ms).unwrap_or(0)))
            }

            async fn like_target_exists(
                &mut self,
                like: chorus_storage::LikeOf,
            ) -> chorus_storage::StorageResult<bool> {
                let row = $crate::unit::LikeRow::from(like);
                let sql = format!("SELECT 1 FROM {} WHERE id = $1", row.target_table);
                let found: Option<i32> = sqlx::query_scalar(&sql)
                    .bind(row.target)
                    .fetch_optional(&mut *self.tx)
                    .await
                    .map_err($map_err)?;
                Ok(found.is_some())
            }

            async fn listening_state(
                &mut self,
                user: chorus_domain::UserId,
            ) -> chorus_storage::StorageResult<Option<chorus_domain::ListeningState>> {
                let json: Option<String> =
                    sqlx::query_scalar("SELECT state FROM listening WHERE user_id = $1")
                        .bind(user.0)
                        .fetch_optional(&mut *self.tx)
                        .await
                        .map_err($map_err)?;
                Ok($crate::unit::listening_state(json))
            }

            async fn save_listening_state(
                &mut self,
                user: chorus_domain::UserId,
                state: &chorus_domain::ListeningState,
            ) -> chorus_storage::StorageResult<()> {
                sqlx::query(
                    "INSERT INTO listening (user_id, state) VALUES ($1, $2) \
                     ON CONFLICT (user_id) DO UPDATE SET state = EXCLUDED.state",
                )
                .bind(user.0)
                .bind($crate::unit::listening_json(state)?)
                .execute(&mut *self.tx)
                .await
                .map_err($map_err)?;
                Ok(())
            }

            async fn add_like(
                &mut self,
                user: chorus_domain::UserId,
                like: chorus_storage::LikeOf,
                private: bool,
            ) -> chorus_storage::StorageResult<bool> {
                let row = $crate::unit::LikeRow::from(like);
                let sql = format!(
                    "INSERT INTO {} (user_id, {}, private, created_ms) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT DO NOTHING",
                    row.table, row.column
                );
                let done = sqlx::query(&sql)
                    .bind(user.0)
                    .bind(row.target)
                    .bind(private)
                    .bind(self.now.as_ms_i64())
                    .execute(&mut *self.tx)
                    .await
                    .map_err($map_err)?;
                Ok(done.rows_affected() > 0)
            }

            async fn remove_like(
                &mut self,
                user: chorus_domain::UserId,
                like: chorus_storage::LikeOf,
            ) -> chorus_storage::StorageResult<bool> {
                let row = $crate::unit::LikeRow::from(like);
                let sql = format!(
                    "DELETE FROM {} WHERE user_id = $1 AND {} = $2",
                    row.table, row.column
                );
                let done = sqlx::query(&sql)
                    .bind(user.0)
                    .bind(row.target)
                    .execute(&mut *self.tx)
                    .await
                    .map_err($map_err)?;
                Ok(done.rows_affected() > 0)
            }

            async fn are_friends(
                &mut self,
                user: chorus_domain::UserId,
                friend: chorus_domain::UserId,
            ) -> chorus_storage::StorageResult<bool> {
                let found: Option<i32> = sqlx::query_scalar(
                    "SELECT 1 FROM friendships WHERE user_id = $1 AND friend_id = $2",
                )
                .bind(user.0)
                .bind(friend.0)
                .fetch_optional(&mut *self.tx)
                .await
                .map_err($map_err)?;
                Ok(found.is_some())
            }

            async fn take_request(
                &mut self,
                from: chorus_domain::UserId,
                to: chorus_domain::UserId,
            ) -> chorus_storage::StorageResult<bool> {
                let sql = "DELETE FROM friend_requests WHERE from_id = $1 AND to_id = $2";
                Ok(self.pair(sql, from, to, false).await? > 0)
            }

            async fn add_request(
                &mut self,
                from: chorus_domain::UserId,
                to: chorus_domain::UserId,
            ) -> chorus_storage::StorageResult<bool> {
                let sql = "INSERT INTO friend_requests (from_id, to_id, created_ms) \
                           VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
                Ok(self.pair(sql, from, to, true).await? > 0)
            }

            async fn add_friendship(
                &mut self,
                a: chorus_domain::UserId,
                b: chorus_domain::UserId,
            ) -> chorus_storage::StorageResult<()> {
                let sql = "INSERT INTO friendships (user_id, friend_id, since_ms) \
                           VALUES ($1, $2, $3), ($2, $1, $3)";
                self.pair(sql, a, b, true).await.map(drop)
            }

            async fn remove_friendship(
                &mut self,
                a: chorus_domain::UserId,
                b: chorus_domain::UserId,
            ) -> chorus_storage::StorageResult<bool> {
                let mut removed = 0;
                for sql in [
                    "DELETE FROM friendships WHERE (user_id = $1 AND friend_id = $2) \
                     OR (user_id = $2 AND friend_id = $1)",
                    "DELETE FROM friend_requests WHERE (from_id = $1 AND to_id = $2) \
                     OR (from_id = $2 AND to_id = $1)",
                ] {
                    removed += self.pair(sql, a, b, false).await?;
                }
                Ok(removed > 0)
            }

            async fn notify(
                &mut self,
                notification: &chorus_storage::NewNotification,
            ) -> chorus_storage::StorageResult<chorus_domain::NotificationId> {
                let query = sqlx::query_scalar($crate::notifications::INSERT);
                let id: i64 =
                    $crate::bind_notification!(query, notification, self.now.as_ms_i64())
                        .fetch_one(&mut *self.tx)
                        .await
                        .map_err($map_err)?;
                Ok(chorus_domain::NotificationId(id))
            }

            async fn last_event_at(
                &mut self,
                user: chorus_domain::UserId,
                kind: chorus_domain::ActivityKind,
                playlist: chorus_domain::PlaylistId,
            ) -> chorus_storage::StorageResult<Option<chorus_domain::Timestamp>> {
                let at: Option<i64> = sqlx::query_scalar(
                    "SELECT MAX(at_ms) FROM activity \
                     WHERE playlist_id = $1 AND user_id = $2 AND kind = $3",
                )
                .bind(playlist.0)
                .bind(user.0)
                .bind(kind.as_str())
                .fetch_one(&mut *self.tx)
                .await
                .map_err($map_err)?;
                Ok(at.map(chorus_domain::Timestamp::from_ms_i64))
            }

            async fn record(
                &mut self,
                event: chorus_storage::NewEvent,
            ) -> chorus_storage::StorageResult<chorus_storage::Recorded> {
                self.before_record().await?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO activity \
                     (user_id, kind, track_id, artist_id, friend_id, visibility, at_ms, playlist_id) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                )
                .bind(event.user.0)
                .bind(event.kind.as_str())
                .bind(event.target.track.map(|t| t.0))
                .bind(event.target.artist.map(|a| a.0))
                .bind(event.target.friend.map(|f| f.0))
                .bind(event.visibility.as_str())
                .bind(self.now.as_ms_i64())
                .bind(event.target.playlist.map(|p| p.0))
                .fetch_one(&mut *self.tx)
                .await
                .map_err($map_err)?;
                Ok(chorus_storage::Recorded {
                    id,
                    user: event.user,
                    kind: event.kind,
                })
            }

            async fn commit(self: Box<Self>) -> chorus_storage::StorageResult<()> {
                (*self).finish().await
            }
        }

        impl $unit {
            /// Runs `sql` on the pair `($1, $2)`, with the unit's time as
            /// `$3` when `timed`; the rows it changed.
            async fn pair(
                &mut self,
                sql: &str,
                a: chorus_domain::UserId,
                b: chorus_domain::UserId,
                timed: bool,
            ) -> chorus_storage::StorageResult<u64> {
                let mut query = sqlx::query(sql).bind(a.0).bind(b.0);
                if timed {
                    query = query.bind(self.now.as_ms_i64());
                }
                let done = query
                    .execute(&mut *self.tx)
                    .await
                    .map_err($map_err)?;
                Ok(done.rows_affected())
            }
        }
    };
}
