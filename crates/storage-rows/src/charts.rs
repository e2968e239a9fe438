//! Charts as both backends keep them: a stored chart read back from its
//! rows ([`ChartRow`]) or any ranked entries ([`chart_of`]), a chart laid
//! out as rows to write, and whether a recomputed chart changed.

use chorus_domain::{ArtistId, TrackId};
use chorus_storage::{ChartCount, StorageError, StorageResult, StoredChart};

/// A stored chart and one of its entries: select `computed_ms` from
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
    chart_of(computed_ms, entries).map(Some)
}

/// The chart computed at `computed_ms` with these entries: (kind, id,
/// plays) rows, each kind's in rank order.
pub fn chart_of(computed_ms: i64, entries: Vec<(String, i64, i64)>) -> StorageResult<StoredChart> {
    let mut chart = StoredChart {
        computed_ms,
        tracks: Vec::new(),
        artists: Vec::new(),
    };
    for (kind, id, plays) in entries {
        match kind.as_str() {
            "track" => chart.tracks.push(count(TrackId(id), plays)),
            "artist" => chart.artists.push(count(ArtistId(id), plays)),
            other => {
                return Err(StorageError::Backend(
                    format!("unknown chart entry kind `{other}`").into(),
                ))
            }
        }
    }
    Ok(chart)
}

/// A chart's entries as rows to write: (kind, rank from 1, id, plays).
pub fn entry_rows(chart: &StoredChart) -> Vec<(&'static str, i64, i64, i64)> {
    let plays = |p: u64| i64::try_from(p).unwrap_or(i64::MAX);
    let tracks = chart
        .tracks
        .iter()
        .map(|c| ("track", c.id.0, plays(c.plays)));
    let artists = chart
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

/// Whether `chart` differs from the one kept before (`None`: none was):
/// in its entries (ids, order, plays), whenever it was computed.
pub fn changed(previous: Option<&StoredChart>, chart: &StoredChart) -> bool {
    previous.is_none_or(|p| p.tracks != chart.tracks || p.artists != chart.artists)
}

/// Now in Unix milliseconds: when a friends' chart is computed.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(computed_ms: i64, tracks: &[(i64, i64)]) -> StoredChart {
        StoredChart {
            computed_ms,
            tracks: tracks
                .iter()
                .map(|(id, p)| count(TrackId(*id), *p))
                .collect(),
            artists: vec![count(ArtistId(9), 3)],
        }
    }

    #[test]
    fn entries_round_trip_ranked_and_changes_ignore_the_time() {
        let first = chart(5, &[(2, 3), (1, 1)]);
        let rows = entry_rows(&first);
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
        assert_eq!(stored_chart(read).unwrap(), Some(first.clone()));
        assert!(changed(None, &first));
        assert!(!changed(Some(&first), &chart(6, &[(2, 3), (1, 1)])));
        assert!(changed(Some(&first), &chart(6, &[(2, 3), (1, 2)])));
        assert!(changed(Some(&first), &chart(6, &[(1, 1), (2, 3)])));
        assert!(changed(None, &chart(6, &[])), "a first chart, even empty");
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
        assert_eq!((chart.computed_ms, chart.tracks.len()), (8, 0));
        assert_eq!(stored_chart(Vec::new()).unwrap(), None);
    }

    #[test]
    fn entries_of_an_unknown_kind_are_refused() {
        let entries = vec![("album".to_owned(), 1, 1)];
        assert!(chart_of(0, entries).is_err());
    }
}
