//! What Chorus needs from a database, as traits, independent of any engine.
//! Callers hold an `Arc<dyn CatalogStore>` (or `UserStore`, ...); backends (`chorus-storage-sqlite`,
//! `chorus-storage-postgres`) implement the traits and pass the same conformance tests.

mod activity;
mod attempts;
mod catalog;
mod devices;
mod discovery;
mod error;
mod import_unit;
mod notifications;
mod online;
mod page;
mod playlists;
mod purges;
mod sitemap;
mod social;
mod unit_of_work;
mod users;

pub use activity::{ActivityStore, FriendPresence, Recorded, SharedEvent};
pub use attempts::AttemptStore;
pub use catalog::{CatalogStore, ImportOutcome, NewTrack};
pub use devices::DeviceStore;
pub use discovery::{
    ChartCount, ChartCounts, CoLiked, DiscoveryStore, FriendTrackActivity, RollUp, SearchFound,
    SearchMatch, StoredChart,
};
pub use error::{StorageError, StorageResult};
pub use import_unit::ImportUnit;
pub use notifications::{NewNotification, NotificationStore};
pub use online::OnlineStore;
pub use page::{Cursor, Page, PageRequest, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
pub use playlists::{EntriesRefused, NewPlaylist, PlaylistChanges, PlaylistStore, StoredPlaylist};
pub use purges::{PendingPurge, PurgeQueue};
pub use sitemap::SitemapStore;
pub use social::{SocialStore, PROFILE_LIKED_ARTISTS};
pub use unit_of_work::{EventTarget, LikeOf, NewEvent, Transactions, UnitOfWork, Visibility};
pub use users::{StoredUser, UserStore};
