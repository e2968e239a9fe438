//! `GET /ws/feed`: the live friend feed — friends' events and presence —
//! over a WebSocket. The protocol is in `chorus_realtime::protocol` and
//! `docs/realtime.md`.

mod account_sockets;
mod connection;
mod context;
mod hub;
mod leases;
mod presence;
mod recent;
mod session_watch;
mod upgrade;

pub use account_sockets::MAX_PER_ACCOUNT;
pub use connection::{REPLACED, SESSION_ENDED};
pub use context::FeedContext;
pub use hub::LiveHub;
pub use leases::{Leases, DEFAULT_LEASE};
pub use upgrade::{__path_feed_socket, feed_socket};
