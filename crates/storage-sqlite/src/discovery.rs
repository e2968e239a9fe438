//! [`DiscoveryStore`] for SQLite: taste in `taste`, recommendations in
//! `recommend`, the roll-up in `rollup`, charts in `charts`, search in
//! `search` (its documents in `search_documents`).

use std::ops::RangeInclusive;

use async_trait::async_trait;
use chorus_domain::{ArtistId, ChartPeriod, PublicUser, SearchQuery, TasteSignal, TrackId, UserId};
use chorus_storage::{
    ChartCounts, CoLiked, DiscoveryStore, FriendTrackActivity, RollUp, SearchMatch, StorageResult,
    StoredChart,
};

use crate::SqliteStore;

#[async_trait]
impl DiscoveryStore for SqliteStore {
    async fn taste(&self, users: &[UserId]) -> StorageResult<Vec<TasteSignal>> {
        crate::taste::taste(&self.pool, users).await
    }

    async fn listeners_sharing(
        &self,
        viewer: UserId,
        artists: &[ArtistId],
        limit: u32,
    ) -> StorageResult<Vec<UserId>> {
        crate::taste::listeners_sharing(&self.pool, viewer, artists, limit).await
    }

    async fn public_users(&self, users: &[UserId]) -> StorageResult<Vec<(UserId, PublicUser)>> {
        crate::taste::public_users(&self.pool, users).await
    }

    async fn tracks_liked_with(
        &self,
        viewer: UserId,
        seeds: &[TrackId],
        limit: u32,
    ) -> StorageResult<Vec<CoLiked<TrackId>>> {
        crate::recommend::tracks_liked_with(&self.pool, viewer, seeds, limit).await
    }

    async fn artists_liked_with(
        &self,
        viewer: UserId,
        seeds: &[ArtistId],
        limit: u32,
    ) -> StorageResult<Vec<CoLiked<ArtistId>>> {
        crate::recommend::artists_liked_with(&self.pool, viewer, seeds, limit).await
    }

    async fn friends_track_activity(
        &self,
        viewer: UserId,
        since_ms: i64,
        tracks: u32,
    ) -> StorageResult<Vec<FriendTrackActivity>> {
        crate::recommend::friends_track_activity(&self.pool, viewer, since_ms, tracks).await
    }

    async fn roll_up_plays(&self, limit: u32) -> StorageResult<RollUp> {
        crate::rollup::roll_up_plays(&self.pool, limit).await
    }

    async fn most_played(
        &self,
        days: RangeInclusive<i64>,
        limit: u32,
    ) -> StorageResult<ChartCounts> {
        crate::charts::most_played(&self.pool, days, limit).await
    }

    async fn replace_chart(
        &self,
        period: ChartPeriod,
        chart: &StoredChart,
    ) -> StorageResult<Option<StoredChart>> {
        crate::charts::replace_chart(&self.pool, period, chart).await
    }

    async fn chart(&self, period: ChartPeriod) -> StorageResult<Option<StoredChart>> {
        crate::charts::chart(&self.pool, period).await
    }

    async fn friends_chart(
        &self,
        viewer: UserId,
        since_ms: i64,
        limit: u32,
    ) -> StorageResult<ChartCounts> {
        crate::charts::friends_chart(&self.pool, viewer, since_ms, limit).await
    }

    async fn search_matches(
        &self,
        query: &SearchQuery,
        limit: u32,
    ) -> StorageResult<Vec<SearchMatch>> {
        crate::search::search_matches(&self.pool, query, limit).await
    }
}
