//! Draining an instance on shutdown. Once [`Drain::start`] is called the
//! instance is no longer ready (`/readyz` answers 503), new feed sockets
//! are refused with 503, and every open one is closed with 1001 (going
//! away) so its client reconnects to another instance and resumes by
//! cursor. axum's graceful shutdown waits for in-flight requests but not
//! for upgraded sockets: [`Drain::sockets_closed`] waits for those.

use std::time::Duration;

use tokio_util::sync::{CancellationToken, WaitForCancellationFutureOwned};
use tokio_util::task::{task_tracker::TaskTrackerToken, TaskTracker};

/// Shared by the shutdown sequence, the readiness check and every socket.
#[derive(Clone, Default)]
pub struct Drain {
    draining: CancellationToken,
    sockets: TaskTracker,
}

impl Drain {
    /// Stops taking new sockets and tells the open ones to close.
    pub fn start(&self) {
        self.draining.cancel();
        self.sockets.close();
    }

    pub fn is_draining(&self) -> bool {
        self.draining.is_cancelled()
    }

    /// Completes when draining starts (a socket then closes with 1001).
    pub fn started(&self) -> WaitForCancellationFutureOwned {
        self.draining.clone().cancelled_owned()
    }

    /// Counts a socket in until the token is dropped.
    pub fn track_socket(&self) -> TaskTrackerToken {
        self.sockets.token()
    }

    /// Waits until every socket has closed, at most `limit`; whether they
    /// all did.
    pub async fn sockets_closed(&self, limit: Duration) -> bool {
        tokio::time::timeout(limit, self.sockets.wait())
            .await
            .is_ok()
    }
}
