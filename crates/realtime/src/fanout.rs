//! Fan-out of activity hints to every live connection.

use chorus_domain::UserId;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

use crate::subscriptions::{Subscription, Subscriptions};

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

/// Carries hints from writers to live connections. Publishing never blocks
/// and never fails the writer's request.
pub trait Fanout: Send + Sync {
    fn publish(&self, hint: Hint);
    /// Hints about `users` (a connection's friends and its own listener),
    /// until the subscription is dropped.
    fn subscribe(&self, users: Vec<UserId>) -> Subscription;
}

/// In-process fan-out (one instance): a hint goes straight to the
/// connections following its listener.
#[derive(Default)]
pub struct LocalFanout {
    subscriptions: Arc<Subscriptions>,
}

impl LocalFanout {
    pub fn new() -> Self {
        Self::default()
    }
}

impl Fanout for LocalFanout {
    fn publish(&self, hint: Hint) {
        self.subscriptions.deliver(hint);
    }

    fn subscribe(&self, users: Vec<UserId>) -> Subscription {
        self.subscriptions.subscribe(users)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_follower_gets_the_hint_and_nobody_else() {
        let fanout = LocalFanout::new();
        let (mut a, mut b) = (
            fanout.subscribe(vec![UserId(1)]),
            fanout.subscribe(vec![UserId(1), UserId(2)]),
        );
        let mut other = fanout.subscribe(vec![UserId(3)]);
        let hint = Hint::Activity {
            activity_id: 3,
            user: UserId(1),
        };
        fanout.publish(hint);
        assert_eq!(a.recv().await, Ok(hint));
        assert_eq!(b.recv().await, Ok(hint));
        assert_eq!(other.try_recv(), None);
    }
}
