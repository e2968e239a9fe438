//! The discovery store: what taste compatibility, recommendations, charts
//! and search read. Everything here leaves out listeners who are private
//! right now and whatever was done in private: discovery only ever uses
//! what friends could see anyway, and only in aggregate or as likes
//! (which profiles show publicly) for anyone else.
//!
//! The store finds and counts; `chorus-discovery` ranks. Where a read can
//! only bound what comes back by choosing (the best tracks of friends'
//! activity, the best search matches), it chooses in discovery's order, as
//! its method says, so that what discovery lists is always among it.

use std::ops::RangeInclusive;

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

/// A row of a chart: what, and how often it was played.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChartCount<Id> {
    pub id: Id,
    pub plays: u64,
}

/// The entries of a chart: the most played tracks and artists, most played
/// first (ties by id).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChartCounts {
    pub tracks: Vec<ChartCount<TrackId>>,
    pub artists: Vec<ChartCount<ArtistId>>,
}

/// A global chart as kept: its entries, and when it was computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredChart {
    pub computed_ms: i64,
    pub counts: ChartCounts,
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

/// One friend's plays and likes of one track lately.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct FriendTrackActivity {
    pub track: TrackId,
    pub friend: UserId,
    pub plays: u32,
    pub likes: u32,
}

/// What a search document names: an artist, an album, a track, a
/// listener (who has two documents: username and display name), or a
/// public playlist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SearchFound {
    Artist(ArtistId),
    Album(AlbumId),
    Track(TrackId),
    Listener(UserId),
    Playlist(chorus_domain::PlaylistId),
}

/// A document matching a search, with what discovery ranks it by.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SearchMatch {
    pub found: SearchFound,
    /// The folded name is the whole folded query.
    pub exact: bool,
    /// The text index's score of the match, higher is better (SQLite's
    /// bm25 negated, PostgreSQL's `ts_rank`): comparable within one
    /// search only.
    pub relevance: f64,
    /// The folded name's length, in characters.
    pub name_len: u32,
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

    /// What `viewer`'s friends played or liked, visibly to friends, since
    /// `since_ms`, of tracks `viewer` has neither liked nor played: each
    /// friend's plays and likes of each track, in no order. Only those of
    /// `tracks` tracks: the ones most friends had, then with most plays
    /// and likes, then by id (the order of discovery's friends' picks).
    async fn friends_track_activity(
        &self,
        viewer: UserId,
        since_ms: i64,
        tracks: u32,
    ) -> StorageResult<Vec<FriendTrackActivity>>;

    /// Adds `played` events after the roll-up cursor (at most `limit`) to
    /// the daily play counts and the rolled-up taste, and moves the cursor:
    /// exactly once per event, even with several instances rolling up at
    /// once.
    async fn roll_up_plays(&self, limit: u32) -> StorageResult<RollUp>;

    /// The `limit` tracks, and artists, with most plays in the daily play
    /// counts of `days` (UTC days, `chorus_domain::charts::day_of`), never
    /// from the plays themselves.
    async fn most_played(
        &self,
        days: RangeInclusive<i64>,
        limit: u32,
    ) -> StorageResult<ChartCounts>;

    /// Keeps `chart` as the global chart of `period`, and returns the one
    /// it replaced (`None`: none was kept). Replacements of one period
    /// happen one after the other, each returning its predecessor's chart.
    async fn replace_chart(
        &self,
        period: ChartPeriod,
        chart: &StoredChart,
    ) -> StorageResult<Option<StoredChart>>;

    /// The global chart of `period` as last kept (`None` before the
    /// first).
    async fn chart(&self, period: ChartPeriod) -> StorageResult<Option<StoredChart>>;

    /// The chart among `viewer`'s friends since `since_ms`: their plays
    /// visible to friends, at most `limit` of each kind.
    async fn friends_chart(
        &self,
        viewer: UserId,
        since_ms: i64,
        limit: u32,
    ) -> StorageResult<ChartCounts>;

    /// Documents of artists, albums, tracks and listeners whose names have
    /// a word starting with each of the query's terms (case and accents
    /// ignored), in no order. Of each kind at most `limit` (of listeners',
    /// `2 * limit`): those with the exact name first, then the most
    /// relevant, then the shortest, then by id (the order of discovery's
    /// search).
    async fn search_matches(
        &self,
        query: &SearchQuery,
        limit: u32,
    ) -> StorageResult<Vec<SearchMatch>>;
}
