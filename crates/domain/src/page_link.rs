//! Links to Chorus's public pages: which page a link (a URL of any host,
//! or a path) names. Use it wherever a link comes from outside — a share
//! to the installed app, an oEmbed request — so the answer is always a
//! page of this site, whatever host the link named.

use std::fmt;

use crate::{AlbumId, ArtistId, PlaylistId, TrackId, Username};

/// A public page: an artist's, an album's, a track's, a listener's or a
/// playlist's (public to everyone only when the playlist is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublicPage {
    Artist(ArtistId),
    Album(AlbumId),
    Track(TrackId),
    Listener(Username),
    Playlist(PlaylistId),
}

impl PublicPage {
    /// The page `link` names: `https://chorus.example/albums/6?x#y`,
    /// `/albums/6`, or either wrapped in brackets, quotes or trailing
    /// punctuation as in shared text (`(…/albums/6).`). A link's host is
    /// not checked: only its path is used.
    pub fn from_link(link: &str) -> Option<Self> {
        let link = link.trim_matches(|c: char| "()<>[]\"'.,;!?".contains(c));
        let path = match link.split_once("://") {
            Some((_, rest)) => &rest[rest.find('/')?..],
            None => link,
        };
        let path = path.split(['?', '#']).next()?;
        let mut parts = path.strip_prefix('/')?.split('/');
        let (kind, id) = (parts.next()?, parts.next()?);
        if parts.next().is_some_and(|rest| !rest.is_empty()) {
            return None;
        }
        match kind {
            "artists" => id.parse().ok().map(Self::Artist),
            "albums" => id.parse().ok().map(Self::Album),
            "tracks" => id.parse().ok().map(Self::Track),
            "users" => Username::parse(id).ok().map(Self::Listener),
            "playlists" => id.parse().ok().map(Self::Playlist),
            _ => None,
        }
    }
}

/// The page's path: `/albums/6`.
impl fmt::Display for PublicPage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Artist(id) => write!(f, "/artists/{id}"),
            Self::Album(id) => write!(f, "/albums/{id}"),
            Self::Track(id) => write!(f, "/tracks/{id}"),
            Self::Listener(username) => write!(f, "/users/{}", username.as_str()),
            Self::Playlist(id) => write!(f, "/playlists/{id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(link: &str) -> Option<String> {
        PublicPage::from_link(link).map(|page| page.to_string())
    }

    #[test]
    fn only_album_artist_track_listener_and_playlist_paths_are_pages() {
        assert_eq!(
            path("https://chorus.example/albums/6").as_deref(),
            Some("/albums/6")
        );
        assert_eq!(
            path("(http://x/tracks/3?t=1#a).").as_deref(),
            Some("/tracks/3")
        );
        assert_eq!(path("/users/ada_99").as_deref(), Some("/users/ada_99"));
        assert_eq!(
            path("https://x/playlists/12").as_deref(),
            Some("/playlists/12")
        );
        assert_eq!(
            path("https://chorus.example/artists/5/").as_deref(),
            Some("/artists/5")
        );
        assert_eq!(
            PublicPage::from_link("/tracks/3"),
            Some(PublicPage::Track(TrackId(3)))
        );
        for other in [
            "https://evil.example",
            "//evil.example/albums/6",
            "/albums/six",
            "/albums/+6",
            "/albums/0",
            "/albums/99999999999999999999",
            "/albums/6/more",
            "/playlists/add",
            "/settings",
            "/users/A B",
            "javascript:alert(1)",
            "",
        ] {
            assert_eq!(path(other), None, "{other}");
        }
    }
}
