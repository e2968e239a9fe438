//! Accounts, friendships, likes and profiles as both SQL backends store
//! and read them, written once: the rows and their mapping here, the
//! stores in [`crate::sql_people!`] (the same SQL on SQLite and
//! PostgreSQL, `$N` parameters). Times are Unix milliseconds from the
//! store's clock; "private right now" is [`private_at`] against a bound
//! time, never the database's clock.

use chorus_domain::{ActivityPrivacy, DisplayName, Me, PublicUser, Timestamp, UserId, Username};
use chorus_storage::{StorageError, StorageResult, StoredUser};

/// True when the `users` row is private at `now` (a placeholder, `$3`):
/// privacy set to private, or a private session that has not ended.
/// Columns are unqualified so the expression fits any query over `users`
/// (no other table has these column names).
pub fn private_at(now: &str) -> String {
    format!("(privacy = 'private' OR COALESCE(private_until_ms > {now}, FALSE))")
}

/// A listener as others see them, from the two columns.
pub fn person(username: &str, display_name: &str) -> StorageResult<PublicUser> {
    Ok(PublicUser {
        username: Username::parse(username).map_err(|_| bad_row("username"))?,
        display_name: DisplayName::parse(display_name).map_err(|_| bad_row("display name"))?,
    })
}

fn bad_row(what: &str) -> StorageError {
    StorageError::Backend(format!("invalid {what} in users table").into())
}

/// The columns of a [`UserRow`]; `now` is the placeholder of the time
/// the private session is compared with.
pub fn user_columns(now: &str) -> String {
    format!(
        "id, username, display_name, password_hash, privacy, created_ms, \
         CASE WHEN private_until_ms > {now} THEN private_until_ms END AS private_session_until"
    )
}

#[derive(sqlx::FromRow)]
pub struct UserRow {
    pub id: i64,
    username: String,
    display_name: String,
    password_hash: String,
    privacy: String,
    created_ms: i64,
    private_session_until: Option<i64>,
}

impl UserRow {
    pub fn into_domain(self) -> StorageResult<StoredUser> {
        let privacy =
            ActivityPrivacy::from_name(&self.privacy).ok_or_else(|| bad_row("privacy"))?;
        Ok(StoredUser {
            id: UserId(self.id),
            me: Me {
                username: Username::parse(&self.username).map_err(|_| bad_row("username"))?,
                display_name: DisplayName::parse(&self.display_name)
                    .map_err(|_| bad_row("display name"))?,
                privacy,
                created_at: Timestamp::from_ms_i64(self.created_ms).to_rfc3339(),
                private_session_until: self
                    .private_session_until
                    .map(|ms| Timestamp::from_ms_i64(ms).to_rfc3339()),
            },
            password_hash: self.password_hash,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct ProfileRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub privacy: String,
    pub created_ms: i64,
    pub friends_count: i64,
}

/// Implements [`chorus_storage::UserStore`] and
/// [`chorus_storage::SocialStore`] for `$store` (its pool in `pool`, its
/// clock in `clock`; `read_pool()` for reads that tolerate a replica's
/// lag). What differs between the engines is given:
///
/// - `id_in`/`ids`: "an id in this list" over `$1`, and what to bind;
/// - `by_name`: the order of a list of people, by display name ignoring
///   ASCII case, then username;
/// - `insertion`: the column that orders rows of one instant by insertion
///   (SQLite's `rowid`, PostgreSQL's `seq`);
/// - `put_document`: the search-document writer a sign-up calls.
#[macro_export]
macro_rules! sql_people {
    (
        store: $store:ty,
        map_err: $map_err:path,
        id_in: $id_in:expr,
        ids: $ids:expr,
        by_name: $by_name:literal,
        insertion: $insertion:literal,
        put_document: $put:path $(,)?
    ) => {
        use chorus_domain::{
            ActivityPrivacy, ArtistId, ArtistRef, DisplayName, FriendList, FriendSuggestion,
            LikedIds, Profile, PublicUser, Timestamp, TrackId, UserId, Username,
        };
        use chorus_storage::{SocialStore, StorageError, StorageResult, StoredUser, UserStore};
        use $crate::people::{person, user_columns, ProfileRow, UserRow};

        #[async_trait::async_trait]
        impl UserStore for $store {
            async fn create_user(
                &self,
                username: &Username,
                display_name: &DisplayName,
                password_hash: &str,
            ) -> StorageResult<StoredUser> {
                let sql = format!(
                    "INSERT INTO users (username, display_name, password_hash, created_ms) \
                     VALUES ($1, $2, $3, $4) RETURNING {}",
                    user_columns("$4")
                );
                let mut tx = self.pool.begin().await.map_err($map_err)?;
                // Two sign-ups racing for one name: the unique index
                // settles it, the second is a conflict.
                let row: UserRow = sqlx::query_as(&sql)
                    .bind(username.as_str())
                    .bind(display_name.as_str())
                    .bind(password_hash)
                    .bind(self.clock.now().as_ms_i64())
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(|e| match $map_err(e) {
                        StorageError::Conflict(_) => StorageError::Conflict("username taken".into()),
                        other => other,
                    })?;
                $put(&mut tx, "username", row.id, username.as_str()).await?;
                $put(&mut tx, "display_name", row.id, display_name.as_str()).await?;
                tx.commit().await.map_err($map_err)?;
                row.into_domain()
            }

            async fn user_by_username(
                &self,
                username: &Username,
            ) -> StorageResult<Option<StoredUser>> {
                let sql = format!("SELECT {} FROM users WHERE username = $1", user_columns("$2"));
                let row: Option<UserRow> = sqlx::query_as(&sql)
                    .bind(username.as_str())
                    .bind(self.clock.now().as_ms_i64())
                    .fetch_optional(&self.pool)
                    .await
                    .map_err($map_err)?;
                row.map(UserRow::into_domain).transpose()
            }

            async fn user_by_id(&self, id: UserId) -> StorageResult<Option<StoredUser>> {
                let sql = format!("SELECT {} FROM users WHERE id = $1", user_columns("$2"));
                let row: Option<UserRow> = sqlx::query_as(&sql)
                    .bind(id.0)
                    .bind(self.clock.now().as_ms_i64())
                    .fetch_optional(&self.pool)
                    .await
                    .map_err($map_err)?;
                row.map(UserRow::into_domain).transpose()
            }

            async fn set_password_hash(&self, id: UserId, hash: &str) -> StorageResult<()> {
                let sql = "UPDATE users SET password_hash = $2 WHERE id = $1";
                let done = sqlx::query(sql).bind(id.0).bind(hash).execute(&self.pool).await;
                $crate::people::updated(done.map_err($map_err)?.rows_affected())
            }

            async fn set_privacy(&self, id: UserId, privacy: ActivityPrivacy) -> StorageResult<()> {
                let sql = "UPDATE users SET privacy = $2 WHERE id = $1";
                let done = sqlx::query(sql)
                    .bind(id.0)
                    .bind(privacy.as_str())
                    .execute(&self.pool)
                    .await;
                $crate::people::updated(done.map_err($map_err)?.rows_affected())
            }

            async fn set_private_session(
                &self,
                id: UserId,
                until: Option<Timestamp>,
            ) -> StorageResult<()> {
                let sql = "UPDATE users SET private_until_ms = $2 WHERE id = $1";
                let done = sqlx::query(sql)
                    .bind(id.0)
                    .bind(until.map(Timestamp::as_ms_i64))
                    .execute(&self.pool)
                    .await;
                $crate::people::updated(done.map_err($map_err)?.rows_affected())
            }
        }

        #[async_trait::async_trait]
        impl SocialStore for $store {
            async fn friend_ids(&self, user: UserId) -> StorageResult<Vec<UserId>> {
                let ids: Vec<i64> =
                    sqlx::query_scalar("SELECT friend_id FROM friendships WHERE user_id = $1")
                        .bind(user.0)
                        .fetch_all(&self.pool)
                        .await
                        .map_err($map_err)?;
                Ok(ids.into_iter().map(UserId).collect())
            }

            async fn friends_of(&self, users: &[UserId]) -> StorageResult<Vec<(UserId, UserId)>> {
                if users.is_empty() {
                    return Ok(Vec::new());
                }
                let ids: Vec<i64> = users.iter().map(|u| u.0).collect();
                let sql = format!(
                    "SELECT user_id, friend_id FROM friendships WHERE user_id {}",
                    $id_in
                );
                let pairs: Vec<(i64, i64)> = sqlx::query_as(&sql)
                    .bind(($ids)(&ids))
                    .fetch_all(&self.pool)
                    .await
                    .map_err($map_err)?;
                Ok(pairs
                    .into_iter()
                    .map(|(user, friend)| (UserId(user), UserId(friend)))
                    .collect())
            }

            async fn friends(&self, user: UserId) -> StorageResult<FriendList> {
                let people = |sql: &'static str| async move {
                    let sql = format!("{sql} {}", $by_name);
                    let rows: Vec<(String, String)> = sqlx::query_as(&sql)
                        .bind(user.0)
                        .fetch_all(&self.pool)
                        .await
                        .map_err($map_err)?;
                    rows.iter()
                        .map(|(username, display_name)| person(username, display_name))
                        .collect::<StorageResult<Vec<PublicUser>>>()
                };
                Ok(FriendList {
                    friends: people(
                        "SELECT u.username, u.display_name FROM friendships f \
                         JOIN users u ON u.id = f.friend_id WHERE f.user_id = $1",
                    )
                    .await?,
                    incoming: people(
                        "SELECT u.username, u.display_name FROM friend_requests r \
                         JOIN users u ON u.id = r.from_id WHERE r.to_id = $1",
                    )
                    .await?,
                    outgoing: people(
                        "SELECT u.username, u.display_name FROM friend_requests r \
                         JOIN users u ON u.id = r.to_id WHERE r.from_id = $1",
                    )
                    .await?,
                })
            }

            async fn pending_requests(&self, user: UserId) -> StorageResult<u32> {
                let count: i64 =
                    sqlx::query_scalar("SELECT COUNT(*) FROM friend_requests WHERE to_id = $1")
                        .bind(user.0)
                        .fetch_one(&self.pool)
                        .await
                        .map_err($map_err)?;
                Ok(u32::try_from(count).unwrap_or(u32::MAX))
            }

            async fn liked_ids(&self, user: UserId) -> StorageResult<LikedIds> {
                let ids = |column: &'static str, table: &'static str| async move {
                    let sql = format!(
                        "SELECT {column} FROM {table} WHERE user_id = $1 \
                         ORDER BY created_ms DESC, {} DESC",
                        $insertion
                    );
                    sqlx::query_scalar::<_, i64>(&sql)
                        .bind(user.0)
                        .fetch_all(&self.pool)
                        .await
                        .map_err($map_err)
                };
                Ok(LikedIds {
                    tracks: ids("track_id", "track_likes")
                        .await?
                        .into_iter()
                        .map(TrackId)
                        .collect(),
                    artists: ids("artist_id", "artist_likes")
                        .await?
                        .into_iter()
                        .map(ArtistId)
                        .collect(),
                    albums: ids("album_id", "album_likes")
                        .await?
                        .into_iter()
                        .map(chorus_domain::AlbumId)
                        .collect(),
                })
            }

            async fn friend_suggestions(
                &self,
                user: UserId,
                limit: u32,
            ) -> StorageResult<Vec<FriendSuggestion>> {
                // Grouped by `u.id`, the key of `users`, so its other
                // columns may be selected on PostgreSQL too.
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
                .fetch_all(&self.pool)
                .await
                .map_err($map_err)?;
                rows.into_iter()
                    .map(|(username, display_name, shared)| {
                        Ok(FriendSuggestion {
                            user: person(&username, &display_name)?,
                            shared_friends: u32::try_from(shared).unwrap_or(u32::MAX),
                        })
                    })
                    .collect()
            }

            async fn profile(&self, username: &Username) -> StorageResult<Option<Profile>> {
                let pool = self.read_pool();
                let row: Option<ProfileRow> = sqlx::query_as(
                    "SELECT u.id, u.username, u.display_name, u.privacy, u.created_ms, \
                            (SELECT COUNT(*) FROM friendships f WHERE f.user_id = u.id) \
                            AS friends_count \
                     FROM users u WHERE u.username = $1",
                )
                .bind(username.as_str())
                .fetch_optional(pool)
                .await
                .map_err($map_err)?;
                let Some(row) = row else {
                    return Ok(None);
                };
                // Nothing while the listener is private; otherwise the
                // artists liked in public (a like made in private, by
                // setting or private session, stays private).
                let liked_artists = if row.privacy == ActivityPrivacy::Private.as_str() {
                    Vec::new()
                } else {
                    let sql = format!(
                        "SELECT ar.id, ar.name FROM artist_likes l \
                         JOIN artists ar ON ar.id = l.artist_id \
                         WHERE l.user_id = $1 AND NOT l.private \
                         ORDER BY l.created_ms DESC, l.{} DESC LIMIT $2",
                        $insertion
                    );
                    let rows: Vec<(i64, String)> = sqlx::query_as(&sql)
                        .bind(row.id)
                        .bind(i64::from(chorus_storage::PROFILE_LIKED_ARTISTS))
                        .fetch_all(pool)
                        .await
                        .map_err($map_err)?;
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
                    joined_at: Timestamp::from_ms_i64(row.created_ms).to_rfc3339(),
                }))
            }
        }
    };
}

/// `Ok` when an update changed a row, `NotFound` when there was none.
pub fn updated(rows: u64) -> StorageResult<()> {
    if rows == 0 {
        Err(StorageError::NotFound)
    } else {
        Ok(())
    }
}
