//! Search matches as both backends read them: one row per matching
//! document ([`SearchMatchRow`], with what discovery ranks it by), a
//! [`SearchMatch`] each.

use chorus_domain::{AlbumId, ArtistId, TrackId, UserId};
use chorus_storage::{SearchFound, SearchMatch, StorageError, StorageResult};

/// A matching document: select `kind` (`artist`, `album`, `track`,
/// `username`, `display_name` or `playlist`), `ref_id`, `exact` (its folded name is the
/// whole folded query), `relevance` (the text index's score, higher is
/// better) and `len` (the folded name's length).
#[derive(Debug, sqlx::FromRow)]
pub struct SearchMatchRow {
    pub kind: String,
    pub ref_id: i64,
    pub exact: bool,
    pub relevance: f64,
    pub len: i64,
}

impl SearchMatchRow {
    pub fn into_match(self) -> StorageResult<SearchMatch> {
        let id = self.ref_id;
        let found = match self.kind.as_str() {
            "artist" => SearchFound::Artist(ArtistId(id)),
            "album" => SearchFound::Album(AlbumId(id)),
            "track" => SearchFound::Track(TrackId(id)),
            "username" | "display_name" => SearchFound::Listener(UserId(id)),
            "playlist" => SearchFound::Playlist(chorus_domain::PlaylistId(id)),
            other => {
                return Err(StorageError::Backend(
                    format!("unknown search document kind `{other}`").into(),
                ))
            }
        };
        Ok(SearchMatch {
            found,
            exact: self.exact,
            relevance: self.relevance,
            name_len: u32::try_from(self.len).unwrap_or(u32::MAX),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(kind: &str, ref_id: i64) -> SearchMatchRow {
        SearchMatchRow {
            kind: kind.to_owned(),
            ref_id,
            exact: true,
            relevance: 1.5,
            len: 4,
        }
    }

    #[test]
    fn both_documents_of_a_listener_find_the_listener_and_unknown_kinds_are_refused() {
        for kind in ["username", "display_name"] {
            assert_eq!(
                row(kind, 7).into_match().unwrap(),
                SearchMatch {
                    found: SearchFound::Listener(UserId(7)),
                    exact: true,
                    relevance: 1.5,
                    name_len: 4
                }
            );
        }
        let track = row("track", 3).into_match().unwrap();
        assert_eq!(track.found, SearchFound::Track(TrackId(3)));
        let playlist = row("playlist", 5).into_match().unwrap();
        assert_eq!(
            playlist.found,
            SearchFound::Playlist(chorus_domain::PlaylistId(5))
        );
        assert!(row("genre", 1).into_match().is_err());
    }
}
