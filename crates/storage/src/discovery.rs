//! The discovery store: what taste compatibility, recommendations, charts
//! and search read. Everything here leaves out listeners who are private
//! right now and whatever was done in private: discovery only ever uses
//! what friends could see anyway, and only in aggregate or as likes
//! (which profiles show publicly) for anyone else.

use async_trait::async_trait;
use chorus_domain::{
    AlbumId, ArtistId, ChartPeriod, PublicUser, SearchQuery, TasteSignal, TrackId, UserId,
};

use crate::StorageResult;

/// What one run of [`DiscoveryStore::roll_up_plays`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RollUp {
    /// `played` events read (private ones are read and skipped).
    pub events: u64,
    /// The newest event id rolled up so far.
    pub cursor: i64,
}

/// A row of a chart as stored: what, and how often it was played.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChartCount<Id> {
    pub id: Id,
    pub plays: u64,
}

/// A stored chart: the most played tracks and artists, most played first
/// (ties by id), and when it was computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredChart {
    pub computed_ms: i64,
    pub tracks: Vec<ChartCount<TrackId>>,
    pub artists: Vec<ChartCount<ArtistId>>,
}

/// A track (or artist) liked by listeners who also like a seed of the
/// viewer's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CoLiked<Id> {
    pub seed: Id,
    pub id: Id,
    /// Listeners who like both.
    pub listeners: u32,
}

/// A track the viewer's friends played or liked lately.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FriendsPick {
    pub track: TrackId,
    /// Friends who played or liked it, most active first.
    pub friends: Vec<UserId>,
    pub plays: u32,
    pub likes: u32,
}

/// Search matches by kind, best first: ids to read in full.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchHits {
    pub artists: Vec<ArtistId>,
    pub albums: Vec<AlbumId>,
    pub tracks: Vec<TrackId>,
    pub users: Vec<UserId>,
}

/// Reads (and rolls up) what discovery needs.
#[async_trait]
pub trait DiscoveryStore: Send + Sync {
    /// The public taste of `users`: their likes of artists and of tracks
    /// (by the track's artist) not made in private, and their plays rolled
    /// up by [`Self::roll_up_plays`] (never private ones). Nothing for a
    /// listener who is private right now; unknown users are left out.
    async fn taste(&self, users: &[UserId]) -> StorageResult<Vec<TasteSignal>>;

    /// Listeners other than `viewer` and not private now, with public taste
    /// in any of `artists`, most of them shared first, at most `limit`:
    /// candidates for "listeners like you".
    async fn listeners_sharing(
        &self,
        viewer: UserId,
        artists: &[ArtistId],
        limit: u32,
    ) -> StorageResult<Vec<UserId>>;

    /// The public view of `users` (unknown ones left out), in no order.
    async fn public_users(&self, users: &[UserId]) -> StorageResult<Vec<(UserId, PublicUser)>>;

    /// Tracks liked (publicly, by listeners not private now) by listeners
    /// who like one of `seeds`, that `viewer` neither likes nor is among
    /// `seeds`; the best-shared first, at most `limit`.
    async fn tracks_liked_with(
        &self,
        viewer: UserId,
        seeds: &[TrackId],
        limit: u32,
    ) -> StorageResult<Vec<CoLiked<TrackId>>>;

    /// Likewise for artists, from likes of artists.
    async fn artists_liked_with(
        &self,
        viewer: UserId,
        seeds: &[ArtistId],
        limit: u32,
    ) -> StorageResult<Vec<CoLiked<ArtistId>>>;

    /// Tracks `viewer`'s friends played or liked, visibly to friends, since
    /// `since_ms`, that `viewer` has neither liked nor played; most friends
    /// first, then most plays and likes; at most `limit`.
    async fn friends_picks(
        &self,
        viewer: UserId,
        since_ms: i64,
        limit: u32,
    ) -> StorageResult<Vec<FriendsPick>>;

    /// Adds `played` events after the roll-up cursor (at most `limit`) to
    /// the daily play counts and the rolled-up taste, and moves the cursor:
    /// exactly once per event, even with several instances rolling up at
    /// once.
    async fn roll_up_plays(&self, limit: u32) -> StorageResult<RollUp>;

    /// Computes the global chart of `period` ending on the day of `now_ms`
    /// from the daily play counts (never from the plays themselves), keeps
    /// it, and returns whether it differs from the one kept before.
    async fn recompute_chart(&self, period: ChartPeriod, now_ms: i64) -> StorageResult<bool>;

    /// The global chart of `period` as last computed (`None` before the
    /// first computation).
    async fn chart(&self, period: ChartPeriod) -> StorageResult<Option<StoredChart>>;

    /// The chart among `viewer`'s friends since `since_ms`: their plays
    /// visible to friends, at most `limit` of each kind.
    async fn friends_chart(
        &self,
        viewer: UserId,
        since_ms: i64,
        limit: u32,
    ) -> StorageResult<StoredChart>;

    /// Artists, albums, tracks and listeners whose names have a word
    /// starting with each of the query's terms (case and accents ignored),
    /// the best `limit` of each kind: exact names first, then by relevance.
    async fn search(&self, query: &SearchQuery, limit: u32) -> StorageResult<SearchHits>;
}
