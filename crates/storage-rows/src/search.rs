//! Search hits as both backends return them: the best matching documents
//! of each kind ([`SearchHitRow`], with what they are ranked by), ranked
//! and gathered into [`SearchHits`].

use chorus_domain::{AlbumId, ArtistId, TrackId, UserId};
use chorus_storage::{SearchHits, StorageError, StorageResult};

/// The kinds of a listener's two documents (username, display name): one
/// group of hits, where each listener is listed once.
pub const USER_KINDS: [&str; 2] = ["username", "display_name"];

/// A matching document: select `kind`, `ref_id`, `exact` (its folded name
/// is the whole folded query), `score` (relevance, lower is better:
/// SQLite's bm25, PostgreSQL's ts_rank negated) and `len` (the folded
/// name's length).
#[derive(Debug, sqlx::FromRow)]
pub struct SearchHitRow {
    pub kind: String,
    pub ref_id: i64,
    pub exact: bool,
    pub score: f64,
    pub len: i64,
}

/// The hits of `rows`, best first within each kind: exact names first,
/// then by score, then shorter names, then by id; at most `limit` of each
/// kind, a listener matching twice listed once (at the better place).
pub fn search_hits(mut rows: Vec<SearchHitRow>, limit: u32) -> StorageResult<SearchHits> {
    rows.sort_by(|a, b| {
        b.exact
            .cmp(&a.exact)
            .then(a.score.total_cmp(&b.score))
            .then(a.len.cmp(&b.len))
            .then(a.ref_id.cmp(&b.ref_id))
    });
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let mut hits = SearchHits::default();
    for row in rows {
        match row.kind.as_str() {
            "artist" if hits.artists.len() < limit => hits.artists.push(ArtistId(row.ref_id)),
            "album" if hits.albums.len() < limit => hits.albums.push(AlbumId(row.ref_id)),
            "track" if hits.tracks.len() < limit => hits.tracks.push(TrackId(row.ref_id)),
            kind if USER_KINDS.contains(&kind) => {
                let user = UserId(row.ref_id);
                if hits.users.len() < limit && !hits.users.contains(&user) {
                    hits.users.push(user);
                }
            }
            "artist" | "album" | "track" => {}
            other => {
                return Err(StorageError::Backend(
                    format!("unknown search document kind `{other}`").into(),
                ))
            }
        }
    }
    Ok(hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(kind: &str, ref_id: i64, exact: bool, score: f64, len: i64) -> SearchHitRow {
        SearchHitRow {
            kind: kind.to_owned(),
            ref_id,
            exact,
            score,
            len,
        }
    }

    #[test]
    fn hits_rank_exact_then_score_then_length_then_id_and_list_a_listener_once() {
        let rows = vec![
            row("track", 3, false, -2.0, 9),
            row("track", 2, false, -2.0, 9),
            row("track", 9, false, -3.0, 20),
            row("track", 8, true, -1.0, 30),
            row("track", 1, false, -2.0, 5),
            row("username", 7, false, -1.0, 5),
            row("artist", 1, false, -1.0, 5),
            row("display_name", 7, true, -1.0, 5),
            row("display_name", 8, false, -0.5, 5),
        ];
        let hits = search_hits(rows, 3).unwrap();
        assert_eq!(hits.tracks, [TrackId(8), TrackId(9), TrackId(1)]);
        assert_eq!(hits.artists, [ArtistId(1)]);
        assert_eq!(hits.users, [UserId(7), UserId(8)]);
        assert!(hits.albums.is_empty());
        let unknown = vec![row("playlist", 1, false, 0.0, 1)];
        assert!(search_hits(unknown, 2).is_err());
    }
}
