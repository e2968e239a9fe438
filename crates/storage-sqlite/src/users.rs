//! [`UserStore`] for SQLite. A sign-up writes the listener's search
//! documents (username, display name) with the account.

use async_trait::async_trait;
use chorus_domain::{ActivityPrivacy, DisplayName, Me, Timestamp, UserId, Username};
use chorus_storage::{StorageError, StorageResult, StoredUser, UserStore};

use crate::error::map_err;
use crate::privacy::PRIVATE_SESSION_UNTIL;
use crate::search_documents;
use crate::time::stored_time;
use crate::SqliteStore;

/// The columns of a [`UserRow`].
fn user_columns() -> String {
    format!(
        "id, username, display_name, password_hash, privacy, created_at, \
         {PRIVATE_SESSION_UNTIL} AS private_session_until"
    )
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    username: String,
    display_name: String,
    password_hash: String,
    privacy: String,
    created_at: String,
    private_session_until: Option<String>,
}

fn bad_row(what: &str) -> StorageError {
    StorageError::Backend(format!("invalid {what} in users table").into())
}

impl UserRow {
    fn into_domain(self) -> StorageResult<StoredUser> {
        let privacy =
            ActivityPrivacy::from_name(&self.privacy).ok_or_else(|| bad_row("privacy"))?;
        Ok(StoredUser {
            id: UserId(self.id),
            me: Me {
                username: Username::parse(&self.username).map_err(|_| bad_row("username"))?,
                display_name: DisplayName::parse(&self.display_name)
                    .map_err(|_| bad_row("display name"))?,
                privacy,
                created_at: self.created_at,
                private_session_until: self.private_session_until,
            },
            password_hash: self.password_hash,
        })
    }
}

#[async_trait]
impl UserStore for SqliteStore {
    async fn create_user(
        &self,
        username: &Username,
        display_name: &DisplayName,
        password_hash: &str,
    ) -> StorageResult<StoredUser> {
        let sql = format!(
            "INSERT INTO users (username, display_name, password_hash) VALUES (?1, ?2, ?3) RETURNING {}",
            user_columns()
        );
        // The insert is the transaction's first statement: it takes the
        // write lock itself, no read to upgrade.
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        let row: UserRow = sqlx::query_as(&sql)
            .bind(username.as_str())
            .bind(display_name.as_str())
            .bind(password_hash)
            .fetch_one(&mut *tx)
            .await
            .map_err(|e| match map_err(e) {
                StorageError::Conflict(_) => StorageError::Conflict("username taken".into()),
                other => other,
            })?;
        search_documents::put(&mut tx, "username", row.id, username.as_str()).await?;
        search_documents::put(&mut tx, "display_name", row.id, display_name.as_str()).await?;
        tx.commit().await.map_err(map_err)?;
        row.into_domain()
    }

    async fn user_by_username(&self, username: &Username) -> StorageResult<Option<StoredUser>> {
        let sql = format!("SELECT {} FROM users WHERE username = ?1", user_columns());
        let row: Option<UserRow> = sqlx::query_as(&sql)
            .bind(username.as_str())
            .fetch_optional(&self.pool)
            .await
            .map_err(map_err)?;
        row.map(UserRow::into_domain).transpose()
    }

    async fn user_by_id(&self, id: UserId) -> StorageResult<Option<StoredUser>> {
        let sql = format!("SELECT {} FROM users WHERE id = ?1", user_columns());
        let row: Option<UserRow> = sqlx::query_as(&sql)
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(map_err)?;
        row.map(UserRow::into_domain).transpose()
    }

    async fn set_password_hash(&self, id: UserId, password_hash: &str) -> StorageResult<()> {
        update_user(
            &self.pool,
            "UPDATE users SET password_hash = ?2 WHERE id = ?1",
            id,
            password_hash,
        )
        .await
    }

    async fn set_privacy(&self, id: UserId, privacy: ActivityPrivacy) -> StorageResult<()> {
        update_user(
            &self.pool,
            "UPDATE users SET privacy = ?2 WHERE id = ?1",
            id,
            privacy.as_str(),
        )
        .await
    }

    async fn set_private_session(&self, id: UserId, until: Option<Timestamp>) -> StorageResult<()> {
        let until = until.map(|u| stored_time(u.as_ms_i64()));
        let done = sqlx::query("UPDATE users SET private_until = ?2 WHERE id = ?1")
            .bind(id.0)
            .bind(until)
            .execute(&self.pool)
            .await
            .map_err(map_err)?;
        if done.rows_affected() == 0 {
            return Err(StorageError::NotFound);
        }
        Ok(())
    }
}

/// Runs a one-column update of user `id`; `NotFound` when there is no such user.
async fn update_user(
    pool: &sqlx::SqlitePool,
    sql: &str,
    id: UserId,
    value: &str,
) -> StorageResult<()> {
    let done = sqlx::query(sql)
        .bind(id.0)
        .bind(value)
        .execute(pool)
        .await
        .map_err(map_err)?;
    if done.rows_affected() == 0 {
        return Err(StorageError::NotFound);
    }
    Ok(())
}
