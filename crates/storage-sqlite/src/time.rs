//! Stored times in SQL as Unix milliseconds, and back. Every time is
//! stored as RFC 3339 text in UTC with milliseconds
//! (`2026-11-27T19:01:02.345Z`, SQLite's `strftime('%Y-%m-%dT%H:%M:%fZ')`),
//! so a time in milliseconds compares with a column as that text.

/// A stored time column (a string literal naming it) as Unix milliseconds,
/// exactly: whole seconds from `strftime('%s')`, plus the three digits
/// after the point (characters 21 to 23 of the fixed format).
macro_rules! ms_of {
    ($column:literal) => {
        concat!(
            "(CAST(strftime('%s', ",
            $column,
            ") AS INTEGER) * 1000 + CAST(substr(",
            $column,
            ", 21, 3) AS INTEGER))"
        )
    };
}

/// `ms` (Unix milliseconds) in the stored format, to compare with a
/// stored time; times before 1970 become its start.
pub(crate) fn stored_time(ms: i64) -> String {
    chorus_domain::rfc3339_from_ms(u64::try_from(ms).unwrap_or(0))
}
