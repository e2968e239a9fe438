//! Keeping the global charts fresh: every `--charts-every` seconds each
//! instance rolls up the new plays and recomputes the charts (the roll-up
//! counts each play once however many instances run it), and purges the
//! `/charts` page from the CDN when they came out different.

use std::sync::Arc;
use std::time::Duration;

use chorus_discovery::{Discovery, DiscoveryResult};
use chorus_domain::{Clock, SurrogateKey};

use crate::cdn::Purger;
use crate::drain::Drain;

/// How often charts are recomputed unless configured.
pub const DEFAULT_CHARTS_EVERY: Duration = Duration::from_secs(60);

/// Recomputes the charts and purges their page.
#[derive(Clone)]
pub struct ChartRefresher {
    discovery: Discovery,
    purger: Purger,
    clock: Arc<dyn Clock>,
}

impl ChartRefresher {
    pub fn new(discovery: Discovery, purger: Purger, clock: Arc<dyn Clock>) -> Self {
        Self {
            discovery,
            purger,
            clock,
        }
    }

    /// Refreshes the charts now; whether they changed (and were purged).
    pub async fn refresh(&self) -> DiscoveryResult<bool> {
        let started = std::time::Instant::now();
        let changed = self
            .discovery
            .refresh_charts(self.clock.now().as_ms_i64())
            .await?;
        metrics::histogram!("chorus_chart_refresh_seconds").record(started.elapsed());
        if changed {
            self.purger.purge([SurrogateKey::charts()]).await;
        }
        Ok(changed)
    }

    /// Refreshes every `every` until the instance drains.
    pub fn spawn(self, every: Duration, drain: &Drain) {
        let stop = drain.started();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            let mut stop = std::pin::pin!(stop);
            loop {
                tokio::select! {
                    () = &mut stop => return,
                    _ = tick.tick() => {
                        if let Err(error) = self.refresh().await {
                            tracing::warn!(%error, "charts not refreshed");
                        }
                    }
                }
            }
        });
    }
}
