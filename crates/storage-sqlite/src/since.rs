//! Where a friend's recent events start: the lowest id an event at or
//! after a given day can have, from the days' first ids the roll-up notes
//! (`rollup.rs`), or just past the roll-up cursor. Reads of friends'
//! events since a time (`charts.rs`, `recommend.rs`) walk each friend's
//! activity from there (`activity_user`, by id) instead of all of it; the
//! bound is exact whatever order the events' times are in, and only as
//! tight as the last roll-up (every event after it is walked).

/// A scalar subquery: the lowest id an event on day `param` (a
/// placeholder, `?3`) or later can have.
pub(crate) fn first_id_since(param: &str) -> String {
    format!(
        "(SELECT MIN(bound) FROM ( \
             SELECT MIN(first_id) AS bound FROM activity_days WHERE day >= {param} \
             UNION ALL SELECT last_id + 1 FROM rollup_cursor WHERE id = 1) bounds)"
    )
}
