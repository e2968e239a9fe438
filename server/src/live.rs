//! `GET /ws/feed`: the live friend feed — friends' events and presence —
//! over a WebSocket. The protocol is in `chorus_realtime::protocol` and
//! `docs/realtime.md`.

mod connection;
mod hub;
mod leases;
mod presence;
mod recent;
mod upgrade;

pub use hub::LiveHub;
pub use leases::{Leases, DEFAULT_LEASE};
pub use upgrade::{__path_feed_socket, feed_socket};
