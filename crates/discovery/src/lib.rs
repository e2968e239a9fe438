//! Discovery: what Chorus suggests and ranks, built on the storage traits
//! and the domain's formulas. The server's API handlers and the pages'
//! server functions both call [`Discovery`], so a page and its JSON twin
//! always agree.

mod charts;
mod compatibility;
mod error;
mod recommendations;
mod search;

use std::sync::Arc;

use chorus_storage::{CatalogStore, DiscoveryStore, SocialStore, UserStore};

pub use charts::ROLL_UP_BATCH;
pub use error::{DiscoveryError, DiscoveryResult};

/// The discovery service. Cheap to clone.
#[derive(Clone)]
pub struct Discovery {
    store: Arc<dyn DiscoveryStore>,
    catalog: Arc<dyn CatalogStore>,
    social: Arc<dyn SocialStore>,
    users: Arc<dyn UserStore>,
}

impl Discovery {
    pub fn new(
        store: Arc<dyn DiscoveryStore>,
        catalog: Arc<dyn CatalogStore>,
        social: Arc<dyn SocialStore>,
        users: Arc<dyn UserStore>,
    ) -> Self {
        Self {
            store,
            catalog,
            social,
            users,
        }
    }
}
