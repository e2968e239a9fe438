//! Rolling plays up ([`chorus_storage::DiscoveryStore::roll_up_plays`]):
//! the events after the cursor read oldest first, their `played` ones
//! visible to friends added to the daily play counts (charts) and to each
//! listener's plays per artist (taste), each day's first event id noted
//! (`since.rs`), and the cursor moved past every event read, in one
//! transaction.
//!
//! Exactly once, with several instances rolling up at once: the
//! transaction first locks the cursor row (`FOR UPDATE`), so roll-ups
//! queue there, and the one that waited reads the cursor its predecessor
//! committed (READ COMMITTED re-reads a row it waited for). A cursor is
//! safe because activity ids become visible in id order (`record.rs`): no
//! event can appear below the cursor after a roll-up moved past it.
//!
//! The upserts take `KEY SHARE` locks on the tracks, users and artists
//! they name (foreign keys), as events do; a re-import that moves a track
//! and deletes its emptied artist while a roll-up counts plays of both
//! can deadlock with it, which PostgreSQL detects: the roll-up fails and
//! the next one does its work.

use chorus_storage::StorageResult;
use chorus_storage_rows::rollup::PlayRollUp;
use sqlx::{PgConnection, PgPool};

use crate::error::map_err;

chorus_storage_rows::sql_roll_up_plays! {
    pool: PgPool,
    begin: "BEGIN",
    // The cursor's row lock: one roll-up at a time.
    read_cursor: "SELECT last_id FROM rollup_cursor WHERE id = 1 FOR UPDATE",
    map_err: map_err,
}

/// Adds the sums to the daily counts, the taste and the days' first ids:
/// one statement each, the rows passed as arrays (in key order, so row
/// locks are taken in one order).
async fn add(conn: &mut PgConnection, sums: &PlayRollUp) -> StorageResult<()> {
    if !sums.daily.is_empty() {
        let (mut days, mut tracks, mut plays) = (Vec::new(), Vec::new(), Vec::new());
        for ((day, track), n) in &sums.daily {
            days.push(*day);
            tracks.push(*track);
            plays.push(*n);
        }
        sqlx::query(
            "INSERT INTO daily_track_plays (day, track_id, plays) \
             SELECT * FROM UNNEST($1::BIGINT[], $2::BIGINT[], $3::BIGINT[]) \
             ON CONFLICT (day, track_id) DO UPDATE \
             SET plays = daily_track_plays.plays + EXCLUDED.plays",
        )
        .bind(days)
        .bind(tracks)
        .bind(plays)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    if !sums.taste.is_empty() {
        let (mut users, mut artists) = (Vec::new(), Vec::new());
        let (mut weights, mut plays) = (Vec::new(), Vec::new());
        for ((user, artist), (weight, n)) in &sums.taste {
            users.push(*user);
            artists.push(*artist);
            weights.push(*weight);
            plays.push(*n);
        }
        sqlx::query(
            "INSERT INTO taste_plays (user_id, artist_id, weight, plays) \
             SELECT * FROM UNNEST($1::BIGINT[], $2::BIGINT[], $3::DOUBLE PRECISION[], $4::BIGINT[]) \
             ON CONFLICT (user_id, artist_id) DO UPDATE \
             SET weight = taste_plays.weight + EXCLUDED.weight, \
                 plays = taste_plays.plays + EXCLUDED.plays",
        )
        .bind(users)
        .bind(artists)
        .bind(weights)
        .bind(plays)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    if !sums.first_ids.is_empty() {
        let days: Vec<i64> = sums.first_ids.keys().copied().collect();
        let ids: Vec<i64> = sums.first_ids.values().copied().collect();
        sqlx::query(
            "INSERT INTO activity_days (day, first_id) \
             SELECT * FROM UNNEST($1::BIGINT[], $2::BIGINT[]) \
             ON CONFLICT (day) DO UPDATE \
             SET first_id = LEAST(activity_days.first_id, EXCLUDED.first_id)",
        )
        .bind(days)
        .bind(ids)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    Ok(())
}
