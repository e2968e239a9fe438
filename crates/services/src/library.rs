//! A listener's library, put together once: their playlists, *Liked
//! songs* (every liked track, newest first: an automatic playlist), liked
//! albums and liked artists. What is no longer in the catalog is left out.

use std::sync::Arc;

use chorus_domain::{Library, UserId, MAX_LIKED_SONGS};
use chorus_storage::{CatalogStore, SocialStore};

use crate::{Playlists, ServiceResult};

/// The library use case. Cheap to clone.
#[derive(Clone)]
pub struct Libraries {
    catalog: Arc<dyn CatalogStore>,
    social: Arc<dyn SocialStore>,
    playlists: Playlists,
}

impl Libraries {
    pub fn new(
        catalog: Arc<dyn CatalogStore>,
        social: Arc<dyn SocialStore>,
        playlists: Playlists,
    ) -> Self {
        Self {
            catalog,
            social,
            playlists,
        }
    }

    /// `user`'s library.
    pub async fn of(&self, user: UserId) -> ServiceResult<Library> {
        let liked = self.social.liked_ids(user).await?;
        let songs = &liked.tracks[..liked.tracks.len().min(MAX_LIKED_SONGS)];
        Ok(Library {
            playlists: self.playlists.of(user).await?,
            liked_songs: self.catalog.tracks_by_ids(songs).await?,
            liked_albums: self.catalog.albums_by_ids(&liked.albums).await?,
            liked_artists: self.catalog.artists_by_ids(&liked.artists).await?,
        })
    }
}
