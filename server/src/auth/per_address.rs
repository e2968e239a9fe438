//! The per-client-address limit on sign-up and log-in (governor's keyed
//! GCRA, per instance): `--auth-per-ip-per-minute` requests a minute, in a
//! burst of the same. Clients are told apart by [`ClientKey`] (the address
//! behind trusted proxies; an IPv6 client by its /64), so one client
//! spending its budget leaves every other one theirs.
//!
//! The limiter's memory is bounded: a key whose budget has refilled is no
//! different from a key never seen, and is evicted every
//! [`EVICT_EVERY`]; what is kept is one small entry per client address
//! seen within the last minute or so.

use std::num::NonZeroU32;
use std::sync::{Arc, Weak};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::middleware::NoOpMiddleware;
use governor::state::keyed::DashMapStateStore;
use governor::{Quota, RateLimiter};

use crate::http::client_addr::{ClientAddr, ClientKey};
use crate::http::error::ApiError;

/// How often keys whose budget has refilled are forgotten.
pub const EVICT_EVERY: Duration = Duration::from_secs(10);

type Keyed<C> =
    RateLimiter<ClientKey, DashMapStateStore<ClientKey>, C, NoOpMiddleware<<C as Clock>::Instant>>;

/// A budget of requests per client per minute. Cheap to clone.
#[derive(Clone)]
pub struct AddressLimiter<C: Clock = DefaultClock> {
    limiter: Arc<Keyed<C>>,
    clock: C,
}

impl AddressLimiter {
    /// `per_minute` requests a minute per client; evicts idle keys in a
    /// task that ends when the last clone is dropped.
    pub fn new(per_minute: u32) -> Self {
        let limiter = Self::with_clock(per_minute, DefaultClock::default());
        tokio::spawn(evict_idle(Arc::downgrade(&limiter.limiter)));
        limiter
    }
}

impl<C: Clock + Clone> AddressLimiter<C> {
    fn with_clock(per_minute: u32, clock: C) -> Self {
        let n = NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN);
        let quota = Quota::per_minute(n).allow_burst(n);
        Self {
            limiter: Arc::new(RateLimiter::dashmap_with_clock(quota, clock.clone())),
            clock,
        }
    }

    /// Spends one request of `client`'s budget, or says how long to wait.
    pub fn check(&self, client: ClientKey) -> Result<(), ApiError> {
        self.limiter.check_key(&client).map_err(|not_until| {
            let wait = not_until.wait_time_from(self.clock.now());
            ApiError::TooManyRequests {
                retry_after: wait.max(Duration::from_secs(1)),
            }
        })
    }

    /// Clients the limiter holds state for.
    pub fn tracked(&self) -> usize {
        self.limiter.len()
    }

    #[cfg(test)]
    fn evict(&self) {
        evict(&self.limiter);
    }
}

fn evict<C: Clock>(limiter: &Keyed<C>) {
    limiter.retain_recent();
    limiter.shrink_to_fit();
}

async fn evict_idle(limiter: Weak<Keyed<DefaultClock>>) {
    let mut every = tokio::time::interval(EVICT_EVERY);
    loop {
        every.tick().await;
        let Some(limiter) = limiter.upgrade() else {
            return;
        };
        evict(&limiter);
    }
}

/// The middleware on the routes it guards.
pub async fn limit_per_address(
    State(limiter): State<AddressLimiter>,
    client: ClientAddr,
    request: Request,
    next: Next,
) -> Response {
    match limiter.check(client.key()) {
        Ok(()) => next.run(request).await,
        Err(refused) => {
            tracing::info!(%client, "per-address limit reached");
            refused.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use governor::clock::FakeRelativeClock;

    use super::*;

    fn v4(last: u8) -> ClientKey {
        ClientKey::of([198, 51, 100, last].into())
    }

    #[test]
    fn each_client_has_its_own_budget_and_waits_are_told() {
        let clock = FakeRelativeClock::default();
        let limiter = AddressLimiter::with_clock(3, clock.clone());
        for _ in 0..3 {
            limiter.check(v4(1)).unwrap();
        }
        let Err(ApiError::TooManyRequests { retry_after }) = limiter.check(v4(1)) else {
            panic!("the fourth request in a minute is refused");
        };
        assert_eq!(
            retry_after,
            Duration::from_secs(20),
            "one request per 20 s refills"
        );
        limiter.check(v4(2)).expect("another client is not limited");
        clock.advance(Duration::from_secs(20));
        limiter.check(v4(1)).expect("refilled");
    }

    #[test]
    fn idle_clients_are_forgotten() {
        let clock = FakeRelativeClock::default();
        let limiter = AddressLimiter::with_clock(30, clock.clone());
        for last in 0..=255 {
            limiter.check(v4(last)).unwrap();
        }
        limiter
            .check(ClientKey::of("2001:db8::1".parse().unwrap()))
            .unwrap();
        assert_eq!(limiter.tracked(), 257);
        limiter.evict();
        assert_eq!(limiter.tracked(), 257, "budgets not yet refilled are kept");
        // One request spent one 2 s cell; a cell later its state is no
        // different from a fresh one.
        clock.advance(Duration::from_secs(2));
        limiter.evict();
        assert_eq!(limiter.tracked(), 257, "not yet a cell past refilled");
        clock.advance(Duration::from_secs(2));
        limiter.evict();
        assert_eq!(limiter.tracked(), 0, "refilled budgets are forgotten");
    }
}
