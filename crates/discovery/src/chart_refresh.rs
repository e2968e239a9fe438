//! Keeping the global charts: computed from daily play counts that a
//! roll-up keeps from the activity table ([`Discovery::refresh_charts`],
//! run periodically), never from all plays per request, and whether a
//! recomputation changed one ([`changed`]: the `/charts` page is then
//! stale).

use chorus_domain::charts::{day_of, CHART_LENGTH};
use chorus_domain::ChartPeriod;
use chorus_storage::StoredChart;

use crate::{Discovery, DiscoveryResult};

/// Most events one roll-up transaction reads: on SQLite it holds the write
/// lock meanwhile, so batches stay around a tenth of a second.
pub const ROLL_UP_BATCH: u32 = 10_000;

impl Discovery {
    /// Rolls up the plays since the last run, then recomputes the global
    /// charts (unless nothing was played since a recomputation the same
    /// day); whether any came out different. Safe to run on several
    /// instances at once.
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
                changed |= self.recompute_chart(period, now_ms).await?.1;
            }
        }
        Ok(changed)
    }

    /// Computes the global chart of `period` ending on the day of `now_ms`
    /// and keeps it: the chart, and whether it [`changed`].
    pub(crate) async fn recompute_chart(
        &self,
        period: ChartPeriod,
        now_ms: i64,
    ) -> DiscoveryResult<(StoredChart, bool)> {
        let days = period.first_day(now_ms)..=day_of(now_ms);
        let chart = StoredChart {
            computed_ms: now_ms,
            counts: self.store.most_played(days, CHART_LENGTH).await?,
        };
        let previous = self.store.replace_chart(period, &chart).await?;
        let changed = changed(previous.as_ref(), &chart);
        Ok((chart, changed))
    }
}

/// Whether `chart` differs from the one kept before it (`None`: none was,
/// so a first chart is a change, even empty): in its entries (ids, order,
/// plays), whenever either was computed.
fn changed(previous: Option<&StoredChart>, chart: &StoredChart) -> bool {
    previous.is_none_or(|p| p.counts != chart.counts)
}

#[cfg(test)]
mod tests {
    use chorus_domain::{ArtistId, TrackId};
    use chorus_storage::{ChartCount, ChartCounts};

    use super::*;

    fn chart(computed_ms: i64, tracks: &[(i64, u64)]) -> StoredChart {
        StoredChart {
            computed_ms,
            counts: ChartCounts {
                tracks: tracks
                    .iter()
                    .map(|&(id, plays)| ChartCount {
                        id: TrackId(id),
                        plays,
                    })
                    .collect(),
                artists: vec![ChartCount {
                    id: ArtistId(9),
                    plays: 3,
                }],
            },
        }
    }

    #[test]
    fn a_change_is_in_the_entries_never_the_time() {
        let first = chart(5, &[(2, 3), (1, 1)]);
        assert!(changed(None, &first));
        assert!(changed(None, &chart(6, &[])), "a first chart, even empty");
        assert!(!changed(Some(&first), &chart(6, &[(2, 3), (1, 1)])));
        assert!(changed(Some(&first), &chart(6, &[(2, 3), (1, 2)])), "plays");
        assert!(changed(Some(&first), &chart(6, &[(1, 1), (2, 3)])), "order");
        assert!(changed(Some(&first), &chart(6, &[(2, 3)])), "an entry less");
        assert!(
            !changed(Some(&chart(5, &[])), &chart(6, &[])),
            "empty both times"
        );
    }
}
