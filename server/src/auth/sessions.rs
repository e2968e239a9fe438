//! Session cookies backed by the database (tower-sessions with its sqlx
//! stores), so any instance can serve any signed-in request. Anonymous
//! visitors get no session and no cookie: one is created only at log-in.

use std::time::Duration;

use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

use super::session_store::DatabaseSessions;
use crate::database::Database;

/// Name of the session cookie.
pub const COOKIE_NAME: &str = "chorus_session";
/// A session ends after this long without a request.
const IDLE_DAYS: i64 = 30;
/// How often expired sessions are deleted.
const CLEANUP_EVERY: Duration = Duration::from_secs(3600);

/// Creates the session table if needed, starts the expired-session
/// clean-up, and returns the session layer.
pub async fn session_layer(
    database: &Database,
    secure_cookies: bool,
) -> anyhow::Result<SessionManagerLayer<DatabaseSessions>> {
    let store = match database {
        Database::Sqlite(db) => {
            let store = SqliteStore::new(db.pool().clone())
                .with_table_name("sessions")
                .map_err(anyhow::Error::msg)?;
            store.migrate().await?;
            DatabaseSessions::Sqlite(store)
        }
        Database::Postgres(db) => {
            let store = PostgresStore::new(db.pool().clone())
                .with_schema_name("public")
                .and_then(|s| s.with_table_name("sessions"))
                .map_err(anyhow::Error::msg)?;
            migrate_once(&store).await?;
            DatabaseSessions::Postgres(store)
        }
    };
    tokio::spawn({
        use tower_sessions::ExpiredDeletion;
        store.clone().continuously_delete_expired(CLEANUP_EVERY)
    });
    Ok(SessionManagerLayer::new(store)
        .with_name(COOKIE_NAME)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(secure_cookies)
        .with_expiry(Expiry::OnInactivity(
            tower_sessions::cookie::time::Duration::days(IDLE_DAYS),
        )))
}

/// Creates the session table; instances starting together may race to
/// create it, and the loser finds it made.
async fn migrate_once(store: &PostgresStore) -> anyhow::Result<()> {
    let mut tries = 0;
    loop {
        match store.migrate().await {
            Ok(()) => return Ok(()),
            Err(e) if tries < 3 => {
                tries += 1;
                tracing::debug!(error = %e, "session table creation raced; retrying");
                tokio::time::sleep(Duration::from_millis(100 * tries)).await;
            }
            Err(e) => return Err(e.into()),
        }
    }
}
