//! Per-listener delivery of hints within one process. Each live connection
//! follows a set of listeners (its friends and itself); a hint about a
//! listener wakes only the connections that follow them, so publishing costs
//! O(followers online), not O(connections).
//!
//! Each connection has a small bounded inbox. When it is full the hint is
//! dropped and the connection is marked lagged: its next `recv` says so,
//! and it catches up from the activity table as after any missed hint. A
//! slow connection never slows publishers or other connections.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use chorus_domain::UserId;
use tokio::sync::mpsc;

use crate::Hint;

/// Hints waiting per connection before it counts as lagged.
const INBOX: usize = 64;
/// Independent locks, so publishers and (un)subscribers rarely contend.
const SHARDS: usize = 32;

/// One connection's inbox, shared by every route to it.
struct Inbox {
    sender: mpsc::Sender<Hint>,
    lagged: AtomicBool,
}

type Followers = HashMap<UserId, Vec<(u64, Arc<Inbox>)>>;

/// Who follows whom, for the connections of this process.
pub struct Subscriptions {
    shards: Vec<Mutex<Followers>>,
    next_id: AtomicU64,
}

impl Default for Subscriptions {
    fn default() -> Self {
        Self {
            shards: (0..SHARDS).map(|_| Mutex::default()).collect(),
            next_id: AtomicU64::new(1),
        }
    }
}

impl Subscriptions {
    fn shard(&self, user: UserId) -> std::sync::MutexGuard<'_, Followers> {
        let index = user.0.unsigned_abs() as usize % SHARDS;
        // A panic while holding the lock leaves the map consistent (every
        // change is one insert or remove), so a poisoned lock is usable.
        self.shards[index]
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Hands `hint` to every connection following its listener.
    pub fn deliver(&self, hint: Hint) {
        let shard = self.shard(hint.user());
        let Some(followers) = shard.get(&hint.user()) else {
            return;
        };
        for (_, inbox) in followers {
            if let Err(mpsc::error::TrySendError::Full(_)) = inbox.sender.try_send(hint) {
                inbox.lagged.store(true, Ordering::Release);
            }
        }
    }

    /// A new connection following `users`.
    pub fn subscribe(self: &Arc<Self>, users: impl IntoIterator<Item = UserId>) -> Subscription {
        let (sender, receiver) = mpsc::channel(INBOX);
        let mut subscription = Subscription {
            id: self.next_id.fetch_add(1, Ordering::Relaxed),
            subscriptions: Arc::clone(self),
            inbox: Arc::new(Inbox {
                sender,
                lagged: AtomicBool::new(false),
            }),
            receiver,
            following: HashSet::new(),
        };
        subscription.follow(users);
        subscription
    }

    fn add(&self, user: UserId, id: u64, inbox: &Arc<Inbox>) {
        self.shard(user)
            .entry(user)
            .or_default()
            .push((id, Arc::clone(inbox)));
    }

    fn remove(&self, user: UserId, id: u64) {
        let mut shard = self.shard(user);
        if let Some(followers) = shard.get_mut(&user) {
            followers.retain(|(other, _)| *other != id);
            if followers.is_empty() {
                shard.remove(&user);
            }
        }
    }
}

/// Why [`Subscription::recv`] returned without a hint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lagged;

/// A connection's hints. Dropping it stops them.
pub struct Subscription {
    id: u64,
    subscriptions: Arc<Subscriptions>,
    inbox: Arc<Inbox>,
    receiver: mpsc::Receiver<Hint>,
    following: HashSet<UserId>,
}

impl Subscription {
    /// The next hint, or [`Lagged`] if some were dropped since the last
    /// call (then read everything from the table).
    pub async fn recv(&mut self) -> Result<Hint, Lagged> {
        if self.inbox.lagged.swap(false, Ordering::AcqRel) {
            return Err(Lagged);
        }
        // Never `None`: the inbox keeps a sender alive as long as `self`.
        self.receiver.recv().await.ok_or(Lagged)
    }

    /// A hint if one is waiting (for tests and polling).
    pub fn try_recv(&mut self) -> Option<Hint> {
        self.receiver.try_recv().ok()
    }

    /// Follows exactly `users` from now on.
    pub fn follow(&mut self, users: impl IntoIterator<Item = UserId>) {
        let wanted: HashSet<UserId> = users.into_iter().collect();
        for &gone in self.following.difference(&wanted) {
            self.subscriptions.remove(gone, self.id);
        }
        for &new in wanted.difference(&self.following) {
            self.subscriptions.add(new, self.id, &self.inbox);
        }
        self.following = wanted;
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        for &user in &self.following {
            self.subscriptions.remove(user, self.id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn activity(user: i64, id: i64) -> Hint {
        Hint::Activity {
            user: UserId(user),
            activity_id: id,
        }
    }

    #[tokio::test]
    async fn a_hint_reaches_only_the_followers_of_its_listener() {
        let subscriptions = Arc::new(Subscriptions::default());
        let mut follows_1 = subscriptions.subscribe([UserId(1)]);
        let mut follows_2 = subscriptions.subscribe([UserId(2)]);
        subscriptions.deliver(activity(1, 10));
        subscriptions.deliver(activity(2, 11));
        assert_eq!(follows_1.recv().await, Ok(activity(1, 10)));
        assert_eq!(follows_2.recv().await, Ok(activity(2, 11)));
        assert_eq!(follows_1.try_recv(), None, "nothing else");
    }

    #[tokio::test]
    async fn following_changes_and_dropping_unsubscribes() {
        let subscriptions = Arc::new(Subscriptions::default());
        let mut subscription = subscriptions.subscribe([UserId(1)]);
        subscription.follow([UserId(2)]);
        subscriptions.deliver(activity(1, 1));
        subscriptions.deliver(activity(2, 2));
        assert_eq!(subscription.recv().await, Ok(activity(2, 2)));
        drop(subscription);
        assert!(subscriptions
            .shards
            .iter()
            .all(|s| s.lock().unwrap().is_empty()));
    }

    #[tokio::test]
    async fn a_full_inbox_marks_the_connection_lagged_without_blocking() {
        let subscriptions = Arc::new(Subscriptions::default());
        let mut slow = subscriptions.subscribe([UserId(1)]);
        let mut fast = subscriptions.subscribe([UserId(1)]);
        for id in 0..(INBOX as i64 + 5) {
            subscriptions.deliver(activity(1, id));
            assert_eq!(fast.recv().await, Ok(activity(1, id)));
        }
        assert_eq!(slow.recv().await, Err(Lagged));
        assert_eq!(
            slow.recv().await,
            Ok(activity(1, 0)),
            "then what was queued"
        );
    }
}
