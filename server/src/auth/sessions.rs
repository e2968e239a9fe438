//! Session cookies backed by the database (tower-sessions with its sqlx
//! stores), so any instance can serve any signed-in request. Anonymous
//! visitors get no session and no cookie: one is created only at log-in.
//!
//! A session ends after [`SessionSettings::idle`] (30 days) without a
//! request: each request of a signed-in session moves its end (see
//! [`keep_alive`], which writes at most once per `idle / 30`, a day).
//! Expired sessions are deleted by a clean-up that outlives database
//! outages: a failed round is logged and the next one runs as planned.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use chorus_domain::Clock;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, Session, SessionManagerLayer};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

use super::session_store::DatabaseSessions;
use crate::database::Database;

/// Name of the session cookie.
pub const COOKIE_NAME: &str = "chorus_session";

/// How long sessions last, and how often expired ones are deleted.
#[derive(Debug, Clone, Copy)]
pub struct SessionSettings {
    /// A session ends after this long without a request.
    pub idle: Duration,
    /// How often expired sessions are deleted.
    pub clean_up_every: Duration,
}

impl Default for SessionSettings {
    fn default() -> Self {
        Self {
            idle: Duration::from_secs(30 * 24 * 60 * 60),
            clean_up_every: Duration::from_secs(3600),
        }
    }
}

impl SessionSettings {
    /// How long after its last write a session is written again to move
    /// its end: a thirtieth of its life (a day of 30).
    fn touch_every(&self) -> Duration {
        self.idle / 30
    }
}

/// A session's name in bus hints and logs: 64 bits of the SHA-256 of its
/// id (never the id itself, which is a bearer credential).
pub fn fingerprint(id: &tower_sessions::session::Id) -> u64 {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(id.to_string().as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first)
}

/// The session key holding when the session's end was last moved (ms).
const TOUCHED: &str = "chorus.touched_ms";

/// Creates the session table if needed, starts the expired-session
/// clean-up, and returns the store and the session layer.
pub async fn session_layer(
    database: &Database,
    secure_cookies: bool,
    settings: SessionSettings,
) -> anyhow::Result<(DatabaseSessions, SessionManagerLayer<DatabaseSessions>)> {
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
    tokio::spawn(delete_expired(store.clone(), settings.clean_up_every));
    let idle = tower_sessions::cookie::time::Duration::try_from(settings.idle)?;
    let layer = SessionManagerLayer::new(store.clone())
        .with_name(COOKIE_NAME)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(secure_cookies)
        .with_expiry(Expiry::OnInactivity(idle));
    Ok((store, layer))
}

/// Deletes expired sessions every `every`, for as long as the process
/// runs. tower-sessions' own loop stops at its first error (one database
/// restart would end the clean-up for good); this one logs it and goes on.
async fn delete_expired(store: DatabaseSessions, every: Duration) {
    use tower_sessions::ExpiredDeletion;
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(e) = store.delete_expired().await {
            tracing::warn!(error = %e, "expired sessions not deleted; trying again next round");
        }
    }
}

/// Moves a signed-in session's end to `idle` from now, when its end was
/// last moved more than [`SessionSettings::touch_every`] ago: activity
/// keeps a session alive at the cost of one write a day, not one per
/// request. Layered inside the session layer.
pub async fn keep_alive(
    State((settings, clock)): State<(SessionSettings, Arc<dyn Clock>)>,
    session: Session,
    request: Request,
    next: Next,
) -> Response {
    let response = next.run(request).await;
    if session.id().is_none() {
        return response;
    }
    let touched = session
        .get::<u64>(TOUCHED)
        .await
        .ok()
        .flatten()
        .unwrap_or(0);
    // Reading loaded the record: an unknown or expired one leaves no id,
    // and one signed out is empty. Neither is kept alive.
    if session.id().is_none() || session.is_empty().await {
        return response;
    }
    let now = clock.now().as_ms();
    let due = u64::try_from(settings.touch_every().as_millis()).unwrap_or(u64::MAX);
    if now.saturating_sub(touched) >= due {
        // Marks the session modified: the session layer saves it with a
        // new end, and sends the cookie with a new Max-Age.
        if let Err(e) = session.insert(TOUCHED, now).await {
            tracing::warn!(error = %e, "session end not moved");
        }
    }
    response
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
