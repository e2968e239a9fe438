//! Times in SQL. Columns are `TIMESTAMPTZ`; every time a query returns is
//! formatted as the SQLite backend stores them, RFC 3339 in UTC with
//! milliseconds (`2026-11-27T19:01:02.345Z`, see
//! [`chorus_domain::rfc3339_from_ms`]), so callers see the same strings
//! from either backend and text comparison stays time order.

/// The current time as queries compare it: the start of the statement,
/// as SQLite's `'now'` is fixed for one statement.
macro_rules! sql_now {
    () => {
        "statement_timestamp()"
    };
}

/// A `TIMESTAMPTZ` expression (a string literal) as RFC 3339 UTC text
/// with milliseconds.
macro_rules! rfc3339 {
    ($time:literal) => {
        concat!(
            "to_char((",
            $time,
            ") AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
        )
    };
}

/// A `TIMESTAMPTZ` expression (a string literal) as Unix milliseconds
/// (`BIGINT`), as the SQLite backend reads its stored times: whole
/// milliseconds, rounded down.
macro_rules! ms_of {
    ($time:literal) => {
        concat!("(floor(extract(epoch FROM ", $time, ") * 1000)::BIGINT)")
    };
}

/// Unix milliseconds (a parameter or integer expression, a string
/// literal) as a `TIMESTAMPTZ`.
macro_rules! from_ms {
    ($ms:literal) => {
        concat!(
            "(TIMESTAMPTZ 'epoch' + (",
            $ms,
            ")::BIGINT * INTERVAL '1 millisecond')"
        )
    };
}
