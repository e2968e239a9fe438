//! Rolling plays up ([`chorus_storage::DiscoveryStore::roll_up_plays`]):
//! the events after the cursor read oldest first, their `played` ones
//! visible to friends added to the daily play counts (charts) and to each
//! listener's plays per artist (taste), each day's first event id noted
//! (`since.rs`), and the cursor moved past every event read, in one
//! transaction.
//!
//! Exactly once, with several roll-ups at once: the transaction starts
//! `IMMEDIATE`, taking the write lock before it reads the cursor, so
//! roll-ups run one after the other, each from where the last one left
//! off. SQLite has one writer, so events commit in id order and none can
//! appear below the cursor afterwards.

use chorus_storage::StorageResult;
use chorus_storage_rows::rollup::PlayRollUp;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection, SqlitePool};

use crate::error::map_err;

/// Rows per upsert statement (well under SQLite's 32,766 parameters).
const CHUNK: usize = 1000;

chorus_storage_rows::sql_roll_up_plays! {
    pool: SqlitePool,
    // The write lock from the start: one roll-up at a time.
    begin: "BEGIN IMMEDIATE",
    read_cursor: "SELECT last_id FROM rollup_cursor WHERE id = 1",
    map_err: map_err,
}

/// Adds the sums to the daily counts, the taste and the days' first ids,
/// in batches.
async fn add(conn: &mut SqliteConnection, sums: &PlayRollUp) -> StorageResult<()> {
    let daily: Vec<_> = sums.daily.iter().collect();
    for chunk in daily.chunks(CHUNK) {
        let mut query =
            QueryBuilder::<Sqlite>::new("INSERT INTO daily_track_plays (day, track_id, plays) ");
        query.push_values(chunk, |mut row, ((day, track), plays)| {
            row.push_bind(*day).push_bind(*track).push_bind(**plays);
        });
        query.push(" ON CONFLICT (day, track_id) DO UPDATE SET plays = plays + excluded.plays");
        query.build().execute(&mut *conn).await.map_err(map_err)?;
    }
    let taste: Vec<_> = sums.taste.iter().collect();
    for chunk in taste.chunks(CHUNK) {
        let mut query = QueryBuilder::<Sqlite>::new(
            "INSERT INTO taste_plays (user_id, artist_id, weight, plays) ",
        );
        query.push_values(chunk, |mut row, ((user, artist), (weight, plays))| {
            row.push_bind(*user)
                .push_bind(*artist)
                .push_bind(*weight)
                .push_bind(*plays);
        });
        query.push(
            " ON CONFLICT (user_id, artist_id) DO UPDATE SET \
             weight = weight + excluded.weight, plays = plays + excluded.plays",
        );
        query.build().execute(&mut *conn).await.map_err(map_err)?;
    }
    let days: Vec<_> = sums.first_ids.iter().collect();
    for chunk in days.chunks(CHUNK) {
        let mut query = QueryBuilder::<Sqlite>::new("INSERT INTO activity_days (day, first_id) ");
        query.push_values(chunk, |mut row, (day, id)| {
            row.push_bind(**day).push_bind(**id);
        });
        query.push(" ON CONFLICT (day) DO UPDATE SET first_id = MIN(first_id, excluded.first_id)");
        query.build().execute(&mut *conn).await.map_err(map_err)?;
    }
    Ok(())
}
