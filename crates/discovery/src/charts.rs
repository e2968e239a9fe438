//! Charts. The global ones are computed from daily play counts that a
//! roll-up keeps from the activity table ([`Discovery::refresh_charts`],
//! run periodically), never from all plays per request; the friends' ones
//! are read per request from the friends' own recent plays.

use std::collections::HashMap;

use chorus_domain::charts::{day_of, CHART_LENGTH};
use chorus_domain::{
    rfc3339_from_ms, Chart, ChartArtist, ChartPeriod, ChartScope, ChartTrack, UserId,
};
use chorus_storage::StoredChart;

use crate::{Discovery, DiscoveryError, DiscoveryResult};

/// Most events one roll-up transaction reads: on SQLite it holds the write
/// lock meanwhile, so batches stay around a tenth of a second.
pub const ROLL_UP_BATCH: u32 = 10_000;

impl Discovery {
    /// Rolls up the plays since the last run, then recomputes the global
    /// charts (unless nothing was played since a recomputation the same
    /// day); whether any came out different (the `/charts` page is then
    /// stale). Safe to run on several instances at once.
    pub async fn refresh_charts(&self, now_ms: i64) -> DiscoveryResult<bool> {
        let mut plays = 0;
        let mut cursor = None;
        loop {
            let rolled = self.store.roll_up_plays(ROLL_UP_BATCH).await?;
            plays += rolled.events;
            if cursor == Some(rolled.cursor) {
                break;
            }
            cursor = Some(rolled.cursor);
        }
        let mut changed = false;
        for period in ChartPeriod::ALL {
            // No new plays on the same day: the sums cannot have moved.
            let kept = self.store.chart(period).await?;
            let same_day = kept.is_some_and(|c| day_of(c.computed_ms) == day_of(now_ms));
            if plays > 0 || !same_day {
                changed |= self.store.recompute_chart(period, now_ms).await?;
            }
        }
        Ok(changed)
    }

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
                None => {
                    self.store.recompute_chart(period, now_ms).await?;
                    self.store.chart(period).await?.unwrap_or(StoredChart {
                        computed_ms: now_ms,
                        tracks: Vec::new(),
                        artists: Vec::new(),
                    })
                }
            },
            ChartScope::Friends => {
                let viewer = viewer.ok_or(DiscoveryError::SignInNeeded)?;
                self.store
                    .friends_chart(viewer, period.start_ms(now_ms), CHART_LENGTH)
                    .await?
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
        let track_ids: Vec<_> = stored.tracks.iter().map(|c| c.id).collect();
        let mut tracks: HashMap<_, _> = self
            .catalog
            .tracks_by_ids(&track_ids)
            .await?
            .into_iter()
            .map(|t| (t.id, t))
            .collect();
        let artist_ids: Vec<_> = stored.artists.iter().map(|c| c.id).collect();
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
            tracks: stored
                .tracks
                .iter()
                .filter_map(|c| Some((tracks.remove(&c.id)?, c.plays)))
                .zip(1..)
                .map(|((track, plays), rank)| ChartTrack { rank, track, plays })
                .collect(),
            artists: stored
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
