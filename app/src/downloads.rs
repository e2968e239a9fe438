//! Albums kept on this device to play offline. [`Downloads`] (a context)
//! holds what is downloaded, the progress of a download under way and the
//! storage used; the browser half ([`browser`]) fetches an album's audio and
//! cover into Cache Storage (`DOWNLOADS_CACHE`, which the service worker
//! answers `/media` requests from, Range included) and keeps the albums'
//! details in `localStorage` for the Downloads page. The album page's
//! [`button::DownloadButton`] starts a download; `/downloads` lists, plays
//! and removes them. Nothing is downloaded on the server: pages render the
//! same for everyone and learn what this device holds after hydration.

#[cfg(feature = "hydrate")]
mod browser;
pub mod button;

use std::collections::HashSet;

use chorus_domain::{cover_variant_url, AlbumDetail, AlbumId, CoverFormat, COVER_WIDTHS};
use leptos::prelude::*;

/// The Cache Storage cache downloaded files live in; `public/sw.js` reads
/// it under the same name and keeps it across deploys.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub const DOWNLOADS_CACHE: &str = "chorus-downloads-v1";

/// A download under way.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    pub album: AlbumId,
    pub files_done: usize,
    pub files: usize,
    pub bytes: f64,
}

/// What the browser says this site stores (StorageManager `estimate()`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Usage {
    pub used: f64,
    pub quota: f64,
}

impl Usage {
    /// "Chorus uses 12.3 MB of 10.0 GB on this device."
    pub fn describe(&self) -> String {
        format!(
            "Chorus uses {} of {} on this device.",
            format_bytes(self.used),
            format_bytes(self.quota)
        )
    }
}

/// Downloaded albums, the download under way and the storage used.
#[derive(Clone, Copy)]
pub struct Downloads {
    pub albums: RwSignal<Vec<AlbumDetail>>,
    pub progress: RwSignal<Option<Progress>>,
    pub usage: RwSignal<Option<Usage>>,
    pub error: RwSignal<Option<String>>,
    /// Whether the list was read from this device yet (after hydration).
    pub loaded: RwSignal<bool>,
}

impl Downloads {
    /// Creates the context and, in the browser, reads what is downloaded.
    pub fn provide() -> Self {
        let downloads = Self {
            albums: RwSignal::new(Vec::new()),
            progress: RwSignal::new(None),
            usage: RwSignal::new(None),
            error: RwSignal::new(None),
            loaded: RwSignal::new(false),
        };
        provide_context(downloads);
        #[cfg(feature = "hydrate")]
        Effect::new(move |_| browser::load(downloads));
        downloads
    }

    pub fn get() -> Self {
        expect_context::<Self>()
    }

    pub fn is_downloaded(&self, album: AlbumId) -> bool {
        self.albums
            .with(|albums| albums.iter().any(|a| a.album.id == album))
    }

    /// Downloads `detail`'s audio and cover (browser only; one at a time).
    pub fn download(&self, detail: AlbumDetail) {
        if self.progress.with_untracked(Option::is_some) {
            return;
        }
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(browser::download(*self, detail));
        #[cfg(not(feature = "hydrate"))]
        let _ = detail;
    }

    /// Removes `album`'s files from this device (browser only).
    pub fn remove(&self, album: AlbumId) {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(browser::remove(*self, album));
        #[cfg(not(feature = "hydrate"))]
        let _ = album;
    }
}

/// The files an album needs offline: each track's audio, and the cover as
/// the player shows it (the original) and as pages show it (its WebP
/// widths), each once.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub fn files_of(detail: &AlbumDetail) -> Vec<String> {
    let mut seen = HashSet::new();
    let covers = detail
        .album
        .cover_url
        .iter()
        .chain(detail.tracks.iter().filter_map(|t| t.cover_url.as_ref()))
        .flat_map(|cover| {
            let variants = COVER_WIDTHS
                .iter()
                .filter_map(|w| cover_variant_url(cover, *w, CoverFormat::Webp));
            std::iter::once(cover.clone()).chain(variants)
        });
    detail
        .tracks
        .iter()
        .map(|t| t.stream_url.clone())
        .chain(covers)
        .filter(|url| seen.insert(url.clone()))
        .collect()
}

/// The files to delete when `removed` goes: its own, less those another
/// album still kept needs.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub fn files_only_of(removed: &AlbumDetail, kept: &[AlbumDetail]) -> Vec<String> {
    let still_needed: HashSet<String> = kept.iter().flat_map(files_of).collect();
    files_of(removed)
        .into_iter()
        .filter(|url| !still_needed.contains(url))
        .collect()
}

/// "12.3 MB": a byte count for people.
pub fn format_bytes(bytes: f64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = bytes.max(0.0);
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{value:.0} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use chorus_domain::{fixtures, AlbumSummary};

    use super::*;

    /// An album of three tracks with a cover, which the tracks share.
    fn album(id: i64) -> AlbumDetail {
        let cover = Some(format!("/media/{:064x}.png", id));
        let tracks: Vec<_> = (1..=3)
            .map(|n| {
                let mut track = fixtures::track(id * 10 + n, 60_000);
                track.cover_url = cover.clone();
                track
            })
            .collect();
        AlbumDetail {
            album: AlbumSummary {
                id: AlbumId(id),
                title: format!("Album {id}"),
                artist: tracks[0].artist.clone(),
                year: None,
                genre: None,
                cover_url: cover,
                track_count: 3,
                duration_ms: 180_000,
            },
            tracks,
        }
    }

    #[test]
    fn an_album_needs_each_tracks_audio_and_its_cover_once() {
        let detail = album(1);
        let files = files_of(&detail);
        for track in &detail.tracks {
            assert!(files.contains(&track.stream_url));
        }
        let cover = detail.album.cover_url.clone().unwrap();
        assert_eq!(files.iter().filter(|f| **f == cover).count(), 1);
        for width in COVER_WIDTHS {
            let variant = cover_variant_url(&cover, width, CoverFormat::Webp).unwrap();
            assert_eq!(files.iter().filter(|f| **f == variant).count(), 1);
        }
        assert_eq!(files.len(), detail.tracks.len() + 1 + COVER_WIDTHS.len());
    }

    #[test]
    fn removing_an_album_keeps_files_another_download_needs() {
        let removed = album(1);
        let mut kept = album(2);
        // The second album (a compilation) also holds the first one's
        // opening track.
        let mut shared = removed.tracks[0].clone();
        shared.cover_url = kept.album.cover_url.clone();
        kept.tracks.push(shared);
        let deleted = files_only_of(&removed, std::slice::from_ref(&kept));
        assert!(!deleted.contains(&removed.tracks[0].stream_url));
        assert!(deleted.contains(&removed.tracks[1].stream_url));
        assert!(deleted.contains(removed.album.cover_url.as_ref().unwrap()));
        assert!(!deleted.iter().any(|f| files_of(&kept).contains(f)));
        assert_eq!(files_only_of(&removed, &[]), files_of(&removed));
    }

    #[test]
    fn byte_counts_read_as_people_write_them() {
        assert_eq!(format_bytes(512.0), "512 B");
        assert_eq!(format_bytes(12_345_678.0), "12.3 MB");
        assert_eq!(format_bytes(2.5e9), "2.5 GB");
        let usage = Usage {
            used: 12_345_678.0,
            quota: 1e10,
        };
        assert_eq!(
            usage.describe(),
            "Chorus uses 12.3 MB of 10.0 GB on this device."
        );
    }
}
