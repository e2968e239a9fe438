//! Charts: the most played tracks and artists of some days, from the
//! daily play counts (`rollup.rs`); the global ones kept per period; and
//! the friends' chart, counted from the viewer's friends' events (few
//! enough to count on every request). Discovery says which days, how
//! many, and whether a chart changed.

use std::ops::RangeInclusive;

use chorus_domain::charts::day_of;
use chorus_domain::{ArtistId, ChartPeriod, TrackId, UserId};
use chorus_storage::{ChartCounts, StorageResult, StoredChart};
use chorus_storage_rows::charts::{count, counts_of, entry_rows, stored_chart, ChartRow};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection, SqlitePool};

use crate::error::map_err;
use crate::since::first_id_since;
use chorus_storage_rows::people::private_at;

/// The sums of `days`' counts, outside any transaction: a long read never
/// holds the write lock.
pub(crate) async fn most_played(
    pool: &SqlitePool,
    days: RangeInclusive<i64>,
    limit: u32,
) -> StorageResult<ChartCounts> {
    let tracks: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT track_id, SUM(plays) AS plays FROM daily_track_plays \
         WHERE day BETWEEN ?1 AND ?2 GROUP BY track_id ORDER BY plays DESC, track_id LIMIT ?3",
    )
    .bind(*days.start())
    .bind(*days.end())
    .bind(limit)
    .fetch_all(pool)
    .await
    .map_err(map_err)?;
    let artists: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT t.artist_id, SUM(d.plays) AS plays \
         FROM daily_track_plays d JOIN tracks t ON t.id = d.track_id \
         WHERE d.day BETWEEN ?1 AND ?2 \
         GROUP BY t.artist_id ORDER BY plays DESC, t.artist_id LIMIT ?3",
    )
    .bind(*days.start())
    .bind(*days.end())
    .bind(limit)
    .fetch_all(pool)
    .await
    .map_err(map_err)?;
    Ok(ChartCounts {
        tracks: tracks
            .into_iter()
            .map(|(t, p)| count(TrackId(t), p))
            .collect(),
        artists: artists
            .into_iter()
            .map(|(a, p)| count(ArtistId(a), p))
            .collect(),
    })
}

/// Replaces the chart kept for `period` in one `IMMEDIATE` transaction, so
/// replacements run one after the other, each reading its predecessor's.
pub(crate) async fn replace_chart(
    pool: &SqlitePool,
    period: ChartPeriod,
    chart: &StoredChart,
) -> StorageResult<Option<StoredChart>> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.map_err(map_err)?;
    let previous = read(&mut tx, period).await?;
    replace(&mut tx, period, chart).await?;
    tx.commit().await.map_err(map_err)?;
    Ok(previous)
}

/// Writes `chart` as the one kept for `period`, entries and all.
async fn replace(
    conn: &mut SqliteConnection,
    period: ChartPeriod,
    chart: &StoredChart,
) -> StorageResult<()> {
    sqlx::query(
        "INSERT INTO charts (period, computed_ms) VALUES (?1, ?2) \
         ON CONFLICT (period) DO UPDATE SET computed_ms = excluded.computed_ms",
    )
    .bind(period.as_str())
    .bind(chart.computed_ms)
    .execute(&mut *conn)
    .await
    .map_err(map_err)?;
    sqlx::query("DELETE FROM chart_entries WHERE period = ?1")
        .bind(period.as_str())
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    let rows = entry_rows(&chart.counts);
    if rows.is_empty() {
        return Ok(());
    }
    let mut query = QueryBuilder::<Sqlite>::new(
        "INSERT INTO chart_entries (period, kind, rank, ref_id, plays) ",
    );
    query.push_values(rows, |mut row, (kind, rank, id, plays)| {
        row.push_bind(period.as_str())
            .push_bind(kind)
            .push_bind(rank)
            .push_bind(id)
            .push_bind(plays);
    });
    query.build().execute(&mut *conn).await.map_err(map_err)?;
    Ok(())
}

/// The chart kept for `period`, read in one statement (so never half
/// replaced).
async fn read(
    conn: &mut SqliteConnection,
    period: ChartPeriod,
) -> StorageResult<Option<StoredChart>> {
    let rows: Vec<ChartRow> = sqlx::query_as(
        "SELECT c.computed_ms, e.kind, e.ref_id, e.plays \
         FROM charts c LEFT JOIN chart_entries e ON e.period = c.period \
         WHERE c.period = ?1 ORDER BY e.kind, e.rank",
    )
    .bind(period.as_str())
    .fetch_all(conn)
    .await
    .map_err(map_err)?;
    stored_chart(rows)
}

pub(crate) async fn chart(
    pool: &SqlitePool,
    period: ChartPeriod,
) -> StorageResult<Option<StoredChart>> {
    let mut conn = pool.acquire().await.map_err(map_err)?;
    read(&mut conn, period).await
}

/// The chart of `viewer`'s friends (not private now) since `since_ms`:
/// their `played` events visible to friends, through each friend's own
/// recent activity (`activity_user` from the first id since, `since.rs`),
/// never a scan of everyone's. Ranked in SQL, so only the chart's rows
/// come back.
pub(crate) async fn friends_chart(
    pool: &SqlitePool,
    viewer: UserId,
    since_ms: i64,
    limit: u32,
    now: i64,
) -> StorageResult<ChartCounts> {
    let private = private_at("?5");
    let sql = format!(
        "WITH counts AS MATERIALIZED ( \
             SELECT a.track_id, t.artist_id, COUNT(*) AS plays \
             FROM friendships f \
             JOIN users u ON u.id = f.friend_id \
             JOIN activity a ON a.user_id = f.friend_id \
             JOIN tracks t ON t.id = a.track_id \
             WHERE f.user_id = ?1 AND NOT {private} AND a.id >= {first} \
               AND a.kind = 'played' AND a.visibility = 'friends' AND a.at_ms >= ?2 \
             GROUP BY a.track_id, t.artist_id), \
         {RANKED}",
        first = first_id_since("?3"),
    );
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(&sql)
        .bind(viewer.0)
        .bind(since_ms)
        .bind(day_of(since_ms))
        .bind(limit)
        .bind(now)
        .fetch_all(pool)
        .await
        .map_err(map_err)?;
    counts_of(rows)
}

/// The chart of `counts` (track, artist, plays): the most played tracks,
/// and artists by their tracks' plays, most first (ties by id), at most
/// `?4` of each, as (kind, id, plays) in rank order.
const RANKED: &str = "\
    top_tracks AS (SELECT 'track' AS kind, track_id AS ref_id, plays FROM counts \
                   ORDER BY plays DESC, track_id LIMIT ?4), \
    top_artists AS (SELECT 'artist' AS kind, artist_id AS ref_id, SUM(plays) AS plays \
                    FROM counts GROUP BY artist_id ORDER BY plays DESC, artist_id LIMIT ?4) \
    SELECT kind, ref_id, plays FROM top_tracks \
    UNION ALL SELECT kind, ref_id, plays FROM top_artists \
    ORDER BY kind, plays DESC, ref_id";
