//! Live activity. The activity table is the source of truth; what travels
//! live is only a [`Hint`] ("user U has new activity, up to id N"), and each
//! connection reads what it may see from the table by cursor. So a lost or
//! late hint delays an event but never loses or duplicates it.
//!
//! [`Fanout`] carries hints from the requests that write activity to every
//! instance: [`LocalFanout`] within one process, `NatsFanout` (feature
//! `nats`) across instances. Within an instance, the server reads
//! what a hint names once and [`Subscriptions`] route the result only to
//! the connections following its listener. `OnlineRegistry` counts open
//! feed sockets per listener (presence). [`protocol`] is the
//! WebSocket's message format (see `docs/realtime.md`).

#[cfg(feature = "fanout")]
mod fanout;
#[cfg(feature = "nats")]
mod nats;
#[cfg(feature = "fanout")]
mod online;
pub mod protocol;
#[cfg(feature = "fanout")]
mod subscriptions;

#[cfg(feature = "fanout")]
pub use fanout::{Fanout, Hint, LocalFanout};
#[cfg(feature = "nats")]
pub use nats::NatsFanout;
#[cfg(feature = "fanout")]
pub use online::{OnlineGuard, OnlineRegistry};
#[cfg(feature = "fanout")]
pub use subscriptions::{Lagged, Subscription, Subscriptions};
