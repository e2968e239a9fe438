//! Who has a live feed socket open on this instance: a count of sockets per
//! listener. A listener's first socket opening, and their last one closing,
//! are sent as a change to whoever keeps the shared record (the server's
//! online leases, which then announce the presence change).
//!
//! Use [`OnlineRegistry::connect`] when a socket starts and keep the
//! [`OnlineGuard`] for as long as it runs: dropping the guard (also on an
//! early return or a panic) counts the socket out.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use chorus_domain::UserId;

use tokio::sync::mpsc;

/// Open feed sockets per listener, in this process.
pub struct OnlineRegistry {
    sockets: Mutex<HashMap<UserId, usize>>,
    changes: mpsc::UnboundedSender<UserId>,
}

impl OnlineRegistry {
    /// A registry sending the listeners who came online or went offline
    /// here to `changes` (read [`Self::is_online`] when handling one: a
    /// change may be undone by the time it is handled).
    pub fn new(changes: mpsc::UnboundedSender<UserId>) -> Self {
        Self {
            sockets: Mutex::new(HashMap::new()),
            changes,
        }
    }

    /// Counts a socket of `user` in until the guard is dropped.
    pub fn connect(self: &Arc<Self>, user: UserId) -> OnlineGuard {
        let first = {
            let mut sockets = self.lock();
            let count = sockets.entry(user).or_insert(0);
            *count += 1;
            *count == 1
        };
        if first {
            let _ = self.changes.send(user);
        }
        OnlineGuard {
            registry: Arc::clone(self),
            user,
        }
    }

    /// Whether `user` has a feed socket open here.
    pub fn is_online(&self, user: UserId) -> bool {
        self.lock().contains_key(&user)
    }

    /// Every listener with a feed socket open here.
    pub fn users(&self) -> Vec<UserId> {
        self.lock().keys().copied().collect()
    }

    fn disconnect(&self, user: UserId) {
        let last = {
            let mut sockets = self.lock();
            match sockets.get_mut(&user) {
                Some(count) if *count > 1 => {
                    *count -= 1;
                    false
                }
                Some(_) => {
                    sockets.remove(&user);
                    true
                }
                None => false,
            }
        };
        if last {
            let _ = self.changes.send(user);
        }
    }

    /// The counts stay consistent even if a holder panicked: every update
    /// is a single step.
    fn lock(&self) -> MutexGuard<'_, HashMap<UserId, usize>> {
        self.sockets.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl std::fmt::Debug for OnlineRegistry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OnlineRegistry")
            .field("online", &self.lock().len())
            .finish_non_exhaustive()
    }
}

/// One open socket of a listener; dropping it counts the socket out.
#[derive(Debug)]
pub struct OnlineGuard {
    registry: Arc<OnlineRegistry>,
    user: UserId,
}

impl Drop for OnlineGuard {
    fn drop(&mut self) {
        self.registry.disconnect(self.user);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> (Arc<OnlineRegistry>, mpsc::UnboundedReceiver<UserId>) {
        let (changes, received) = mpsc::unbounded_channel();
        (Arc::new(OnlineRegistry::new(changes)), received)
    }

    #[test]
    fn only_the_first_socket_and_the_last_one_closing_are_announced() {
        let (online, mut hints) = registry();
        let ada = UserId(1);
        let first = online.connect(ada);
        let second = online.connect(ada);
        assert!(online.is_online(ada));
        assert_eq!(hints.try_recv(), Ok(ada));
        assert!(
            hints.try_recv().is_err(),
            "the second socket changes nothing"
        );

        drop(first);
        assert!(online.is_online(ada));
        assert!(hints.try_recv().is_err());
        drop(second);
        assert!(!online.is_online(ada));
        assert_eq!(hints.try_recv(), Ok(ada));
    }

    #[test]
    fn a_panicking_socket_task_still_counts_out() {
        let (online, _hints) = registry();
        let ada = UserId(1);
        let task = {
            let online = Arc::clone(&online);
            std::thread::spawn(move || {
                let _guard = online.connect(ada);
                panic!("socket task failed");
            })
        };
        assert!(task.join().is_err());
        assert!(!online.is_online(ada));
        assert!(online.users().is_empty());
    }
}
