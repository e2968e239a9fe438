//! Fan-out of activity hints from the requests that write activity to the
//! instances that stream it.

use chorus_domain::{PlaylistId, UserId};
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;

/// What changed, so live connections know what to read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "hint", rename_all = "snake_case")]
pub enum Hint {
    /// `user` has new activity, the newest being `activity_id`.
    Activity { user: UserId, activity_id: i64 },
    /// `user`'s presence may have changed: online state, what they play or
    /// where they are in it, or privacy.
    Presence { user: UserId },
    /// `user`'s friendships changed (a request, an acceptance, an
    /// unfriending): their connections read their friend set again before
    /// anything else of theirs is routed. Presence may have changed too.
    Friends { user: UserId },
    /// Sessions of `user` ended (log-out, password change): their feed
    /// sockets close. `session` is the fingerprint of the one session that
    /// ended; `None`: every session of the account.
    SessionEnded { user: UserId, session: Option<u64> },
    /// A playlist `user` edits (owns or collaborates on) changed: their
    /// sockets say so, and open playlist pages read it again.
    Playlist { user: UserId, playlist: PlaylistId },
    /// `user`'s notifications changed (a new one, or some marked read):
    /// their sockets tell the unread count again.
    Notifications { user: UserId },
    /// Hints may have been lost (the bus reconnected, or dropped messages
    /// for this instance): read everything again.
    Resync,
}

/// Hints an instance has not taken yet before it counts as lagged (then it
/// treats every connection as having missed hints).
pub(crate) const HINT_BACKLOG: usize = 4096;

/// Carries hints from writers to every instance. Publishing never blocks
/// and never fails the writer's request.
pub trait Fanout: Send + Sync {
    fn publish(&self, hint: Hint);
    /// Every hint published from now on, for this instance's live hub to
    /// read once and route to its connections.
    fn hints(&self) -> broadcast::Receiver<Hint>;
    /// Whether a hint can be lost without anyone being told (then the hub
    /// also reads new events on a timer). In-process delivery cannot: a
    /// hub that falls behind learns it lagged.
    fn may_lose_hints(&self) -> bool {
        false
    }
}

/// In-process fan-out (one instance, the default).
pub struct LocalFanout {
    sender: broadcast::Sender<Hint>,
}

impl LocalFanout {
    pub fn new() -> Self {
        Self {
            sender: broadcast::channel(HINT_BACKLOG).0,
        }
    }
}

impl Default for LocalFanout {
    fn default() -> Self {
        Self::new()
    }
}

impl Fanout for LocalFanout {
    fn publish(&self, hint: Hint) {
        // No receiver (no hub yet) means nobody is listening: nothing lost.
        let _ = self.sender.send(hint);
    }

    fn hints(&self) -> broadcast::Receiver<Hint> {
        self.sender.subscribe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_receiver_gets_every_hint_in_order() {
        let fanout = LocalFanout::new();
        let (mut a, mut b) = (fanout.hints(), fanout.hints());
        let first = Hint::Activity {
            activity_id: 3,
            user: UserId(1),
        };
        let second = Hint::Presence { user: UserId(2) };
        fanout.publish(first);
        fanout.publish(second);
        for hints in [&mut a, &mut b] {
            assert_eq!(hints.recv().await, Ok(first));
            assert_eq!(hints.recv().await, Ok(second));
        }
    }
}
