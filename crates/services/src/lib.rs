//! Chorus's use cases, each written once: what a now-playing report, a
//! like, a privacy change or a friendship change writes, which events it
//! records and who may see them, what it announces on the bus and which
//! CDN pages it purges. Handlers call one method here; storage backends
//! only store and read ([`chorus_storage::UnitOfWork`] where a use case
//! needs one transaction).
//!
//! Time comes from the [`Clock`] the services are given, never from the
//! system directly.

mod accounts;
mod announcer;
mod error;
mod friendships;
mod import;
mod library;
mod likes;
mod listening;
mod notifications;
mod passwords;
mod playlist_events;
mod playlists;
mod privacy;
mod purges;
#[cfg(test)]
mod testing;

use std::sync::Arc;

use chorus_domain::Clock;
use chorus_realtime::Fanout;
use chorus_storage::{SocialStore, Transactions, UserStore};

pub use announcer::Announcer;
pub use error::{ServiceError, ServiceResult};
pub use friendships::Party;
pub use import::{import_track, name_key};
pub use library::Libraries;
pub use notifications::{NotificationStores, Notifications};
pub use playlists::{PlaylistStores, Playlists};
pub use privacy::PRIVATE_SESSION;
pub use purges::{NoPurges, Purges};

/// The stores the services write through.
#[derive(Clone)]
pub struct Stores {
    pub transactions: Arc<dyn Transactions>,
    pub users: Arc<dyn UserStore>,
    pub social: Arc<dyn SocialStore>,
}

/// Every use case, over the stores, the bus, the CDN purge and a clock.
/// Cheap to clone.
#[derive(Clone)]
pub struct Services {
    stores: Stores,
    announcer: Announcer,
    purges: Arc<dyn Purges>,
    clock: Arc<dyn Clock>,
}

impl Services {
    pub fn new(
        stores: Stores,
        fanout: Arc<dyn Fanout>,
        purges: Arc<dyn Purges>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Services {
            stores,
            announcer: Announcer::new(fanout),
            purges,
            clock,
        }
    }

    /// What the services announce on: for what happens outside a use case
    /// (a session that ends).
    pub fn announcer(&self) -> &Announcer {
        &self.announcer
    }

    /// The clock the services read.
    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }
}
