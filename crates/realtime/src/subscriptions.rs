//! Per-listener delivery of news within one process. Each live connection
//! follows a set of listeners (its friends and itself); news about a
//! listener wakes only the connections that follow them, so delivering costs
//! O(followers online), not O(connections).
//!
//! Each connection has a small bounded inbox. When it is full the message is
//! dropped and the connection is marked lagged: its next `recv` says so,
//! and it catches up from the activity table as after any missed hint. A
//! slow connection never slows the deliverer or other connections.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use chorus_domain::UserId;
use tokio::sync::{mpsc, Notify};

/// Messages waiting per connection before it counts as lagged.
const INBOX: usize = 64;
/// Independent locks, so publishers and (un)subscribers rarely contend.
const SHARDS: usize = 32;

/// One connection's inbox, shared by every route to it.
struct Inbox<M> {
    sender: mpsc::Sender<M>,
    lagged: AtomicBool,
    /// Wakes a waiting `recv` when it is marked lagged with nothing queued.
    wake: Notify,
}

type Followers<M> = HashMap<UserId, Vec<(u64, Arc<Inbox<M>>)>>;

/// Who follows whom, for the connections of this process; `M` is what they
/// are handed.
pub struct Subscriptions<M> {
    shards: Vec<Mutex<Followers<M>>>,
    next_id: AtomicU64,
}

impl<M> Default for Subscriptions<M> {
    fn default() -> Self {
        Self {
            shards: (0..SHARDS).map(|_| Mutex::default()).collect(),
            next_id: AtomicU64::new(1),
        }
    }
}

impl<M: Clone> Subscriptions<M> {
    fn shard(&self, user: UserId) -> std::sync::MutexGuard<'_, Followers<M>> {
        let index = user.0.unsigned_abs() as usize % SHARDS;
        // A panic while holding the lock leaves the map consistent (every
        // change is one insert or remove), so a poisoned lock is usable.
        self.shards[index]
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Hands `message` about `user` to every connection following them.
    pub fn deliver(&self, user: UserId, message: &M) {
        let shard = self.shard(user);
        let Some(followers) = shard.get(&user) else {
            return;
        };
        for (_, inbox) in followers {
            if let Err(mpsc::error::TrySendError::Full(_)) = inbox.sender.try_send(message.clone())
            {
                inbox.lagged.store(true, Ordering::Release);
            }
        }
    }

    /// Marks every connection lagged (news was lost before it could be
    /// routed): each reads everything again.
    pub fn lag_all(&self) {
        for shard in &self.shards {
            let shard = shard.lock().unwrap_or_else(PoisonError::into_inner);
            for (_, inbox) in shard.values().flatten() {
                inbox.lagged.store(true, Ordering::Release);
                inbox.wake.notify_one();
            }
        }
    }

    /// A new connection following `users`.
    pub fn subscribe(self: &Arc<Self>, users: impl IntoIterator<Item = UserId>) -> Subscription<M> {
        let (sender, receiver) = mpsc::channel(INBOX);
        let mut subscription = Subscription {
            id: self.next_id.fetch_add(1, Ordering::Relaxed),
            subscriptions: Arc::clone(self),
            inbox: Arc::new(Inbox {
                sender,
                lagged: AtomicBool::new(false),
                wake: Notify::new(),
            }),
            receiver,
            following: Vec::new(),
        };
        subscription.follow(users);
        subscription
    }

    fn add(&self, user: UserId, id: u64, inbox: &Arc<Inbox<M>>) {
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

/// A connection's news. Dropping it stops them.
pub struct Subscription<M: Clone> {
    id: u64,
    subscriptions: Arc<Subscriptions<M>>,
    inbox: Arc<Inbox<M>>,
    receiver: mpsc::Receiver<M>,
    /// Sorted, no duplicates (a socket keeps one per friend: a vector is
    /// a fraction of a set's size).
    following: Vec<UserId>,
}

impl<M: Clone> Subscription<M> {
    /// The next message, or [`Lagged`] if some were dropped since the last
    /// call (then read everything from the table).
    pub async fn recv(&mut self) -> Result<M, Lagged> {
        loop {
            if self.inbox.lagged.swap(false, Ordering::AcqRel) {
                return Err(Lagged);
            }
            tokio::select! {
                // Never `None`: the inbox keeps a sender alive as long as
                // `self`.
                message = self.receiver.recv() => return message.ok_or(Lagged),
                () = self.inbox.wake.notified() => {}
            }
        }
    }

    /// A message if one is waiting.
    #[cfg(test)]
    fn try_recv(&mut self) -> Option<M> {
        self.receiver.try_recv().ok()
    }

    /// Follows exactly `users` from now on.
    pub fn follow(&mut self, users: impl IntoIterator<Item = UserId>) {
        let mut wanted: Vec<UserId> = users.into_iter().collect();
        wanted.sort_unstable();
        wanted.dedup();
        wanted.shrink_to_fit();
        for &gone in self
            .following
            .iter()
            .filter(|u| wanted.binary_search(u).is_err())
        {
            self.subscriptions.remove(gone, self.id);
        }
        for &new in wanted
            .iter()
            .filter(|u| self.following.binary_search(u).is_err())
        {
            self.subscriptions.add(new, self.id, &self.inbox);
        }
        self.following = wanted;
    }

    /// Whether this follows `user`.
    pub fn follows(&self, user: UserId) -> bool {
        self.following.binary_search(&user).is_ok()
    }

    /// Whom this follows, sorted.
    pub fn following(&self) -> &[UserId] {
        &self.following
    }
}

impl<M: Clone> Drop for Subscription<M> {
    fn drop(&mut self) {
        for &user in &self.following {
            self.subscriptions.remove(user, self.id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Messages in these tests are plain numbers.
    fn subscriptions() -> Arc<Subscriptions<i64>> {
        Arc::new(Subscriptions::default())
    }

    #[tokio::test]
    async fn a_message_reaches_only_the_followers_of_its_listener() {
        let subscriptions = subscriptions();
        let mut follows_1 = subscriptions.subscribe([UserId(1)]);
        let mut follows_2 = subscriptions.subscribe([UserId(2)]);
        subscriptions.deliver(UserId(1), &10);
        subscriptions.deliver(UserId(2), &11);
        assert_eq!(follows_1.recv().await, Ok(10));
        assert_eq!(follows_2.recv().await, Ok(11));
        assert_eq!(follows_1.try_recv(), None, "nothing else");
    }

    #[tokio::test]
    async fn following_changes_and_dropping_unsubscribes() {
        let subscriptions = subscriptions();
        let mut subscription = subscriptions.subscribe([UserId(1)]);
        subscription.follow([UserId(2), UserId(2)]);
        assert_eq!(subscription.following(), [UserId(2)]);
        assert!(subscription.follows(UserId(2)) && !subscription.follows(UserId(1)));
        subscriptions.deliver(UserId(1), &1);
        subscriptions.deliver(UserId(2), &2);
        assert_eq!(subscription.recv().await, Ok(2));
        drop(subscription);
        assert!(subscriptions
            .shards
            .iter()
            .all(|s| s.lock().unwrap().is_empty()));
    }

    #[tokio::test]
    async fn a_full_inbox_marks_the_connection_lagged_without_blocking() {
        let subscriptions = subscriptions();
        let mut slow = subscriptions.subscribe([UserId(1)]);
        let mut fast = subscriptions.subscribe([UserId(1)]);
        for id in 0..(INBOX as i64 + 5) {
            subscriptions.deliver(UserId(1), &id);
            assert_eq!(fast.recv().await, Ok(id));
        }
        assert_eq!(slow.recv().await, Err(Lagged));
        assert_eq!(slow.recv().await, Ok(0), "then what was queued");
    }

    #[tokio::test]
    async fn lagging_everyone_wakes_a_connection_waiting_on_an_empty_inbox() {
        let subscriptions = subscriptions();
        let mut waiting = subscriptions.subscribe([UserId(1)]);
        let task = tokio::spawn(async move { waiting.recv().await });
        tokio::task::yield_now().await;
        subscriptions.lag_all();
        assert_eq!(task.await.unwrap(), Err(Lagged));
    }
}
