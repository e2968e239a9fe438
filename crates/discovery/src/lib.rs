//! Discovery: what Chorus suggests and ranks, built on the storage traits
//! and the domain's formulas. The server's API handlers and the pages'
//! server functions both call [`Discovery`], so a page and its JSON twin
//! always agree. The store reads and counts; the rules that rank what it
//! returns are here (`ranking.rs`, and `chart_refresh.rs` for when a chart
//! changed), not in a backend, whose SQL only picks candidates in the same
//! order where it must bound what a read returns.

mod chart_refresh;
mod charts;
mod compatibility;
mod error;
mod ranking;
mod recommendations;
mod search;

use std::sync::Arc;

use chorus_storage::{CatalogStore, DiscoveryStore, PlaylistStore, SocialStore, UserStore};

pub use chart_refresh::ROLL_UP_BATCH;
pub use error::{DiscoveryError, DiscoveryResult};

/// The discovery service. Cheap to clone.
#[derive(Clone)]
pub struct Discovery {
    store: Arc<dyn DiscoveryStore>,
    catalog: Arc<dyn CatalogStore>,
    social: Arc<dyn SocialStore>,
    users: Arc<dyn UserStore>,
    /// Public playlists a search found.
    playlists: Arc<dyn PlaylistStore>,
}

impl Discovery {
    pub fn new(
        store: Arc<dyn DiscoveryStore>,
        catalog: Arc<dyn CatalogStore>,
        social: Arc<dyn SocialStore>,
        users: Arc<dyn UserStore>,
        playlists: Arc<dyn PlaylistStore>,
    ) -> Self {
        Self {
            store,
            catalog,
            social,
            users,
            playlists,
        }
    }
}
