//! Rate limits on authentication: per client address on sign-up and log-in
//! ([`super::per_address`], per instance), and per account on password
//! checks ([`LoginLimiter`]: log-in and the current password of a password
//! change), counted in the database and so shared by every instance. Both
//! answer 429 with `Retry-After`.
//!
//! Password checks are counted per [`LoginKey`]: guesses at an account
//! from browsers it never signed in on share one budget per username (so
//! one account cannot be guessed at faster from many addresses), while a
//! browser the account signed in on before (a trusted device, see
//! [`super::devices`]) has a budget of its own. So a stranger who spends
//! the username's budget locks out strangers, not the owner.

use std::sync::{Arc, Weak};
use std::time::Duration;

use chorus_domain::Clock;
use chorus_storage::AttemptStore;

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
/// Longest key counted (longer input is not a username anyway).
const MAX_KEY: usize = 64;

/// Whose budget a password check spends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginKey {
    /// Any client without a trusted device for the account: one budget
    /// per username, whoever and wherever they are.
    Username(String),
    /// A trusted device of the account (the hash of its token).
    Device(String),
}

impl LoginKey {
    /// The key as counted in the attempt store. Usernames are counted as
    /// typed, folded (they never contain `:`); devices by their token hash.
    fn counted(&self) -> String {
        match self {
            Self::Username(name) => name.trim().to_lowercase().chars().take(MAX_KEY).collect(),
            Self::Device(hash) => {
                let hash: String = hash.chars().take(MAX_KEY).collect();
                format!("device:{hash}")
            }
        }
    }
}

/// The password-check limiter. Attempts are counted in the database, so
/// all instances share one limit. A sliding window, estimated from two
/// fixed ones: the previous minute's count, weighted by how much of it
/// still overlaps the last 60 s, plus this minute's. Attempts are counted
/// before the password is checked, so parallel guesses cannot slip past.
#[derive(Clone)]
pub struct LoginLimiter {
    attempts: Arc<dyn AttemptStore>,
    per_minute: u32,
    clock: Arc<dyn Clock>,
}

impl LoginLimiter {
    /// A limiter counting in `attempts`; old windows are forgotten by a
    /// task that ends when the last clone of the limiter is dropped.
    pub fn new(limits: AuthLimits, attempts: Arc<dyn AttemptStore>, clock: Arc<dyn Clock>) -> Self {
        let limiter = Self {
            attempts,
            per_minute: limits.per_username_per_minute.max(1),
            clock,
        };
        tokio::spawn(forget_old_windows(
            Arc::downgrade(&limiter.attempts),
            limiter.clock.clone(),
        ));
        limiter
    }

    /// Counts one password check on `key`, or refuses it with the wait.
    pub async fn check(&self, key: &LoginKey) -> Result<(), ApiError> {
        let key = key.counted();
        let now = self.clock.now().as_ms();
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
async fn forget_old_windows(attempts: Weak<dyn AttemptStore>, clock: Arc<dyn Clock>) {
    let mut every = tokio::time::interval(Duration::from_millis(WINDOW_MS));
    loop {
        every.tick().await;
        let Some(attempts) = attempts.upgrade() else {
            return;
        };
        let before = clock.now().as_ms().saturating_sub(2 * WINDOW_MS);
        if let Err(e) = attempts.forget_attempts(before).await {
            tracing::warn!(error = %e, "old log-in attempts not forgotten");
        }
    }
}
