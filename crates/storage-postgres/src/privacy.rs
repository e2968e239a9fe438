//! "Private right now" as SQL, shared by every query that decides what
//! others may see of a listener: privacy set to private, or a private
//! session that has not ended.

// Columns are unqualified so the expressions fit any query over `users`
// (no other table has these column names).

/// True when the user row is private right now.
pub(crate) const PRIVATE_NOW: &str = concat!(
    "(privacy = 'private' OR COALESCE(private_until > ",
    sql_now!(),
    ", false))"
);

/// `private_until` (as RFC 3339 text) while the private session lasts,
/// else NULL.
pub(crate) const PRIVATE_SESSION_UNTIL: &str = concat!(
    "CASE WHEN private_until > ",
    sql_now!(),
    " THEN ",
    rfc3339!("private_until"),
    " END"
);
