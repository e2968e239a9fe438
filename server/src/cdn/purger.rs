//! Durable purging. Writers store the keys to purge in the database
//! ([`Purger::purge`], awaited before they answer) and go on; a sender on
//! every instance sends what is due in batches, forgets each purge only
//! when the CDN confirmed it, and retries failures with backoff (0.1 s
//! doubling to a minute) for as long as it takes. A purge therefore
//! survives a CDN outage, a drain ([`Purger::flush`] sends what is
//! pending, backoff or not) and a crash (what is stored is sent by the
//! next instance to look).
//!
//! Behind a read replica, a purge waits until the replica has replayed the
//! change (`chorus_storage::PurgeQueue`), so the CDN's refetch never
//! caches the old page again; a replica more than [`FENCE_WAIT`] behind is
//! not waited for.

use std::sync::Arc;
use std::time::Duration;

use chorus_domain::surrogate::header_value;
use chorus_domain::{Clock, SurrogateKey};
use chorus_storage::{PendingPurge, PurgeQueue};
use tokio::sync::Notify;
use tokio::time::Instant;

use super::Cdn;

/// Keys claimed and sent together at most.
const BATCH: u32 = 200;
/// How long a claim hides a purge from other senders: far longer than a
/// purge request may take.
const CLAIM: Duration = Duration::from_secs(30);
/// The wait before the first retry; it doubles with each failure.
const FIRST_RETRY: Duration = Duration::from_millis(100);
const MAX_RETRY: Duration = Duration::from_secs(60);
/// Failures after which each further one is logged as an error.
const LOUD_AFTER: u32 = 5;
/// Longest a purge waits for the read replica to replay its change.
pub const FENCE_WAIT: Duration = Duration::from_secs(60);
/// How often a sender looks for purges without being told: quickly while
/// some wait (retries, the replica fence), seldom otherwise (what other
/// instances queued and could not send, what a crash left).
const LOOK_WHILE_PENDING: Duration = Duration::from_millis(200);
const LOOK_IDLE: Duration = Duration::from_secs(2);

/// Queues purges, and sends them. Cheap to clone.
#[derive(Clone, Default)]
pub struct Purger {
    sender: Option<Arc<Sender>>,
}

struct Sender {
    cdn: Arc<dyn Cdn>,
    queue: Arc<dyn PurgeQueue>,
    wake: Notify,
    clock: Arc<dyn Clock>,
}

impl Purger {
    /// Nothing to purge: no CDN in front.
    pub fn none() -> Self {
        Self::default()
    }

    /// Purges through `cdn`, queued in `queue`. `send` starts this
    /// instance's sender (a server); without it (a one-off command) call
    /// [`Self::flush`].
    pub fn new(
        cdn: Arc<dyn Cdn>,
        queue: Arc<dyn PurgeQueue>,
        send: bool,
        clock: Arc<dyn Clock>,
    ) -> Self {
        let sender = Arc::new(Sender {
            cdn,
            queue,
            wake: Notify::new(),
            clock,
        });
        if send {
            tokio::spawn(Arc::clone(&sender).run());
        }
        Self {
            sender: Some(sender),
        }
    }

    /// Stores `keys` to purge; they are sent as soon as possible. A failure
    /// to store them is logged (the writer's change is made: it does not
    /// fail the request; those pages stay stale until their `s-maxage`).
    pub async fn purge(&self, keys: impl IntoIterator<Item = SurrogateKey>) {
        let Some(sender) = &self.sender else {
            return;
        };
        let keys: Vec<String> = keys.into_iter().map(|k| k.to_string()).collect();
        if keys.is_empty() {
            return;
        }
        match sender
            .queue
            .queue_purges(&keys, sender.clock.now().as_ms())
            .await
        {
            Ok(()) => sender.wake.notify_one(),
            Err(e) => tracing::error!(
                error = %e,
                keys = %keys.join(" "),
                "purges not stored; those pages stay stale until their s-maxage"
            ),
        }
    }

    /// Sends every purge pending now, waiting for no backoff, until none
    /// is left or `limit` has passed; whether none is left. A drain calls
    /// it; so does `chorus import` after queuing its purges.
    pub async fn flush(&self, limit: Duration) -> bool {
        let Some(sender) = &self.sender else {
            return true;
        };
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            match sender.send_due(DUE_NOW_OR_LATER).await {
                Round::Sent => continue,
                Round::Idle => {
                    if matches!(sender.queue.pending_purges().await, Ok(0)) {
                        return true;
                    }
                    // What is left waits for the replica, or is another
                    // sender's claim: look again shortly.
                }
                Round::Failed => {}
            }
            tokio::time::sleep(LOOK_WHILE_PENDING.min(deadline - Instant::now())).await;
        }
        matches!(sender.queue.pending_purges().await, Ok(0))
    }
}

/// A due time every pending purge is due by, backoff or not.
const DUE_NOW_OR_LATER: u64 = u64::MAX / 2;

/// What one round of sending did.
enum Round {
    /// A batch went out and was confirmed.
    Sent,
    /// Nothing was due (or claimable).
    Idle,
    /// The queue could not be read, or the CDN refused the batch.
    Failed,
}

impl Sender {
    /// Sends what is due, then looks again when told or after a while.
    async fn run(self: Arc<Self>) {
        loop {
            let round = loop {
                match self.send_due(self.clock.now().as_ms()).await {
                    Round::Sent => {}
                    other => break other,
                }
            };
            let pending = match round {
                Round::Idle => matches!(self.queue.pending_purges().await, Ok(n) if n > 0),
                _ => true,
            };
            let look = if pending {
                LOOK_WHILE_PENDING
            } else {
                LOOK_IDLE
            };
            if Arc::strong_count(&self) == 1 {
                return; // every purger is gone
            }
            let _ = tokio::time::timeout(look, self.wake.notified()).await;
        }
    }

    /// Claims one batch due by `due_ms` and sends it.
    async fn send_due(&self, due_ms: u64) -> Round {
        let now = self.clock.now().as_ms();
        let claimed_until = now.saturating_add(millis(CLAIM));
        let unfenced_before = now.saturating_sub(millis(FENCE_WAIT));
        let batch = match self
            .queue
            .claim_purges(due_ms, claimed_until, unfenced_before, BATCH)
            .await
        {
            Ok(batch) if batch.is_empty() => return Round::Idle,
            Ok(batch) => batch,
            Err(e) => {
                tracing::warn!(error = %e, "the purge queue could not be read");
                return Round::Failed;
            }
        };
        let keys: Vec<SurrogateKey> = batch
            .iter()
            .filter_map(|p| SurrogateKey::parse(&p.key))
            .collect();
        match self.cdn.purge(&keys).await {
            Ok(()) => {
                metrics::counter!("chorus_cdn_purges_total", "outcome" => "sent")
                    .increment(batch.len() as u64);
                if let Err(e) = self.queue.purges_done(&batch).await {
                    // Sent again later: a purge twice does no harm.
                    tracing::warn!(error = %e, "sent purges not marked done");
                }
                Round::Sent
            }
            Err(error) => {
                metrics::counter!("chorus_cdn_purges_total", "outcome" => "failed")
                    .increment(batch.len() as u64);
                self.retry_later(&batch, &error.0).await;
                Round::Failed
            }
        }
    }

    async fn retry_later(&self, batch: &[PendingPurge], error: &str) {
        let attempts = batch.iter().map(|p| p.attempts).max().unwrap_or(0) + 1;
        let wait = retry_wait(attempts);
        let keys = header_value(batch.iter().filter_map(|p| SurrogateKey::parse(&p.key)));
        if attempts >= LOUD_AFTER {
            tracing::error!(%error, attempts, %keys, retry_in_s = wait.as_secs_f64(),
                "CDN purge keeps failing; those pages are stale until it works");
        } else {
            tracing::warn!(%error, attempts, retry_in_s = wait.as_secs_f64(), "CDN purge failed; retrying");
        }
        let retry_at = self.clock.now().as_ms().saturating_add(millis(wait));
        if let Err(e) = self.queue.purges_failed(batch, retry_at).await {
            tracing::warn!(error = %e, "failed purges not rescheduled; their claim runs out instead");
        }
    }
}

/// The wait after the `attempts`-th failure: 0.1 s doubling, at most a
/// minute.
fn retry_wait(attempts: u32) -> Duration {
    FIRST_RETRY
        .saturating_mul(2u32.saturating_pow(attempts.saturating_sub(1)))
        .min(MAX_RETRY)
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

#[async_trait::async_trait]
impl chorus_services::Purges for Purger {
    async fn purge(&self, keys: Vec<SurrogateKey>) {
        Purger::purge(self, keys).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_to_a_minute() {
        assert_eq!(retry_wait(1), Duration::from_millis(100));
        assert_eq!(retry_wait(2), Duration::from_millis(200));
        assert_eq!(retry_wait(4), Duration::from_millis(800));
        assert_eq!(retry_wait(11), Duration::from_secs(60));
        assert_eq!(retry_wait(u32::MAX), Duration::from_secs(60));
    }
}
