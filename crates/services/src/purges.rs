//! Dropping CDN-cached public pages when what they show changes. The
//! server implements [`Purges`] with its queue to the CDN.

use async_trait::async_trait;
use chorus_domain::SurrogateKey;

/// Purges cached pages by surrogate key.
#[async_trait]
pub trait Purges: Send + Sync {
    async fn purge(&self, keys: Vec<SurrogateKey>);
}

/// No CDN in front: nothing to purge.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoPurges;

#[async_trait]
impl Purges for NoPurges {
    async fn purge(&self, _keys: Vec<SurrogateKey>) {}
}
