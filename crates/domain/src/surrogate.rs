//! Surrogate keys: the names of what a public page shows (`artist:7`,
//! `user:ada`), so a CDN can drop every cached page showing a thing when
//! that thing changes. Pages name their keys while rendering; writers purge
//! the keys of what they changed.

use std::fmt;

use crate::{AlbumId, ArtistId, PlaylistId, TrackId, Username};

/// One surrogate key. Its text has no spaces (keys travel space-separated
/// in one header).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SurrogateKey(String);

impl SurrogateKey {
    /// The home page (it lists the newest albums and tracks).
    pub fn home() -> Self {
        Self("home".into())
    }

    /// The global charts (`/charts`): purged when they are recomputed and
    /// come out different.
    pub fn charts() -> Self {
        Self("charts".into())
    }

    /// The sitemap's index and sitemaps (`/sitemap.xml`, `/sitemaps/…`):
    /// purged when pages are added or dropped.
    pub fn sitemap() -> Self {
        Self("sitemap".into())
    }

    pub fn artist(id: ArtistId) -> Self {
        Self(format!("artist:{}", id.0))
    }

    pub fn album(id: AlbumId) -> Self {
        Self(format!("album:{}", id.0))
    }

    pub fn track(id: TrackId) -> Self {
        Self(format!("track:{}", id.0))
    }

    /// A public playlist's page: purged by every edit of the playlist
    /// (and when it stops being public).
    pub fn playlist(id: PlaylistId) -> Self {
        Self(format!("playlist:{}", id.0))
    }

    pub fn user(username: &Username) -> Self {
        Self(format!("user:{}", username.as_str()))
    }

    /// A key as it travels in a header: printable ASCII without spaces.
    pub fn parse(raw: &str) -> Option<Self> {
        let fits = !raw.is_empty() && raw.len() <= 256 && raw.bytes().all(|b| b.is_ascii_graphic());
        fits.then(|| Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SurrogateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Keys as one header value: sorted, each once, space-separated.
pub fn header_value(keys: impl IntoIterator<Item = SurrogateKey>) -> String {
    let mut keys: Vec<SurrogateKey> = keys.into_iter().collect();
    keys.sort();
    keys.dedup();
    keys.iter()
        .map(SurrogateKey::as_str)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_the_kind_and_id_and_join_sorted_once() {
        let ada = Username::parse("ada_99").unwrap();
        let keys = [
            SurrogateKey::track(TrackId(3)),
            SurrogateKey::album(AlbumId(2)),
            SurrogateKey::user(&ada),
            SurrogateKey::album(AlbumId(2)),
            SurrogateKey::artist(ArtistId(1)),
            SurrogateKey::home(),
        ];
        assert_eq!(
            header_value(keys),
            "album:2 artist:1 home track:3 user:ada_99"
        );
        assert_eq!(
            SurrogateKey::parse("album:2"),
            Some(SurrogateKey::album(AlbumId(2)))
        );
        assert_eq!(SurrogateKey::parse("a b"), None);
        assert_eq!(SurrogateKey::parse(""), None);
    }
}
