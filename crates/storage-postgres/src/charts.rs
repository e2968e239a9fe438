//! Charts: the most played tracks and artists of some days, from the
//! daily play counts (`rollup.rs`); the global ones kept per period; and
//! the friends' chart, counted from the viewer's friends' events (few
//! enough to count on every request). Discovery says which days, how
//! many, and whether a chart changed. Replacements queue on the charts
//! advisory lock (`locks.rs`), so each reads the chart its predecessor
//! kept.

use std::ops::RangeInclusive;

use chorus_domain::charts::day_of;
use chorus_domain::{ArtistId, ChartPeriod, TrackId, UserId};
use chorus_storage::{ChartCounts, StorageResult, StoredChart};
use chorus_storage_rows::charts::{count, counts_of, entry_rows, stored_chart, ChartRow};
use sqlx::{PgConnection, PgPool};

use crate::error::map_err;
use crate::locks::{lock, CHARTS};
use crate::since::first_id_since;
use chorus_storage_rows::people::private_at;

pub(crate) async fn most_played(
    pool: &PgPool,
    days: RangeInclusive<i64>,
    limit: u32,
) -> StorageResult<ChartCounts> {
    let tracks: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT track_id, SUM(plays)::BIGINT AS plays FROM daily_track_plays \
         WHERE day BETWEEN $1 AND $2 GROUP BY track_id ORDER BY plays DESC, track_id LIMIT $3",
    )
    .bind(*days.start())
    .bind(*days.end())
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await
    .map_err(map_err)?;
    let artists: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT t.artist_id, SUM(d.plays)::BIGINT AS plays \
         FROM daily_track_plays d JOIN tracks t ON t.id = d.track_id \
         WHERE d.day BETWEEN $1 AND $2 \
         GROUP BY t.artist_id ORDER BY plays DESC, t.artist_id LIMIT $3",
    )
    .bind(*days.start())
    .bind(*days.end())
    .bind(i64::from(limit))
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

pub(crate) async fn replace_chart(
    pool: &PgPool,
    period: ChartPeriod,
    chart: &StoredChart,
) -> StorageResult<Option<StoredChart>> {
    let mut tx = pool.begin().await.map_err(map_err)?;
    lock(&mut tx, CHARTS).await?;
    let previous = read(&mut tx, period).await?;
    replace(&mut tx, period, chart).await?;
    tx.commit().await.map_err(map_err)?;
    Ok(previous)
}

/// Writes `chart` as the one kept for `period`, entries and all.
async fn replace(
    conn: &mut PgConnection,
    period: ChartPeriod,
    chart: &StoredChart,
) -> StorageResult<()> {
    sqlx::query(
        "INSERT INTO charts (period, computed_ms) VALUES ($1, $2) \
         ON CONFLICT (period) DO UPDATE SET computed_ms = EXCLUDED.computed_ms",
    )
    .bind(period.as_str())
    .bind(chart.computed_ms)
    .execute(&mut *conn)
    .await
    .map_err(map_err)?;
    sqlx::query("DELETE FROM chart_entries WHERE period = $1")
        .bind(period.as_str())
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    let (mut kinds, mut ranks, mut ids, mut plays) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (kind, rank, id, n) in entry_rows(&chart.counts) {
        kinds.push(kind);
        ranks.push(rank);
        ids.push(id);
        plays.push(n);
    }
    sqlx::query(
        "INSERT INTO chart_entries (period, kind, rank, ref_id, plays) \
         SELECT $1, * FROM UNNEST($2::TEXT[], $3::BIGINT[], $4::BIGINT[], $5::BIGINT[])",
    )
    .bind(period.as_str())
    .bind(kinds)
    .bind(ranks)
    .bind(ids)
    .bind(plays)
    .execute(&mut *conn)
    .await
    .map_err(map_err)?;
    Ok(())
}

/// The chart kept for `period`, read in one statement (so never half
/// replaced).
async fn read(conn: &mut PgConnection, period: ChartPeriod) -> StorageResult<Option<StoredChart>> {
    let rows: Vec<ChartRow> = sqlx::query_as(
        "SELECT c.computed_ms, e.kind, e.ref_id, e.plays \
         FROM charts c LEFT JOIN chart_entries e ON e.period = c.period \
         WHERE c.period = $1 ORDER BY e.kind, e.rank",
    )
    .bind(period.as_str())
    .fetch_all(conn)
    .await
    .map_err(map_err)?;
    stored_chart(rows)
}

pub(crate) async fn chart(
    pool: &PgPool,
    period: ChartPeriod,
) -> StorageResult<Option<StoredChart>> {
    let mut conn = pool.acquire().await.map_err(map_err)?;
    read(&mut conn, period).await
}

/// The chart of `viewer`'s friends (not private now) since `since_ms`:
/// their `played` events visible to friends, counted friend by friend
/// from each one's recent activity (`activity_user` from the first id
/// since, `since.rs`), never a scan of everyone's. The per-friend count is
/// a `LATERAL` subquery with its own `GROUP BY`, which PostgreSQL cannot
/// flatten into a hash join over the whole activity table. Ranked in SQL,
/// so only the chart's rows come back.
pub(crate) async fn friends_chart(
    pool: &PgPool,
    viewer: UserId,
    since_ms: i64,
    limit: u32,
    now: i64,
) -> StorageResult<ChartCounts> {
    let private = private_at("$5");
    let sql = format!(
        "WITH counts AS MATERIALIZED ( \
             SELECT p.track_id, t.artist_id, SUM(p.plays)::BIGINT AS plays \
             FROM friendships f \
             JOIN users u ON u.id = f.friend_id \
             CROSS JOIN LATERAL ( \
                 SELECT a.track_id, COUNT(*) AS plays FROM activity a \
                 WHERE a.user_id = f.friend_id AND a.id >= {first} \
                   AND a.kind = 'played' AND a.visibility = 'friends' \
                   AND a.at_ms >= $2 AND a.track_id IS NOT NULL \
                 GROUP BY a.track_id) p \
             JOIN tracks t ON t.id = p.track_id \
             WHERE f.user_id = $1 AND NOT {private} \
             GROUP BY p.track_id, t.artist_id), \
         {RANKED}",
        first = first_id_since("$3"),
    );
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(&sql)
        .bind(viewer.0)
        .bind(since_ms)
        .bind(day_of(since_ms))
        .bind(i64::from(limit))
        .bind(now)
        .fetch_all(pool)
        .await
        .map_err(map_err)?;
    counts_of(rows)
}

/// The chart of `counts` (track, artist, plays): the most played tracks,
/// and artists by their tracks' plays, most first (ties by id), at most
/// `$4` of each, as (kind, id, plays) in rank order.
const RANKED: &str = "\
    top_tracks AS (SELECT 'track'::TEXT AS kind, track_id AS ref_id, plays FROM counts \
                   ORDER BY plays DESC, track_id LIMIT $4), \
    top_artists AS (SELECT 'artist'::TEXT AS kind, artist_id AS ref_id, \
                           SUM(plays)::BIGINT AS plays \
                    FROM counts GROUP BY artist_id ORDER BY plays DESC, artist_id LIMIT $4) \
    SELECT kind, ref_id, plays FROM top_tracks \
    UNION ALL SELECT kind, ref_id, plays FROM top_artists \
    ORDER BY kind, plays DESC, ref_id";
