//! What the header's search box suggests: search results flattened into
//! one list of options (artists, then albums, tracks and listeners, a few
//! of each), each with the page it opens, and how the arrow keys move
//! through them. No view here, so it is tested as plain data.

use chorus_domain::api::encode_component;
use chorus_domain::SearchResults;

/// Most suggestions of each kind in the popup.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub const PER_KIND: usize = 5;

/// The kinds, in the order the popup groups them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Artist,
    Album,
    Track,
    Listener,
}

impl Kind {
    pub const ALL: [Self; 4] = [Self::Artist, Self::Album, Self::Track, Self::Listener];

    /// The group's label in the popup (and the section title on `/search`).
    pub fn label(self) -> &'static str {
        match self {
            Self::Artist => "Artists",
            Self::Album => "Albums",
            Self::Track => "Tracks",
            Self::Listener => "Listeners",
        }
    }

    /// For element ids.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Artist => "artists",
            Self::Album => "albums",
            Self::Track => "tracks",
            Self::Listener => "listeners",
        }
    }
}

/// One option: what it shows and where it leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub kind: Kind,
    /// The name or title (the option's accessible name starts with it).
    pub label: String,
    /// A second, quieter line: the artist of an album or track, a
    /// listener's @username.
    pub detail: Option<String>,
    pub href: String,
}

/// The options for `results`: at most `per_kind` of each kind, grouped in
/// [`Kind::ALL`] order.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub fn suggestions(results: SearchResults, per_kind: usize) -> Vec<Suggestion> {
    let artists = results
        .artists
        .into_iter()
        .take(per_kind)
        .map(|a| Suggestion {
            kind: Kind::Artist,
            href: format!("/artists/{}", a.id),
            label: a.name,
            detail: None,
        });
    let albums = results
        .albums
        .into_iter()
        .take(per_kind)
        .map(|a| Suggestion {
            kind: Kind::Album,
            href: format!("/albums/{}", a.id),
            label: a.title,
            detail: Some(a.artist.name),
        });
    let tracks = results
        .tracks
        .into_iter()
        .take(per_kind)
        .map(|t| Suggestion {
            kind: Kind::Track,
            href: format!("/tracks/{}", t.id),
            label: t.title,
            detail: Some(t.artist.name),
        });
    let users = results
        .users
        .into_iter()
        .take(per_kind)
        .map(|u| Suggestion {
            kind: Kind::Listener,
            href: format!("/users/{}", u.username),
            label: u.display_name.as_str().to_owned(),
            detail: Some(format!("@{}", u.username)),
        });
    artists.chain(albums).chain(tracks).chain(users).collect()
}

/// The `/search` page for `text` (what the form submits without
/// JavaScript): `/search?q=...`, percent-encoded.
pub fn search_href(text: &str) -> String {
    format!("/search?q={}", encode_component(text.trim()))
}

/// The option ArrowDown makes active: the next one, the first after the
/// last (and the first when none is).
pub fn next(active: Option<usize>, len: usize) -> Option<usize> {
    match (active, len) {
        (_, 0) => None,
        (Some(i), _) if i + 1 < len => Some(i + 1),
        _ => Some(0),
    }
}

/// The option ArrowUp makes active: the previous one, the last before the
/// first (and the last when none is).
pub fn previous(active: Option<usize>, len: usize) -> Option<usize> {
    match (active, len) {
        (_, 0) => None,
        (Some(i), _) if i > 0 && i < len => Some(i - 1),
        _ => Some(len - 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chorus_domain::fixtures;

    #[test]
    fn arrows_move_and_wrap() {
        assert_eq!(next(None, 3), Some(0));
        assert_eq!(next(Some(0), 3), Some(1));
        assert_eq!(next(Some(2), 3), Some(0));
        assert_eq!(previous(None, 3), Some(2));
        assert_eq!(previous(Some(0), 3), Some(2));
        assert_eq!(previous(Some(2), 3), Some(1));
        assert_eq!(next(None, 0), None);
        assert_eq!(previous(Some(4), 0), None);
        // A stale index (the list shrank) starts over.
        assert_eq!(next(Some(7), 3), Some(0));
        assert_eq!(previous(Some(7), 3), Some(2));
    }

    #[test]
    fn search_links_are_encoded() {
        assert_eq!(
            search_href("  Sigur Rós & co "),
            "/search?q=Sigur%20R%C3%B3s%20%26%20co"
        );
        assert_eq!(search_href(""), "/search?q=");
        assert_eq!(encode_component("a-b_c.d~e/f?"), "a-b_c.d~e%2Ff%3F");
    }

    #[test]
    fn options_are_grouped_capped_and_lead_to_their_pages() {
        let track = fixtures::track(3, 60_000);
        let results = SearchResults {
            tracks: (1..=7).map(|id| fixtures::track(id, 60_000)).collect(),
            ..SearchResults::default()
        };
        let options = suggestions(results, PER_KIND);
        assert_eq!(options.len(), PER_KIND);
        assert!(options.iter().all(|o| o.kind == Kind::Track));
        assert_eq!(options[2].href, "/tracks/3");
        assert_eq!(options[2].label, track.title);
        assert_eq!(options[2].detail.as_deref(), Some("Artist"));
    }
}
