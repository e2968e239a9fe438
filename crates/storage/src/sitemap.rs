//! What the sitemap lists ([`chorus_domain::sitemap`]): how many public
//! pages of each kind there are, and the keys of one sitemap's pages.

use async_trait::async_trait;
use chorus_domain::{SitemapKind, SitemapPage};

use crate::StorageResult;

/// Reads the public pages the sitemap lists.
#[async_trait]
pub trait SitemapStore: Send + Sync {
    /// How many public pages of `kind` there are: artists with an album,
    /// albums, tracks, and listeners whose activity is not private.
    async fn sitemap_count(&self, kind: SitemapKind) -> StorageResult<u64>;

    /// The keys of the pages in sitemap `page` (ids, or usernames for
    /// listeners), in id order: at most
    /// [`chorus_domain::URLS_PER_SITEMAP`], none past the last.
    async fn sitemap_keys(&self, page: SitemapPage) -> StorageResult<Vec<String>>;
}
