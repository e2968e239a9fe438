//! Charts as shown: the global ones as last kept (computed on the spot the
//! first time, `chart_refresh.rs`), the friends' ones read per request
//! from the friends' own recent plays; with their tracks and artists in
//! full.

use std::collections::HashMap;

use chorus_domain::charts::CHART_LENGTH;
use chorus_domain::{
    rfc3339_from_ms, Chart, ChartArtist, ChartPeriod, ChartScope, ChartTrack, UserId,
};
use chorus_storage::StoredChart;

use crate::{Discovery, DiscoveryError, DiscoveryResult};

impl Discovery {
    /// The chart of `scope` and `period`; a friends' chart needs `viewer`.
    pub async fn chart(
        &self,
        scope: ChartScope,
        period: ChartPeriod,
        viewer: Option<UserId>,
        now_ms: i64,
    ) -> DiscoveryResult<Chart> {
        let stored = match scope {
            ChartScope::Global => match self.store.chart(period).await? {
                Some(chart) => chart,
                None => self.recompute_chart(period, now_ms).await?.0,
            },
            ChartScope::Friends => {
                let viewer = viewer.ok_or(DiscoveryError::SignInNeeded)?;
                let counts = self
                    .store
                    .friends_chart(viewer, period.start_ms(now_ms), CHART_LENGTH)
                    .await?;
                StoredChart {
                    computed_ms: now_ms,
                    counts,
                }
            }
        };
        self.chart_in_full(scope, period, stored).await
    }

    async fn chart_in_full(
        &self,
        scope: ChartScope,
        period: ChartPeriod,
        stored: StoredChart,
    ) -> DiscoveryResult<Chart> {
        let counts = stored.counts;
        let track_ids: Vec<_> = counts.tracks.iter().map(|c| c.id).collect();
        let mut tracks: HashMap<_, _> = self
            .catalog
            .tracks_by_ids(&track_ids)
            .await?
            .into_iter()
            .map(|t| (t.id, t))
            .collect();
        let artist_ids: Vec<_> = counts.artists.iter().map(|c| c.id).collect();
        let mut artists: HashMap<_, _> = self
            .artist_refs(&artist_ids)
            .await?
            .into_iter()
            .map(|a| (a.id, a))
            .collect();
        Ok(Chart {
            scope,
            period,
            computed_at: rfc3339_from_ms(u64::try_from(stored.computed_ms).unwrap_or(0)),
            tracks: counts
                .tracks
                .iter()
                .filter_map(|c| Some((tracks.remove(&c.id)?, c.plays)))
                .zip(1..)
                .map(|((track, plays), rank)| ChartTrack { rank, track, plays })
                .collect(),
            artists: counts
                .artists
                .iter()
                .filter_map(|c| Some((artists.remove(&c.id)?, c.plays)))
                .zip(1..)
                .map(|((artist, plays), rank)| ChartArtist {
                    rank,
                    artist,
                    plays,
                })
                .collect(),
        })
    }
}
