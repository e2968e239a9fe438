//! Fan-out of activity hints to every live connection.

use chorus_domain::UserId;
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;

/// What changed, so live connections know what to read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "hint", rename_all = "snake_case")]
pub enum Hint {
    /// `user` has new activity, the newest being `activity_id`.
    Activity { user: UserId, activity_id: i64 },
    /// `user`'s presence may have changed: online state, what they play or
    /// where they are in it, privacy, or their friendships.
    Presence { user: UserId },
}

impl Hint {
    /// Whose change this is.
    pub fn user(&self) -> UserId {
        match *self {
            Self::Activity { user, .. } | Self::Presence { user } => user,
        }
    }
}

/// A subscription to hints. A receiver that falls behind gets
/// `RecvError::Lagged`: it has missed hints, and should read from its
/// cursor as if it had received one.
pub type HintReceiver = broadcast::Receiver<Hint>;

/// Carries hints from writers to live connections. Publishing never blocks
/// and never fails the writer's request.
pub trait Fanout: Send + Sync {
    fn publish(&self, hint: Hint);
    fn subscribe(&self) -> HintReceiver;
}

/// In-process fan-out over a tokio broadcast channel: one instance.
#[derive(Debug, Clone)]
pub struct LocalFanout {
    sender: broadcast::Sender<Hint>,
}

impl LocalFanout {
    /// `capacity` hints are kept for slow receivers before they lag.
    pub fn new(capacity: usize) -> Self {
        Self {
            sender: broadcast::channel(capacity.max(1)).0,
        }
    }
}

impl Fanout for LocalFanout {
    fn publish(&self, hint: Hint) {
        // No receivers (nobody connected) is not an error.
        let _ = self.sender.send(hint);
    }

    fn subscribe(&self) -> HintReceiver {
        self.sender.subscribe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_subscriber_gets_every_hint() {
        let fanout = LocalFanout::new(8);
        let (mut a, mut b) = (fanout.subscribe(), fanout.subscribe());
        let hint = Hint::Activity {
            activity_id: 3,
            user: UserId(1),
        };
        fanout.publish(hint);
        assert_eq!(a.recv().await.unwrap(), hint);
        assert_eq!(b.recv().await.unwrap(), hint);
    }

    #[tokio::test]
    async fn a_slow_subscriber_lags_instead_of_blocking_the_publisher() {
        let fanout = LocalFanout::new(2);
        let mut slow = fanout.subscribe();
        for id in 0..10 {
            fanout.publish(Hint::Activity {
                activity_id: id,
                user: UserId(1),
            });
        }
        assert!(matches!(
            slow.recv().await,
            Err(broadcast::error::RecvError::Lagged(_))
        ));
    }
}
