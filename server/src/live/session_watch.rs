//! A feed socket lives no longer than its session. The socket learns of a
//! log-out or a password change from a [`chorus_realtime::Hint::SessionEnded`]
//! (through the bus, on every instance), and of expiry by itself: it reads
//! its session again when the session is due to end, and closes unless a
//! request has moved the end meanwhile.

use std::time::Duration;

use tokio::time::Instant;
use tower_sessions::session::Id;
use tower_sessions::SessionStore;

use crate::auth::session_store::DatabaseSessions;
use crate::auth::sessions::fingerprint;

/// When the session could not be read: try again this much later.
const RETRY: Duration = Duration::from_secs(5);

/// The session a socket was opened with.
pub struct SessionWatch {
    store: DatabaseSessions,
    id: Id,
    /// Names the session in hints (see [`fingerprint`]).
    pub fingerprint: u64,
    ends_at: Instant,
}

impl SessionWatch {
    /// Watches session `id`, from `store`; `None` when it is not there.
    pub async fn start(store: DatabaseSessions, id: Id) -> Option<Self> {
        let mut watch = Self {
            fingerprint: fingerprint(&id),
            store,
            id,
            ends_at: Instant::now(),
        };
        watch.still_open().await.then_some(watch)
    }

    /// When the session ends unless a request moves its end.
    pub fn ends_at(&self) -> Instant {
        self.ends_at
    }

    /// Reads the session again: whether it is still open (then
    /// [`Self::ends_at`] is its end now). A failed read counts as open and
    /// is tried again in a few seconds.
    pub async fn still_open(&mut self) -> bool {
        match self.store.load(&self.id).await {
            Ok(Some(record)) => {
                let left =
                    record.expiry_date - tower_sessions::cookie::time::OffsetDateTime::now_utc();
                let left = Duration::try_from(left).unwrap_or(Duration::ZERO);
                self.ends_at = Instant::now() + left;
                !left.is_zero()
            }
            Ok(None) => false,
            Err(e) => {
                tracing::warn!(error = %e, "a feed socket's session could not be read");
                self.ends_at = Instant::now() + RETRY;
                true
            }
        }
    }
}
