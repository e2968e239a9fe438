//! Search ranking: which matches are listed, in what order.

use chorus_domain::{AlbumId, ArtistId, TrackId, UserId};
use chorus_storage::{SearchFound, SearchMatch};

/// Search hits by kind, best first: ids to read in full.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SearchHits {
    pub artists: Vec<ArtistId>,
    pub albums: Vec<AlbumId>,
    pub tracks: Vec<TrackId>,
    pub listeners: Vec<UserId>,
    pub playlists: Vec<chorus_domain::PlaylistId>,
}

/// The best `limit` of each kind of `matches`: exact names first, then the
/// most relevant, then the shortest names, then by id; a listener matched
/// by both names listed once, at the better place.
pub(crate) fn best_hits(mut matches: Vec<SearchMatch>, limit: u32) -> SearchHits {
    matches.sort_by(|a, b| {
        b.exact
            .cmp(&a.exact)
            .then(b.relevance.total_cmp(&a.relevance))
            .then(a.name_len.cmp(&b.name_len))
            .then(a.found.cmp(&b.found))
    });
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let mut hits = SearchHits::default();
    for found in matches.into_iter().map(|m| m.found) {
        match found {
            SearchFound::Artist(id) if hits.artists.len() < limit => hits.artists.push(id),
            SearchFound::Album(id) if hits.albums.len() < limit => hits.albums.push(id),
            SearchFound::Track(id) if hits.tracks.len() < limit => hits.tracks.push(id),
            SearchFound::Listener(id)
                if hits.listeners.len() < limit && !hits.listeners.contains(&id) =>
            {
                hits.listeners.push(id);
            }
            SearchFound::Playlist(id) if hits.playlists.len() < limit => hits.playlists.push(id),
            _ => {}
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(found: SearchFound, exact: bool, relevance: f64, name_len: u32) -> SearchMatch {
        SearchMatch {
            found,
            exact,
            relevance,
            name_len,
        }
    }

    fn track(id: i64, exact: bool, relevance: f64, name_len: u32) -> SearchMatch {
        found(SearchFound::Track(TrackId(id)), exact, relevance, name_len)
    }

    fn listener(id: i64, exact: bool, relevance: f64) -> SearchMatch {
        found(SearchFound::Listener(UserId(id)), exact, relevance, 5)
    }

    #[test]
    fn exact_names_first_then_relevance_then_length_then_id() {
        let matches = vec![
            track(3, false, 2.0, 9),
            track(2, false, 2.0, 9),
            track(9, false, 3.0, 20),
            track(8, true, 1.0, 30),
            track(1, false, 2.0, 5),
            found(SearchFound::Artist(ArtistId(1)), false, 1.0, 5),
        ];
        let hits = best_hits(matches, 3);
        assert_eq!(hits.tracks, [TrackId(8), TrackId(9), TrackId(1)]);
        assert_eq!(hits.artists, [ArtistId(1)]);
        assert!(hits.albums.is_empty() && hits.listeners.is_empty());
        let all = best_hits(vec![track(3, false, 2.0, 9), track(2, false, 2.0, 9)], 5);
        assert_eq!(all.tracks, [TrackId(2), TrackId(3)], "ties by id");
    }

    #[test]
    fn a_listener_matched_twice_is_listed_once_at_the_better_place() {
        let matches = vec![
            listener(7, false, 1.0),
            listener(7, true, 1.0),
            listener(8, false, 0.5),
            listener(9, false, 0.1),
        ];
        let hits = best_hits(matches.clone(), 10);
        assert_eq!(hits.listeners, [UserId(7), UserId(8), UserId(9)]);
        let two = best_hits(matches, 2);
        assert_eq!(
            two.listeners,
            [UserId(7), UserId(8)],
            "once, within the limit"
        );
    }

    #[test]
    fn each_kind_is_cut_at_the_limit_on_its_own() {
        let matches: Vec<SearchMatch> = (1..=3)
            .flat_map(|id| {
                [
                    found(SearchFound::Album(AlbumId(id)), false, 1.0, 5),
                    track(id, false, 1.0, 5),
                ]
            })
            .collect();
        let hits = best_hits(matches.clone(), 2);
        assert_eq!(hits.albums, [AlbumId(1), AlbumId(2)]);
        assert_eq!(hits.tracks, [TrackId(1), TrackId(2)]);
        assert_eq!(best_hits(matches, 0), SearchHits::default());
    }
}
