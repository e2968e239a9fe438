//! Search: the store finds ids by folded prefix, this reads them in full.

use std::collections::HashMap;

use chorus_domain::search::MAX_PER_KIND;
use chorus_domain::{SearchQuery, SearchResults};

use crate::{Discovery, DiscoveryResult};

impl Discovery {
    /// Artists, albums, tracks and listeners matching `text`, at most
    /// `limit` (capped at [`MAX_PER_KIND`]) of each, best first.
    pub async fn search(&self, text: &str, limit: u32) -> DiscoveryResult<SearchResults> {
        let query = SearchQuery::parse(text)?;
        let hits = self.store.search(&query, limit.min(MAX_PER_KIND)).await?;
        let mut users: HashMap<_, _> = self
            .store
            .public_users(&hits.users)
            .await?
            .into_iter()
            .collect();
        Ok(SearchResults {
            artists: self.catalog.artists_by_ids(&hits.artists).await?,
            albums: self.catalog.albums_by_ids(&hits.albums).await?,
            tracks: self.catalog.tracks_by_ids(&hits.tracks).await?,
            users: hits
                .users
                .iter()
                .filter_map(|id| users.remove(id))
                .collect(),
        })
    }
}
