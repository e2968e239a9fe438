//! `GET /ws/feed`: the live friend feed — friends' events and presence —
//! over a WebSocket. The protocol is in `chorus_realtime::protocol` and
//! `docs/realtime.md`.

mod connection;
mod presence;
mod upgrade;

pub use upgrade::feed_socket;
