//! Now-playing reports: the listener's state read, advanced by
//! [`ListeningState::apply`] and written back with the events it causes,
//! in one transaction.
//!
//! Concurrent reports of one listener must not both start from the same
//! state (both would record the same pause, or the same play), so the
//! transaction first locks the listener's `users` row: reports of one
//! listener queue there, as SQLite's write lock queues them, and each
//! reads the state its predecessor wrote. The user row rather than the
//! `listening` row, which does not exist before the first report. `FOR NO
//! KEY UPDATE`, not `FOR UPDATE`: it must not block the foreign-key checks
//! of other transactions' events about this listener (see `record.rs`).

use chorus_domain::{ListenReport, ListeningState, UserId};
use chorus_storage::{Recorded, StorageError, StorageResult};
use sqlx::PgPool;

use crate::error::map_err;
use crate::record::{commit, insert, Target};

pub(crate) async fn report_listening(
    pool: &PgPool,
    user: UserId,
    report: ListenReport,
    now_ms: u64,
) -> StorageResult<Vec<Recorded>> {
    let mut tx = pool.begin().await.map_err(map_err)?;
    let duration: Option<i64> = sqlx::query_scalar("SELECT duration_ms FROM tracks WHERE id = $1")
        .bind(report.track_id.0)
        .fetch_optional(&mut *tx)
        .await
        .map_err(map_err)?;
    let track_ms = duration.ok_or(StorageError::NotFound)?;
    // An unknown user locks nothing; the listening insert below then
    // fails on its foreign key, as in SQLite.
    sqlx::query("SELECT 1 FROM users WHERE id = $1 FOR NO KEY UPDATE")
        .bind(user.0)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
    let previous: Option<String> =
        sqlx::query_scalar("SELECT state FROM listening WHERE user_id = $1")
            .bind(user.0)
            .fetch_optional(&mut *tx)
            .await
            .map_err(map_err)?;
    let previous: Option<ListeningState> =
        previous.and_then(|json| serde_json::from_str(&json).ok());
    let (state, kinds) = ListeningState::apply(
        previous.as_ref(),
        report,
        now_ms,
        u64::try_from(track_ms).unwrap_or(0),
    );
    let json = serde_json::to_string(&state).map_err(|e| StorageError::Backend(Box::new(e)))?;
    sqlx::query(
        "INSERT INTO listening (user_id, state) VALUES ($1, $2) \
         ON CONFLICT (user_id) DO UPDATE SET state = EXCLUDED.state",
    )
    .bind(user.0)
    .bind(json)
    .execute(&mut *tx)
    .await
    .map_err(map_err)?;
    let mut recorded = Vec::with_capacity(kinds.len());
    for kind in kinds {
        let target = Target {
            track: Some(report.track_id),
            ..Target::default()
        };
        recorded.push(insert(&mut tx, user, kind, target).await?);
    }
    commit(tx, pool, !recorded.is_empty()).await?;
    Ok(recorded)
}
