//! Rolling plays up, as both backends do it: the events one roll-up read
//! ([`RollUpRow`], oldest first), aggregated in memory into the daily
//! play counts, the listeners' plays per artist and the first event id of
//! each day ([`PlayRollUp`]), which the backend then adds to its tables in
//! a few batched upserts (its `add`). [`crate::sql_roll_up_plays!`] writes
//! the roll-up's transaction once for both.

use std::collections::BTreeMap;

use chorus_domain::charts::day_of;
use chorus_domain::taste::stored_play_weight;
use chorus_storage::RollUp;

/// The events after `$1`, oldest first, at most `$2`: what a roll-up reads.
pub const EVENTS: &str = "SELECT a.id, a.kind = 'played' AS played, \
     (a.kind = 'played' AND a.visibility = 'friends' AND t.id IS NOT NULL) AS counted, \
     a.user_id, a.track_id, t.artist_id, a.at_ms \
     FROM activity a LEFT JOIN tracks t ON t.id = a.track_id \
     WHERE a.id > $1 ORDER BY a.id LIMIT $2";

/// Defines `roll_up_plays(pool: &$pool, limit)`: in one transaction
/// (begun with `begin`), reads the cursor (`read_cursor`, which must keep
/// other roll-ups out until the commit), the events after it, adds their
/// sums with the calling module's `add(&mut connection, &PlayRollUp)`,
/// and moves the cursor.
#[macro_export]
macro_rules! sql_roll_up_plays {
    (
        pool: $pool:ty,
        begin: $begin:literal,
        read_cursor: $read_cursor:literal,
        map_err: $map_err:path $(,)?
    ) => {
        pub(crate) async fn roll_up_plays(
            pool: &$pool,
            limit: u32,
        ) -> chorus_storage::StorageResult<chorus_storage::RollUp> {
            let mut tx = pool.begin_with($begin).await.map_err($map_err)?;
            let cursor: i64 = sqlx::query_scalar($read_cursor)
                .fetch_one(&mut *tx)
                .await
                .map_err($map_err)?;
            let rows: Vec<$crate::rollup::RollUpRow> = sqlx::query_as($crate::rollup::EVENTS)
                .bind(cursor)
                .bind(i64::from(limit))
                .fetch_all(&mut *tx)
                .await
                .map_err($map_err)?;
            let (sums, outcome) = $crate::rollup::PlayRollUp::of(&rows, cursor);
            add(&mut tx, &sums).await?;
            if outcome.cursor != cursor {
                sqlx::query("UPDATE rollup_cursor SET last_id = $1 WHERE id = 1")
                    .bind(outcome.cursor)
                    .execute(&mut *tx)
                    .await
                    .map_err($map_err)?;
            }
            tx.commit().await.map_err($map_err)?;
            Ok(outcome)
        }
    };
}

/// One activity row a roll-up read, of any kind (every one moves the
/// cursor and counts for its day's first id). Select `id`, `played` (a
/// `played` event), `counted` (a played event visible to friends, of a
/// track that still exists), `user_id`, `track_id`, `artist_id` (the
/// track's), and `at_ms` (the event's time in Unix ms).
#[derive(Debug, sqlx::FromRow)]
pub struct RollUpRow {
    pub id: i64,
    pub played: bool,
    pub counted: bool,
    pub user_id: i64,
    pub track_id: Option<i64>,
    pub artist_id: Option<i64>,
    pub at_ms: i64,
}

/// Counted plays aggregated by (day, track) and by (listener, artist).
/// Ordered maps, so upserts go in key order (one lock order for all).
#[derive(Debug, Default, PartialEq)]
pub struct PlayRollUp {
    /// (UTC day, track) → plays.
    pub daily: BTreeMap<(i64, i64), i64>,
    /// (listener, artist) → (summed stored weight, plays).
    pub taste: BTreeMap<(i64, i64), (f64, i64)>,
    /// UTC day → the smallest id of the day's events read (of any kind).
    pub first_ids: BTreeMap<i64, i64>,
}

impl PlayRollUp {
    /// Aggregates `rows` (read after `cursor`, oldest first): what to add,
    /// and the roll-up's outcome (played events read, private ones
    /// included; the cursor moved to the last id read, or kept).
    pub fn of(rows: &[RollUpRow], cursor: i64) -> (Self, RollUp) {
        let mut sums = Self::default();
        let mut outcome = RollUp { events: 0, cursor };
        for row in rows {
            outcome.cursor = outcome.cursor.max(row.id);
            let first = sums.first_ids.entry(day_of(row.at_ms)).or_insert(row.id);
            *first = (*first).min(row.id);
            if !row.played {
                continue;
            }
            outcome.events += 1;
            if let (true, Some(track), Some(artist)) = (row.counted, row.track_id, row.artist_id) {
                sums.add(row.user_id, track, artist, row.at_ms);
            }
        }
        (sums, outcome)
    }

    /// Counts one play of `track` (by `artist`) by `user` at `at_ms`.
    pub fn add(&mut self, user: i64, track: i64, artist: i64, at_ms: i64) {
        *self.daily.entry((day_of(at_ms), track)).or_default() += 1;
        let taste = self.taste.entry((user, artist)).or_default();
        taste.0 += stored_play_weight(at_ms);
        taste.1 += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400_000;

    fn row(id: i64, played: bool, counted: bool, at_ms: i64) -> RollUpRow {
        RollUpRow {
            id,
            played,
            counted,
            user_id: 7,
            track_id: Some(3),
            artist_id: Some(5),
            at_ms,
        }
    }

    #[test]
    fn counted_plays_add_up_by_day_and_by_artist_and_every_row_moves_the_cursor() {
        let rows = [
            row(11, true, true, 10 * DAY + 1),
            row(12, false, false, 10 * DAY + 2),
            row(13, true, false, 10 * DAY + 3),
            row(14, true, true, 11 * DAY),
            row(15, true, true, 11 * DAY + 5),
            row(16, false, false, 12 * DAY),
        ];
        let (sums, outcome) = PlayRollUp::of(&rows, 10);
        assert_eq!(
            outcome,
            RollUp {
                events: 4,
                cursor: 16
            }
        );
        let daily: Vec<_> = sums.daily.into_iter().collect();
        assert_eq!(daily, [((10, 3), 1), ((11, 3), 2)]);
        let first_ids: Vec<_> = sums.first_ids.into_iter().collect();
        assert_eq!(first_ids, [(10, 11), (11, 14), (12, 16)]);
        let (weight, plays) = sums.taste[&(7, 5)];
        assert_eq!(plays, 3);
        let expected = stored_play_weight(10 * DAY + 1)
            + stored_play_weight(11 * DAY)
            + stored_play_weight(11 * DAY + 5);
        assert!((weight - expected).abs() < 1e-12);
    }

    #[test]
    fn nothing_read_keeps_the_cursor() {
        let (sums, outcome) = PlayRollUp::of(&[], 42);
        assert_eq!(
            outcome,
            RollUp {
                events: 0,
                cursor: 42
            }
        );
        assert_eq!(sums, PlayRollUp::default());
    }
}
