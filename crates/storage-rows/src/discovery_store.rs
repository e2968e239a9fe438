//! [`chorus_storage::DiscoveryStore`] for a SQL backend, written once:
//! [`crate::sql_discovery_store!`] hands each read to the backend's module
//! that holds its SQL (taste in `taste`, recommendations in `recommend`,
//! the roll-up in `rollup`, charts in `charts`, search in `search`), on
//! the primary, with the store's clock's "now" where a read leaves out
//! listeners private right now.

/// Implements [`chorus_storage::DiscoveryStore`] for `$store` (its pool in
/// `pool`, its clock in `clock`) with the functions of the backend's
/// modules `taste`, `recommend`, `rollup`, `charts` and `search`.
#[macro_export]
// `crate::…` names the calling backend's modules, on purpose.
#[allow(clippy::crate_in_macro_def)]
macro_rules! sql_discovery_store {
    ($store:ty) => {
        use std::ops::RangeInclusive;

        use chorus_domain::{
            ArtistId, ChartPeriod, PublicUser, SearchQuery, TasteSignal, TrackId, UserId,
        };
        use chorus_storage::{
            ChartCounts, CoLiked, DiscoveryStore, FriendTrackActivity, RollUp, SearchMatch,
            StorageResult, StoredChart,
        };

        #[async_trait::async_trait]
        impl DiscoveryStore for $store {
            async fn taste(&self, users: &[UserId]) -> StorageResult<Vec<TasteSignal>> {
                crate::taste::taste(&self.pool, users, self.now_ms()).await
            }

            async fn listeners_sharing(
                &self,
                viewer: UserId,
                artists: &[ArtistId],
                limit: u32,
            ) -> StorageResult<Vec<UserId>> {
                let now = self.now_ms();
                crate::taste::listeners_sharing(&self.pool, viewer, artists, limit, now).await
            }

            async fn public_users(
                &self,
                users: &[UserId],
            ) -> StorageResult<Vec<(UserId, PublicUser)>> {
                crate::taste::public_users(&self.pool, users).await
            }

            async fn tracks_liked_with(
                &self,
                viewer: UserId,
                seeds: &[TrackId],
                limit: u32,
            ) -> StorageResult<Vec<CoLiked<TrackId>>> {
                let now = self.now_ms();
                crate::recommend::tracks_liked_with(&self.pool, viewer, seeds, limit, now).await
            }

            async fn artists_liked_with(
                &self,
                viewer: UserId,
                seeds: &[ArtistId],
                limit: u32,
            ) -> StorageResult<Vec<CoLiked<ArtistId>>> {
                let now = self.now_ms();
                crate::recommend::artists_liked_with(&self.pool, viewer, seeds, limit, now).await
            }

            async fn friends_track_activity(
                &self,
                viewer: UserId,
                since_ms: i64,
                tracks: u32,
            ) -> StorageResult<Vec<FriendTrackActivity>> {
                let now = self.now_ms();
                crate::recommend::friends_track_activity(&self.pool, viewer, since_ms, tracks, now)
                    .await
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
                let now = self.now_ms();
                crate::charts::friends_chart(&self.pool, viewer, since_ms, limit, now).await
            }

            async fn search_matches(
                &self,
                query: &SearchQuery,
                limit: u32,
            ) -> StorageResult<Vec<SearchMatch>> {
                crate::search::search_matches(&self.pool, query, limit).await
            }
        }

        impl $store {
            /// The store's clock's now, in Unix milliseconds.
            fn now_ms(&self) -> i64 {
                self.clock.now().as_ms_i64()
            }
        }
    };
}
