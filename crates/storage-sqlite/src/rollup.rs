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

use chorus_storage::{RollUp, StorageResult};
use chorus_storage_rows::rollup::{PlayRollUp, RollUpRow};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection, SqlitePool};

use crate::error::map_err;

/// Rows per upsert statement (well under SQLite's 32,766 parameters).
const CHUNK: usize = 1000;

/// The events after `?1`, oldest first, at most `?2`: what a roll-up reads.
const EVENTS: &str = concat!(
    "SELECT a.id, a.kind = 'played' AS played, \
     (a.kind = 'played' AND a.visibility = 'friends' AND t.id IS NOT NULL) AS counted, \
     a.user_id, a.track_id, t.artist_id, ",
    ms_of!("a.at"),
    " AS at_ms \
     FROM activity a LEFT JOIN tracks t ON t.id = a.track_id \
     WHERE a.id > ?1 ORDER BY a.id LIMIT ?2"
);

pub(crate) async fn roll_up_plays(pool: &SqlitePool, limit: u32) -> StorageResult<RollUp> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.map_err(map_err)?;
    let (cursor,): (i64,) = sqlx::query_as("SELECT last_id FROM rollup_cursor WHERE id = 1")
        .fetch_one(&mut *tx)
        .await
        .map_err(map_err)?;
    let rows: Vec<RollUpRow> = sqlx::query_as(EVENTS)
        .bind(cursor)
        .bind(i64::from(limit))
        .fetch_all(&mut *tx)
        .await
        .map_err(map_err)?;
    let (sums, outcome) = PlayRollUp::of(&rows, cursor);
    add(&mut tx, &sums).await?;
    if outcome.cursor != cursor {
        sqlx::query("UPDATE rollup_cursor SET last_id = ?1 WHERE id = 1")
            .bind(outcome.cursor)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
    }
    tx.commit().await.map_err(map_err)?;
    Ok(outcome)
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
