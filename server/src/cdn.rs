//! The CDN in front of the public pages, as far as the origin deals with
//! it: purging by surrogate key when what a page shows changes.
//!
//! `CHORUS_CDN` picks the CDN: `none` (the default: nothing to purge) or
//! `varnish://HOST:PORT` (Varnish with the xkey module, see
//! `deploy/varnish/chorus.vcl`). Another CDN with surrogate keys (Fastly's
//! `POST /service/ID/purge` with a `Surrogate-Key` header, say) is one more
//! [`Cdn`] implementation and one more URL scheme here.
//!
//! Writers call [`Purger::purge`], which stores the keys in the database's
//! purge queue and never fails their request; every instance sends what is
//! queued, retrying with backoff until the CDN confirms (see
//! [`purger`](Purger)).

mod purger;
mod varnish;

use std::sync::Arc;

use async_trait::async_trait;
use chorus_domain::SurrogateKey;

pub use purger::{Purger, FENCE_WAIT};
pub use varnish::Varnish;

/// A CDN that drops cached responses by surrogate key.
#[async_trait]
pub trait Cdn: Send + Sync {
    /// Drops every cached response tagged with any of `keys`.
    async fn purge(&self, keys: &[SurrogateKey]) -> Result<(), PurgeError>;
}

/// Why a purge failed (it is retried, then logged).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct PurgeError(pub String);

/// What to purge when these tracks were added or changed: the home page,
/// the sitemap (pages may have been added or dropped),
/// each track's page, its album's and its artist's (every page showing a
/// track names its album).
pub async fn catalog_keys(
    catalog: &dyn chorus_storage::CatalogStore,
    tracks: &[chorus_domain::TrackId],
) -> chorus_storage::StorageResult<Vec<SurrogateKey>> {
    let mut keys = vec![SurrogateKey::home(), SurrogateKey::sitemap()];
    for &id in tracks {
        let track = catalog.track(id).await?;
        keys.extend([
            SurrogateKey::track(id),
            SurrogateKey::album(track.album.id),
            SurrogateKey::artist(track.artist.id),
        ]);
    }
    keys.sort();
    keys.dedup();
    Ok(keys)
}

/// The CDN a `CHORUS_CDN` value names; `None` for `none`.
pub fn from_url(url: &str) -> anyhow::Result<Option<Arc<dyn Cdn>>> {
    if url == "none" {
        return Ok(None);
    }
    if let Some(address) = url.strip_prefix("varnish://") {
        return Ok(Some(Arc::new(Varnish::new(address)?)));
    }
    anyhow::bail!("unknown CDN {url:?}: expected `none` or `varnish://HOST:PORT`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cdn_url_names_none_or_a_varnish_address() {
        assert!(from_url("none").unwrap().is_none());
        assert!(from_url("varnish://127.0.0.1:6081").unwrap().is_some());
        let unknown = from_url("fastly://x").err().unwrap().to_string();
        assert!(unknown.contains("varnish://HOST:PORT"), "{unknown}");
        assert!(from_url("varnish://").is_err(), "an address is needed");
    }
}
