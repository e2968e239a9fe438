//! Search: the store finds candidates by folded prefix, this ranks them
//! ([`crate::ranking::search`]) and reads the best in full.

use std::collections::HashMap;

use chorus_domain::search::MAX_PER_KIND;
use chorus_domain::{SearchQuery, SearchResults};

use crate::ranking::search::best_hits;
use crate::{Discovery, DiscoveryResult};

impl Discovery {
    /// Artists, albums, tracks and listeners matching `text`, at most
    /// `limit` (capped at [`MAX_PER_KIND`]) of each, best first.
    pub async fn search(&self, text: &str, limit: u32) -> DiscoveryResult<SearchResults> {
        let query = SearchQuery::parse(text)?;
        let limit = limit.min(MAX_PER_KIND);
        let hits = best_hits(self.store.search_matches(&query, limit).await?, limit);
        let mut users: HashMap<_, _> = self
            .store
            .public_users(&hits.listeners)
            .await?
            .into_iter()
            .collect();
        Ok(SearchResults {
            artists: self.catalog.artists_by_ids(&hits.artists).await?,
            albums: self.catalog.albums_by_ids(&hits.albums).await?,
            tracks: self.catalog.tracks_by_ids(&hits.tracks).await?,
            users: hits
                .listeners
                .iter()
                .filter_map(|id| users.remove(id))
                .collect(),
            playlists: self.public_playlists(&hits.playlists).await?,
        })
    }

    /// The summaries of these playlists, in order, of those still public
    /// (a playlist made private meanwhile is left out).
    async fn public_playlists(
        &self,
        ids: &[chorus_domain::PlaylistId],
    ) -> DiscoveryResult<Vec<chorus_domain::PlaylistSummary>> {
        let mut found = Vec::with_capacity(ids.len());
        for &id in ids {
            if let Some(stored) = self.playlists.playlist(id).await? {
                if stored.summary.visibility == chorus_domain::PlaylistVisibility::Public {
                    found.push(stored.summary);
                }
            }
        }
        Ok(found)
    }
}
