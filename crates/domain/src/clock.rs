//! The one injectable clock. Services, storage, realtime and the server read the
//! time from a [`Clock`] they are given, never from the system directly:
//! production hands them [`SystemClock`], tests a [`TestClock`] they set
//! and move, so time-dependent rules are tested without sleeping.

use std::fmt::Debug;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::time::Timestamp;

/// Tells the time.
pub trait Clock: Send + Sync + Debug {
    /// Now.
    fn now(&self) -> Timestamp;
}

/// The system's wall clock (the epoch if it is set before it).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        let ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
        Timestamp::from_ms(ms)
    }
}

/// A clock that stands still until told: for tests.
#[derive(Debug, Default)]
pub struct TestClock(AtomicU64);

impl TestClock {
    /// A clock showing `at`.
    pub fn at(at: Timestamp) -> Self {
        TestClock(AtomicU64::new(at.as_ms()))
    }

    /// Shows `at` from now on.
    pub fn set(&self, at: Timestamp) {
        self.0.store(at.as_ms(), Ordering::SeqCst);
    }

    /// Moves on by `length`.
    pub fn advance(&self, length: Duration) {
        self.set(self.now().after(length));
    }
}

impl Clock for TestClock {
    fn now(&self) -> Timestamp {
        Timestamp::from_ms(self.0.load(Ordering::SeqCst))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_test_clock_moves_only_when_told() {
        let clock = TestClock::at(Timestamp::from_ms(1_000));
        assert_eq!(clock.now().as_ms(), 1_000);
        clock.advance(Duration::from_secs(2));
        assert_eq!(clock.now().as_ms(), 3_000);
        clock.set(Timestamp::from_ms(5));
        assert_eq!(clock.now().as_ms(), 5);
    }

    #[test]
    fn the_system_clock_is_past_2026() {
        assert!(SystemClock.now() > Timestamp::from_ms(1_767_225_600_000));
    }
}
