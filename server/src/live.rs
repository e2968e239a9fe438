//! `GET /ws/feed`: the live friend feed over a WebSocket. The protocol is in
//! `chorus_realtime::protocol` and `docs/realtime.md`.

mod connection;
mod upgrade;

pub use upgrade::feed_socket;
