//! At most [`MAX_PER_ACCOUNT`] feed sockets per account on an instance:
//! when one more opens, the account's oldest is told to close (with
//! `4008`, see `docs/realtime.md`). Every socket costs a connection, its
//! buffers and a place in the routing tables; a script opening sockets in
//! a loop would otherwise take them without bound.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use chorus_domain::UserId;
use tokio::sync::Notify;

/// Feed sockets one account may hold on one instance (tabs and devices).
pub const MAX_PER_ACCOUNT: usize = 8;

/// One account's open sockets, oldest first: each one's id and what
/// tells it to close.
type Seats = VecDeque<(u64, Arc<Notify>)>;

/// The open feed sockets of each account.
#[derive(Default)]
pub struct AccountSockets {
    open: Mutex<HashMap<UserId, Seats>>,
    next: AtomicU64,
}

/// One socket's place; it leaves when dropped.
pub struct Seat {
    sockets: Arc<AccountSockets>,
    user: UserId,
    id: u64,
    /// Notified when a newer socket of the account took the place.
    pub replaced: Arc<Notify>,
}

impl AccountSockets {
    /// Seats a new socket of `user`, telling the oldest to close when the
    /// account holds too many.
    pub fn seat(self: &Arc<Self>, user: UserId) -> Seat {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let replaced = Arc::new(Notify::new());
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        let seats = open.entry(user).or_default();
        seats.push_back((id, Arc::clone(&replaced)));
        while seats.len() > MAX_PER_ACCOUNT {
            if let Some((_, oldest)) = seats.pop_front() {
                // Stored if the socket is not waiting yet: it still hears it.
                oldest.notify_one();
            }
        }
        Seat {
            sockets: Arc::clone(self),
            user,
            id,
            replaced,
        }
    }

    /// Sockets `user` holds here.
    pub fn held(&self, user: UserId) -> usize {
        let open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        open.get(&user).map_or(0, VecDeque::len)
    }
}

impl Drop for Seat {
    fn drop(&mut self) {
        let mut open = self
            .sockets
            .open
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(seats) = open.get_mut(&self.user) {
            seats.retain(|(id, _)| *id != self.id);
            if seats.is_empty() {
                open.remove(&self.user);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_oldest_socket_of_an_account_makes_way() {
        let sockets = Arc::new(AccountSockets::default());
        let ada = UserId(1);
        let seats: Vec<Seat> = (0..MAX_PER_ACCOUNT).map(|_| sockets.seat(ada)).collect();
        let bob = sockets.seat(UserId(2));
        assert_eq!(sockets.held(ada), MAX_PER_ACCOUNT);
        let newest = sockets.seat(ada);
        assert_eq!(sockets.held(ada), MAX_PER_ACCOUNT);
        // The first seat was told (the notice waits for it).
        tokio::time::timeout(
            std::time::Duration::from_secs(1),
            seats[0].replaced.notified(),
        )
        .await
        .expect("the oldest is told to close");
        drop(seats);
        assert_eq!(sockets.held(ada), 1, "only the newest is left");
        drop(newest);
        assert_eq!(sockets.held(ada), 0);
        assert_eq!(sockets.held(UserId(2)), 1);
        drop(bob);
    }
}
