//! Rate limits on authentication: per client IP on sign-up and log-in
//! (tower_governor, per instance), and per username on log-in (so one
//! account cannot be guessed at from many addresses), counted in the
//! database and so shared by every instance. Both answer 429 with
//! `Retry-After`.

use std::sync::{Arc, Weak};
use std::time::Duration;

use chorus_storage::AttemptStore;

use crate::clock::now_ms;
use crate::http::error::ApiError;

/// Limits, configurable for benchmarks and tests.
#[derive(Debug, Clone, Copy)]
pub struct AuthLimits {
    /// Sign-up and log-in requests per minute from one IP (burst: the same).
    pub per_ip_per_minute: u32,
    /// Log-in attempts per minute for one username (burst: the same).
    pub per_username_per_minute: u32,
}

impl Default for AuthLimits {
    fn default() -> Self {
        Self {
            per_ip_per_minute: 30,
            per_username_per_minute: 10,
        }
    }
}

/// Length of a counting window.
const WINDOW_MS: u64 = 60_000;
/// Longest username key counted (longer input is not a username anyway).
const MAX_KEY: usize = 64;

/// The per-username log-in limiter. Attempts are counted in the database,
/// so all instances share one limit. A sliding window, estimated from two
/// fixed ones: the previous minute's count, weighted by how much of it
/// still overlaps the last 60 s, plus this minute's.
#[derive(Clone)]
pub struct UsernameLimiter {
    attempts: Arc<dyn AttemptStore>,
    per_minute: u32,
}

impl UsernameLimiter {
    /// A limiter counting in `attempts`; old windows are forgotten by a
    /// task that ends when the last clone of the limiter is dropped.
    pub fn new(limits: AuthLimits, attempts: Arc<dyn AttemptStore>) -> Self {
        let limiter = Self {
            attempts,
            per_minute: limits.per_username_per_minute.max(1),
        };
        tokio::spawn(forget_old_windows(Arc::downgrade(&limiter.attempts)));
        limiter
    }

    /// Counts one attempt for `username`, or refuses it with the wait.
    pub async fn check(&self, username: &str) -> Result<(), ApiError> {
        let key: String = username
            .trim()
            .to_lowercase()
            .chars()
            .take(MAX_KEY)
            .collect();
        let now = now_ms();
        let window = now - now % WINDOW_MS;
        let current = self.attempts.count_attempt(&key, window).await?;
        let previous = match window.checked_sub(WINDOW_MS) {
            Some(start) => self.attempts.attempts(&key, start).await?,
            None => 0,
        };
        let overlap = 1.0 - (now - window) as f64 / WINDOW_MS as f64;
        let estimate = f64::from(previous) * overlap + f64::from(current);
        if estimate > f64::from(self.per_minute) {
            let wait = Duration::from_millis(window + WINDOW_MS - now);
            return Err(ApiError::TooManyRequests {
                retry_after: wait.max(Duration::from_secs(1)),
            });
        }
        Ok(())
    }
}

/// Deletes windows older than the previous one, each minute.
async fn forget_old_windows(attempts: Weak<dyn AttemptStore>) {
    let mut every = tokio::time::interval(Duration::from_millis(WINDOW_MS));
    loop {
        every.tick().await;
        let Some(attempts) = attempts.upgrade() else {
            return;
        };
        let before = now_ms().saturating_sub(2 * WINDOW_MS);
        if let Err(e) = attempts.forget_attempts(before).await {
            tracing::warn!(error = %e, "old log-in attempts not forgotten");
        }
    }
}

/// The per-IP layer configuration for the auth routes.
pub fn per_ip_config(
    limits: AuthLimits,
) -> Arc<
    tower_governor::governor::GovernorConfig<
        tower_governor::key_extractor::PeerIpKeyExtractor,
        governor::middleware::NoOpMiddleware,
    >,
> {
    let n = limits.per_ip_per_minute.max(1);
    let replenish_ms = u64::from(60_000 / n).max(1);
    Arc::new(
        tower_governor::governor::GovernorConfigBuilder::default()
            .per_millisecond(replenish_ms)
            .burst_size(n)
            .finish()
            .unwrap_or_default(),
    )
}
