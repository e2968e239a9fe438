//! Points in time: [`Timestamp`], milliseconds since the Unix epoch, the
//! one type every layer passes times in (read from a
//! [`crate::clock::Clock`], never from the system directly), and
//! [`rfc3339_from_ms`], how the API writes them: RFC 3339 in UTC with
//! milliseconds (`2026-11-27T19:01:02.345Z`).

use std::time::Duration;

/// A point in time, to the millisecond, since the Unix epoch (UTC).
/// Compared as numbers, never as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(u64);

impl Timestamp {
    /// The Unix epoch.
    pub const EPOCH: Timestamp = Timestamp(0);

    /// `ms` milliseconds after the epoch.
    pub const fn from_ms(ms: u64) -> Self {
        Timestamp(ms)
    }

    /// Milliseconds since the epoch.
    pub const fn as_ms(self) -> u64 {
        self.0
    }

    /// Milliseconds since the epoch, as databases bind integers.
    pub fn as_ms_i64(self) -> i64 {
        i64::try_from(self.0).unwrap_or(i64::MAX)
    }

    /// `ms` read back from a database integer; times before the epoch
    /// become the epoch.
    pub fn from_ms_i64(ms: i64) -> Self {
        Timestamp(u64::try_from(ms).unwrap_or(0))
    }

    /// `length` later (saturating).
    pub fn after(self, length: Duration) -> Self {
        let ms = u64::try_from(length.as_millis()).unwrap_or(u64::MAX);
        Timestamp(self.0.saturating_add(ms))
    }

    /// As the API writes times (see [`rfc3339_from_ms`]).
    pub fn to_rfc3339(self) -> String {
        rfc3339_from_ms(self.0)
    }
}

const MS_PER_DAY: u64 = 86_400_000;

/// `ms` since the Unix epoch as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
pub fn rfc3339_from_ms(ms: u64) -> String {
    let (days, in_day) = (ms / MS_PER_DAY, ms % MS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    let (h, m, s, milli) = (
        in_day / 3_600_000,
        in_day / 60_000 % 60,
        in_day / 1000 % 60,
        in_day % 1000,
    );
    format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}.{milli:03}Z")
}

/// Gregorian (year, month, day) of a day count since 1970-01-01 (Howard
/// Hinnant's `civil_from_days`, for non-negative counts).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::{rfc3339_from_ms, Timestamp};
    use std::time::Duration;

    #[test]
    fn timestamps_order_as_numbers_and_add_lengths() {
        let t = Timestamp::from_ms(9_999);
        assert!(t < Timestamp::from_ms(10_000));
        assert_eq!(t.after(Duration::from_millis(1)).as_ms(), 10_000);
        assert_eq!(
            Timestamp::from_ms(u64::MAX).after(Duration::MAX).as_ms(),
            u64::MAX
        );
        assert_eq!(Timestamp::from_ms_i64(-5), Timestamp::EPOCH);
        assert_eq!(t.to_rfc3339(), "1970-01-01T00:00:09.999Z");
    }

    #[test]
    fn formats_utc_with_milliseconds() {
        assert_eq!(rfc3339_from_ms(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(
            rfc3339_from_ms(1_700_000_000_123),
            "2023-11-14T22:13:20.123Z"
        );
        assert_eq!(rfc3339_from_ms(951_782_400_000), "2000-02-29T00:00:00.000Z");
        assert_eq!(
            rfc3339_from_ms(4_102_444_799_999),
            "2099-12-31T23:59:59.999Z"
        );
    }
}
