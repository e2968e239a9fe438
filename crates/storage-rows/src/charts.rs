//! Charts as both backends keep them: a kept chart read back from its rows
//! ([`ChartRow`], [`stored_chart`]), ranked (kind, id, plays) rows as chart
//! entries ([`counts_of`]), and entries laid out as rows to write
//! ([`entry_rows`]).

use chorus_domain::{ArtistId, TrackId};
use chorus_storage::{ChartCount, ChartCounts, StorageError, StorageResult, StoredChart};

/// A kept chart and one of its entries: select `computed_ms` from
/// `charts`, and `kind` ('track' or 'artist'), `ref_id` and `plays` from
/// its `chart_entries` left-joined (NULL when it has none), in rank order.
#[derive(Debug, sqlx::FromRow)]
pub struct ChartRow {
    pub computed_ms: i64,
    pub kind: Option<String>,
    pub ref_id: Option<i64>,
    pub plays: Option<i64>,
}

/// An (id, plays) pair as a chart count.
pub fn count<Id>(id: Id, plays: i64) -> ChartCount<Id> {
    ChartCount {
        id,
        plays: u64::try_from(plays).unwrap_or(0),
    }
}

/// The chart of `rows` (in rank order); `None` when there are none.
pub fn stored_chart(rows: Vec<ChartRow>) -> StorageResult<Option<StoredChart>> {
    let Some(computed_ms) = rows.first().map(|r| r.computed_ms) else {
        return Ok(None);
    };
    let entries = rows
        .into_iter()
        .filter_map(|row| Some((row.kind?, row.ref_id?, row.plays?)))
        .collect();
    Ok(Some(StoredChart {
        computed_ms,
        counts: counts_of(entries)?,
    }))
}

/// The chart entries of (kind, id, plays) rows, each kind's in rank order.
pub fn counts_of(entries: Vec<(String, i64, i64)>) -> StorageResult<ChartCounts> {
    let mut counts = ChartCounts::default();
    for (kind, id, plays) in entries {
        match kind.as_str() {
            "track" => counts.tracks.push(count(TrackId(id), plays)),
            "artist" => counts.artists.push(count(ArtistId(id), plays)),
            other => {
                return Err(StorageError::Backend(
                    format!("unknown chart entry kind `{other}`").into(),
                ))
            }
        }
    }
    Ok(counts)
}

/// Chart entries as rows to write: (kind, rank from 1, id, plays).
pub fn entry_rows(counts: &ChartCounts) -> Vec<(&'static str, i64, i64, i64)> {
    let plays = |p: u64| i64::try_from(p).unwrap_or(i64::MAX);
    let tracks = counts
        .tracks
        .iter()
        .map(|c| ("track", c.id.0, plays(c.plays)));
    let artists = counts
        .artists
        .iter()
        .map(|c| ("artist", c.id.0, plays(c.plays)));
    let rank = |(i, (kind, id, plays)): (usize, (&'static str, i64, i64))| {
        (kind, i64::try_from(i).unwrap_or(i64::MAX) + 1, id, plays)
    };
    tracks
        .enumerate()
        .map(rank)
        .chain(artists.enumerate().map(rank))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_round_trip_ranked() {
        let chart = StoredChart {
            computed_ms: 5,
            counts: ChartCounts {
                tracks: vec![count(TrackId(2), 3), count(TrackId(1), 1)],
                artists: vec![count(ArtistId(9), 3)],
            },
        };
        let rows = entry_rows(&chart.counts);
        assert_eq!(
            rows,
            [("track", 1, 2, 3), ("track", 2, 1, 1), ("artist", 1, 9, 3)]
        );
        let read = rows
            .into_iter()
            .map(|(kind, _, ref_id, plays)| ChartRow {
                computed_ms: 5,
                kind: Some(kind.to_owned()),
                ref_id: Some(ref_id),
                plays: Some(plays),
            })
            .collect();
        assert_eq!(stored_chart(read).unwrap(), Some(chart));
    }

    #[test]
    fn a_chart_without_entries_is_read_as_empty_and_none_as_none() {
        let empty = ChartRow {
            computed_ms: 8,
            kind: None,
            ref_id: None,
            plays: None,
        };
        let chart = stored_chart(vec![empty]).unwrap().unwrap();
        assert_eq!(
            (chart.computed_ms, chart.counts),
            (8, ChartCounts::default())
        );
        assert_eq!(stored_chart(Vec::new()).unwrap(), None);
    }

    #[test]
    fn entries_of_an_unknown_kind_are_refused() {
        let entries = vec![("album".to_owned(), 1, 1)];
        assert!(counts_of(entries).is_err());
    }
}
