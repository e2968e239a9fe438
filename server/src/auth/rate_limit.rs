//! Rate limits on authentication: per client IP on sign-up and log-in
//! (tower_governor), and per username on log-in (so one account cannot be
//! guessed at from many addresses). Both answer 429 with `Retry-After`.

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};

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

fn per_minute(n: u32) -> Quota {
    let n = NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN);
    Quota::per_minute(n).allow_burst(n)
}

/// The per-username log-in limiter, shared by all requests of an instance.
#[derive(Clone)]
pub struct UsernameLimiter {
    limiter: Arc<DefaultKeyedRateLimiter<String>>,
}

impl UsernameLimiter {
    pub fn new(limits: AuthLimits) -> Self {
        Self {
            limiter: Arc::new(DefaultKeyedRateLimiter::keyed(per_minute(
                limits.per_username_per_minute,
            ))),
        }
    }

    /// Counts one attempt for `username`, or refuses it with the wait.
    pub fn check(&self, username: &str) -> Result<(), ApiError> {
        let key = username.trim().to_lowercase();
        self.limiter.check_key(&key).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            ApiError::TooManyRequests {
                retry_after: wait.max(Duration::from_secs(1)),
            }
        })
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
