//! The sitemap: which public pages it lists, and how they are paged. Use
//! it wherever the sitemap is read (the server's `/sitemap.xml` and
//! `/sitemaps/{kind}-{n}.xml`) or its pages are counted (a store).
//!
//! Each kind of page — artists, albums, tracks, listeners, public
//! playlists — has sitemaps
//! of its own, of at most [`URLS_PER_SITEMAP`] addresses each (the limit
//! of sitemaps.org), numbered from 1 in id order; `/sitemap.xml` is the
//! index of them all.

/// The most addresses one sitemap may hold (sitemaps.org).
pub const URLS_PER_SITEMAP: u64 = 50_000;

/// A kind of public page the sitemap lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SitemapKind {
    Artists,
    Albums,
    Tracks,
    /// Listeners' profiles, except those who keep their activity private.
    Listeners,
    /// Public playlists (the others have no public page).
    Playlists,
}

impl SitemapKind {
    pub const ALL: [SitemapKind; 5] = [
        Self::Artists,
        Self::Albums,
        Self::Tracks,
        Self::Listeners,
        Self::Playlists,
    ];

    /// Its name in a sitemap's file name (`artists-1.xml`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Artists => "artists",
            Self::Albums => "albums",
            Self::Tracks => "tracks",
            Self::Listeners => "listeners",
            Self::Playlists => "playlists",
        }
    }

    /// The path of the page whose key (an id, or a username) is `key`.
    pub fn page_path(self, key: &str) -> String {
        match self {
            Self::Artists => format!("/artists/{key}"),
            Self::Albums => format!("/albums/{key}"),
            Self::Tracks => format!("/tracks/{key}"),
            Self::Listeners => format!("/users/{key}"),
            Self::Playlists => format!("/playlists/{key}"),
        }
    }
}

/// One sitemap: a kind's page of addresses, numbered from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SitemapPage {
    pub kind: SitemapKind,
    pub number: u64,
}

impl SitemapPage {
    /// How many sitemaps `count` pages of a kind need (none for none).
    pub fn count_for(count: u64) -> u64 {
        count.div_ceil(URLS_PER_SITEMAP)
    }

    /// The page of a sitemap's file name, `{kind}-{number}.xml`; `None` for
    /// any other name (or a number below 1).
    pub fn parse_file_name(name: &str) -> Option<Self> {
        let (kind, number) = name.strip_suffix(".xml")?.rsplit_once('-')?;
        let kind = SitemapKind::ALL.into_iter().find(|k| k.name() == kind)?;
        if number.starts_with('0') || !number.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let number: u64 = number.parse().ok()?;
        Some(Self { kind, number })
    }

    pub fn file_name(&self) -> String {
        format!("{}-{}.xml", self.kind.name(), self.number)
    }

    /// How many of the kind's pages come before this sitemap's first.
    pub fn offset(&self) -> u64 {
        (self.number - 1).saturating_mul(URLS_PER_SITEMAP)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kind_needs_one_sitemap_per_fifty_thousand_pages() {
        assert_eq!(SitemapPage::count_for(0), 0);
        assert_eq!(SitemapPage::count_for(1), 1);
        assert_eq!(SitemapPage::count_for(50_000), 1);
        assert_eq!(SitemapPage::count_for(50_001), 2);
    }

    #[test]
    fn file_names_round_trip_and_nothing_else_parses() {
        for kind in SitemapKind::ALL {
            let page = SitemapPage { kind, number: 12 };
            assert_eq!(SitemapPage::parse_file_name(&page.file_name()), Some(page));
        }
        let page = SitemapPage::parse_file_name("albums-2.xml").unwrap();
        assert_eq!(page.offset(), 50_000);
        assert_eq!(page.kind.page_path("7"), "/albums/7");
        for bad in [
            "albums-0.xml",
            "albums-01.xml",
            "albums-.xml",
            "albums-1",
            "albums-1.xml.gz",
            "songs-1.xml",
            "albums-+1.xml",
            "albums-99999999999999999999999.xml",
        ] {
            assert_eq!(SitemapPage::parse_file_name(bad), None, "{bad}");
        }
    }
}
