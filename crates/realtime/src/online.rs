//! Who has a live feed socket open on this instance: a count of sockets per
//! listener. A listener's first socket opening, and their last one closing,
//! publish [`Hint::Presence`] so their friends' sockets re-read presence.
//!
//! Use [`OnlineRegistry::connect`] when a socket starts and keep the
//! [`OnlineGuard`] for as long as it runs: dropping the guard (also on an
//! early return or a panic) counts the socket out.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use chorus_domain::UserId;

use crate::fanout::{Fanout, Hint};

/// Open feed sockets per listener, in this process. (Several instances
/// would share counts over the cross-instance bus; one instance today.)
pub struct OnlineRegistry {
    sockets: Mutex<HashMap<UserId, usize>>,
    fanout: Arc<dyn Fanout>,
}

impl OnlineRegistry {
    /// A registry announcing online/offline changes on `fanout`.
    pub fn new(fanout: Arc<dyn Fanout>) -> Self {
        Self {
            sockets: Mutex::new(HashMap::new()),
            fanout,
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
            self.fanout.publish(Hint::Presence { user });
        }
        OnlineGuard {
            registry: Arc::clone(self),
            user,
        }
    }

    /// Whether `user` has a feed socket open.
    pub fn is_online(&self, user: UserId) -> bool {
        self.lock().contains_key(&user)
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
            self.fanout.publish(Hint::Presence { user });
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
    use crate::fanout::LocalFanout;

    fn registry() -> (Arc<OnlineRegistry>, tokio::sync::broadcast::Receiver<Hint>) {
        let fanout = Arc::new(LocalFanout::new());
        let hints = fanout.hints();
        (Arc::new(OnlineRegistry::new(fanout)), hints)
    }

    #[test]
    fn only_the_first_socket_and_the_last_one_closing_are_announced() {
        let (online, mut hints) = registry();
        let ada = UserId(1);
        let first = online.connect(ada);
        let second = online.connect(ada);
        assert!(online.is_online(ada));
        assert_eq!(hints.try_recv(), Ok(Hint::Presence { user: ada }));
        assert!(
            hints.try_recv().is_err(),
            "the second socket changes nothing"
        );

        drop(first);
        assert!(online.is_online(ada));
        assert!(hints.try_recv().is_err());
        drop(second);
        assert!(!online.is_online(ada));
        assert_eq!(hints.try_recv(), Ok(Hint::Presence { user: ada }));
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
    }
}
