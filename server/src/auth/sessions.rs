//! Session cookies backed by the database (tower-sessions with its sqlx
//! store), so any instance can serve any signed-in request. Anonymous
//! visitors get no session and no cookie: one is created only at log-in.

use std::time::Duration;

use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::sqlx::SqlitePool;
use tower_sessions_sqlx_store::SqliteStore;

/// Name of the session cookie.
pub const COOKIE_NAME: &str = "chorus_session";
/// A session ends after this long without a request.
const IDLE_DAYS: i64 = 30;
/// How often expired sessions are deleted.
const CLEANUP_EVERY: Duration = Duration::from_secs(3600);

/// Creates the session table if needed, starts the expired-session
/// clean-up, and returns the session layer.
pub async fn session_layer(
    pool: SqlitePool,
    secure_cookies: bool,
) -> anyhow::Result<SessionManagerLayer<SqliteStore>> {
    let store = SqliteStore::new(pool)
        .with_table_name("sessions")
        .map_err(anyhow::Error::msg)?;
    store.migrate().await?;
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
