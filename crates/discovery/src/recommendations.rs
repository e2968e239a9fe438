//! Recommendations for a signed-in listener: "Your friends are into" (what
//! friends played or liked this week that the listener has not) and
//! "Because you like X" (tracks and artists liked by the listeners who
//! like X). Each item comes once, with its reason. Friends' picks are
//! ranked by [`crate::ranking::picks`].

use std::collections::{HashMap, HashSet};

use chorus_domain::recommendation::RECOMMENDATIONS_PER_REASON;
use chorus_domain::{
    ArtistId, Reason, Recommendation, Recommendations, Recommended, Track, TrackId, UserId,
};

use crate::ranking::picks::friends_picks;
use crate::{Discovery, DiscoveryResult};

/// Most of the listener's newest likes (of each kind) used as seeds.
const SEEDS: usize = 10;
/// How far back "this week" reaches.
const WEEK_MS: i64 = 7 * 24 * 3600 * 1000;

impl Discovery {
    pub async fn recommendations(
        &self,
        viewer: UserId,
        now_ms: i64,
    ) -> DiscoveryResult<Recommendations> {
        let liked = self.social.liked_ids(viewer).await?;
        let mut items = self.friends_are_into(viewer, now_ms).await?;
        items.extend(self.because_you_like_tracks(viewer, &liked.tracks).await?);
        items.extend(
            self.because_you_like_artists(viewer, &liked.artists)
                .await?,
        );
        // A track friends are into may also be liked with a seed: once.
        let mut seen = HashSet::new();
        items.retain(|item| {
            seen.insert(match &item.item {
                Recommended::Track(track) => (0, track.id.0),
                Recommended::Artist(artist) => (1, artist.id.0),
            })
        });
        Ok(Recommendations { items })
    }

    async fn friends_are_into(
        &self,
        viewer: UserId,
        now_ms: i64,
    ) -> DiscoveryResult<Vec<Recommendation>> {
        let activity = self
            .store
            .friends_track_activity(viewer, now_ms - WEEK_MS, RECOMMENDATIONS_PER_REASON)
            .await?;
        let picks = friends_picks(activity, RECOMMENDATIONS_PER_REASON);
        let friend_ids: Vec<UserId> = picks.iter().flat_map(|p| p.friends.clone()).collect();
        let users: HashMap<_, _> = self
            .store
            .public_users(&friend_ids)
            .await?
            .into_iter()
            .collect();
        let tracks = self.tracks(picks.iter().map(|p| p.track)).await?;
        Ok(picks
            .into_iter()
            .filter_map(|pick| {
                let track = tracks.get(&pick.track)?.clone();
                Some(Recommendation {
                    item: Recommended::Track(Box::new(track)),
                    reason: Reason::FriendsAreInto {
                        friends: pick
                            .friends
                            .iter()
                            .filter_map(|f| users.get(f).cloned())
                            .collect(),
                        plays: pick.plays,
                        likes: pick.likes,
                    },
                })
            })
            .collect())
    }

    /// `liked`: the viewer's liked tracks, newest first.
    async fn because_you_like_tracks(
        &self,
        viewer: UserId,
        liked: &[TrackId],
    ) -> DiscoveryResult<Vec<Recommendation>> {
        let seeds = &liked[..liked.len().min(SEEDS)];
        if seeds.is_empty() {
            return Ok(Vec::new());
        }
        let found = self
            .store
            .tracks_liked_with(viewer, seeds, RECOMMENDATIONS_PER_REASON)
            .await?;
        let tracks = self
            .tracks(found.iter().flat_map(|c| [c.id, c.seed]))
            .await?;
        Ok(found
            .into_iter()
            .filter_map(|co| {
                Some(Recommendation {
                    item: Recommended::Track(Box::new(tracks.get(&co.id)?.clone())),
                    reason: Reason::BecauseYouLikeTrack {
                        track: Box::new(tracks.get(&co.seed)?.clone()),
                        listeners: co.listeners,
                    },
                })
            })
            .collect())
    }

    /// `liked`: the viewer's liked artists, newest first.
    async fn because_you_like_artists(
        &self,
        viewer: UserId,
        liked: &[ArtistId],
    ) -> DiscoveryResult<Vec<Recommendation>> {
        let seeds = &liked[..liked.len().min(SEEDS)];
        if seeds.is_empty() {
            return Ok(Vec::new());
        }
        let found = self
            .store
            .artists_liked_with(viewer, seeds, RECOMMENDATIONS_PER_REASON)
            .await?;
        let ids: Vec<ArtistId> = found.iter().flat_map(|c| [c.id, c.seed]).collect();
        let artists: HashMap<_, _> = self
            .artist_refs(&ids)
            .await?
            .into_iter()
            .map(|a| (a.id, a))
            .collect();
        Ok(found
            .into_iter()
            .filter_map(|co| {
                Some(Recommendation {
                    item: Recommended::Artist(artists.get(&co.id)?.clone()),
                    reason: Reason::BecauseYouLikeArtist {
                        artist: artists.get(&co.seed)?.clone(),
                        listeners: co.listeners,
                    },
                })
            })
            .collect())
    }

    /// Tracks by id, for looking up.
    async fn tracks(
        &self,
        ids: impl Iterator<Item = TrackId>,
    ) -> DiscoveryResult<HashMap<TrackId, Track>> {
        let mut ids: Vec<TrackId> = ids.collect();
        ids.sort();
        ids.dedup();
        Ok(self
            .catalog
            .tracks_by_ids(&ids)
            .await?
            .into_iter()
            .map(|t| (t.id, t))
            .collect())
    }
}
