//! Purging in the background: writers hand over keys and go on; one task
//! per server sends them, merged while it was busy, retried with backoff.

use std::sync::Arc;
use std::time::Duration;

use chorus_domain::surrogate::header_value;
use chorus_domain::SurrogateKey;
use tokio::sync::mpsc;

use super::Cdn;

/// Tries per purge before it is logged as failed.
const ATTEMPTS: u32 = 5;
/// The wait before the first retry; it doubles each time (0.1 + 0.2 + 0.4 +
/// 0.8 s: a CDN back within 1.5 s still gets every purge).
pub const FIRST_RETRY: Duration = Duration::from_millis(100);

/// Hands keys to purge to the background task (or drops them, without a
/// CDN). Cheap to clone.
#[derive(Clone, Default)]
pub struct Purger {
    queue: Option<mpsc::UnboundedSender<Vec<SurrogateKey>>>,
}

impl Purger {
    /// Nothing to purge: no CDN in front.
    pub fn none() -> Self {
        Self::default()
    }

    /// Purges through `cdn` in a background task, which ends when every
    /// clone of the purger is dropped and the queue is done.
    pub fn spawn(cdn: Arc<dyn Cdn>) -> Self {
        let (queue, mut keys) = mpsc::unbounded_channel::<Vec<SurrogateKey>>();
        tokio::spawn(async move {
            while let Some(mut batch) = keys.recv().await {
                // Whatever queued up meanwhile goes in the same purge.
                while let Ok(more) = keys.try_recv() {
                    batch.extend(more);
                }
                batch.sort();
                batch.dedup();
                purge_with_retries(cdn.as_ref(), &batch, FIRST_RETRY).await;
            }
        });
        Self { queue: Some(queue) }
    }

    /// Drops the cached pages showing any of `keys`, soon. Never blocks.
    pub fn purge(&self, keys: impl IntoIterator<Item = SurrogateKey>) {
        let Some(queue) = &self.queue else {
            return;
        };
        let keys: Vec<SurrogateKey> = keys.into_iter().collect();
        if !keys.is_empty() {
            // The task only ends when every sender is gone.
            let _ = queue.send(keys);
        }
    }
}

/// Purges `keys`, retrying after `first_retry`, then twice as long each
/// time; whether it worked. Failures are logged.
pub async fn purge_with_retries(
    cdn: &dyn Cdn,
    keys: &[SurrogateKey],
    first_retry: Duration,
) -> bool {
    let mut wait = first_retry;
    for attempt in 1..=ATTEMPTS {
        match cdn.purge(keys).await {
            Ok(()) => return true,
            Err(error) if attempt < ATTEMPTS => {
                tracing::warn!(%error, attempt, "CDN purge failed; retrying");
                tokio::time::sleep(wait).await;
                wait *= 2;
            }
            Err(error) => {
                tracing::error!(
                    %error,
                    keys = %header_value(keys.iter().cloned()),
                    "CDN purge failed; those pages stay stale until their s-maxage ends"
                );
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use async_trait::async_trait;
    use chorus_domain::{AlbumId, ArtistId};

    use super::super::PurgeError;
    use super::*;

    /// A CDN that fails its first `failures` purges and records the rest.
    struct Flaky {
        failures: Mutex<u32>,
        purged: Mutex<Vec<Vec<SurrogateKey>>>,
    }

    impl Flaky {
        fn new(failures: u32) -> Self {
            Self {
                failures: Mutex::new(failures),
                purged: Mutex::default(),
            }
        }
    }

    #[async_trait]
    impl Cdn for Flaky {
        async fn purge(&self, keys: &[SurrogateKey]) -> Result<(), PurgeError> {
            let mut failures = self.failures.lock().unwrap();
            if *failures > 0 {
                *failures -= 1;
                return Err(PurgeError("down".into()));
            }
            self.purged.lock().unwrap().push(keys.to_vec());
            Ok(())
        }
    }

    #[tokio::test]
    async fn a_failed_purge_is_retried_until_it_works_or_the_tries_run_out() {
        let keys = [SurrogateKey::album(AlbumId(1))];
        let flaky = Flaky::new(ATTEMPTS - 1);
        assert!(purge_with_retries(&flaky, &keys, Duration::from_millis(1)).await);
        assert_eq!(*flaky.purged.lock().unwrap(), [keys.to_vec()]);

        let down = Flaky::new(ATTEMPTS);
        assert!(!purge_with_retries(&down, &keys, Duration::from_millis(1)).await);
        assert!(down.purged.lock().unwrap().is_empty());
    }

    #[tokio::test]
    async fn the_background_purger_sends_what_writers_hand_over() {
        let cdn = Arc::new(Flaky::new(0));
        let purger = Purger::spawn(cdn.clone());
        purger.purge([SurrogateKey::artist(ArtistId(2))]);
        purger.purge([]);
        let wanted = vec![SurrogateKey::artist(ArtistId(2))];
        for _ in 0..1000 {
            if cdn.purged.lock().unwrap().concat() == wanted {
                return;
            }
            tokio::task::yield_now().await;
        }
        panic!("not purged: {:?}", cdn.purged.lock().unwrap());
    }
}
