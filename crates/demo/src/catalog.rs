//! The fixed demo catalog: fictional artists, albums and tracks, each album
//! tied to one musical [`Style`]. Pure data; nothing is rendered here.

use std::path::PathBuf;

use crate::rng::hash_str;
use crate::style::Style;
use crate::styles;

/// One album of the demo catalog, with its tracks.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoAlbum {
    pub artist: &'static str,
    pub title: &'static str,
    pub year: u32,
    pub genre: &'static str,
    pub tracks: Vec<DemoTrack>,
    pub(crate) style: &'static Style,
}

/// One track of a [`DemoAlbum`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoTrack {
    pub title: &'static str,
    /// 1-based position on the album.
    pub number: u32,
    /// Exact length of the rendered audio.
    pub seconds: u32,
}

impl DemoAlbum {
    /// Where [`crate::write_catalog`] puts `track`, relative to its output
    /// folder: `<Artist>/<Album>/<NN> <Title>.ogg`.
    pub fn relative_path(&self, track: &DemoTrack) -> PathBuf {
        PathBuf::from(file_name_safe(self.artist))
            .join(file_name_safe(self.title))
            .join(format!(
                "{:02} {}.ogg",
                track.number,
                file_name_safe(track.title)
            ))
    }

    /// Total running time of the album in seconds.
    pub fn total_seconds(&self) -> u32 {
        self.tracks.iter().map(|t| t.seconds).sum()
    }

    /// Seed for everything generated for this album (cover, track music).
    pub(crate) fn seed(&self) -> u64 {
        hash_str(&[self.artist, self.title])
    }

    /// Seed for one track's composition.
    pub(crate) fn track_seed(&self, track: &DemoTrack) -> u64 {
        hash_str(&[self.artist, self.title, track.title]) ^ u64::from(track.number)
    }
}

/// Replaces characters that are not allowed in file names on common systems.
fn file_name_safe(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let trimmed = cleaned.trim().trim_end_matches('.');
    if trimmed.is_empty() {
        String::from("_")
    } else {
        trimmed.to_owned()
    }
}

fn album(
    artist: &'static str,
    title: &'static str,
    year: u32,
    genre: &'static str,
    style: &'static Style,
    tracks: &[(&'static str, u32)],
) -> DemoAlbum {
    DemoAlbum {
        artist,
        title,
        year,
        genre,
        style,
        tracks: tracks
            .iter()
            .zip(1..)
            .map(|(&(title, seconds), number)| DemoTrack {
                title,
                number,
                seconds,
            })
            .collect(),
    }
}

/// The fixed, deterministic catalog description (no audio rendered).
pub fn catalog() -> Vec<DemoAlbum> {
    vec![
        album(
            "Lumen Drift",
            "Tidal Glass",
            2019,
            "Ambient",
            &styles::AMBIENT,
            &[
                ("Low Tide Choir", 78),
                ("Salt on the Lens", 64),
                ("Kelp Forest Radio", 52),
                ("Slow Lighthouse", 86),
                ("Glass Harbour", 70),
            ],
        ),
        album(
            "Lumen Drift",
            "Night Cartography",
            2022,
            "Electronic",
            &styles::DOWNTEMPO,
            &[
                ("Contour Lines", 58),
                ("Northbound Satellites", 66),
                ("Isobar", 44),
                ("Map of Small Hours", 74),
            ],
        ),
        album(
            "Neon Harbor",
            "Static Hearts",
            2021,
            "Synth-pop",
            &styles::SYNTH_POP,
            &[
                ("Static Hearts", 62),
                ("Chrome Summer", 48),
                ("Telephone Weather", 55),
                ("Midnight Arcade", 40),
                ("Afterglow Boulevard", 68),
            ],
        ),
        album(
            "Cassette Garden",
            "Sunday Tapes",
            2020,
            "Lo-Fi Hip Hop",
            &styles::LOFI,
            &[
                ("Coffee Rings", 42),
                ("Window Seat", 36),
                ("Rain Check", 50),
                ("Borrowed Sweaters", 28),
                ("Late Bus Home", 46),
            ],
        ),
        album(
            "Pixel Fern",
            "Cartridge Meadows",
            2018,
            "Chiptune",
            &styles::CHIPTUNE,
            &[
                ("Press Start in Spring", 30),
                ("Mossy Dungeon", 38),
                ("Bonus Stage Picnic", 24),
                ("Fern Kingdom", 44),
                ("Save Point by the River", 34),
            ],
        ),
        album(
            "Marigold Ferry",
            "Hollow Pine Songs",
            2017,
            "Folk",
            &styles::FOLK,
            &[
                ("Ferryman's Morning", 52),
                ("Cedar Smoke", 45),
                ("Orchard Lanterns", 60),
                ("Fieldnotes", 22),
            ],
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn catalog_is_big_enough_and_well_formed() {
        let albums = catalog();
        let artists: HashSet<_> = albums.iter().map(|a| a.artist).collect();
        assert!(artists.len() >= 4);
        assert!(albums.len() >= 6);
        let tracks: usize = albums.iter().map(|a| a.tracks.len()).sum();
        assert!(tracks >= 26, "{tracks} tracks");
        assert!(artists
            .iter()
            .any(|artist| albums.iter().filter(|a| a.artist == *artist).count() >= 2));
        let mut album_keys = HashSet::new();
        let mut styles_seen = Vec::new();
        for album in &albums {
            assert!(album_keys.insert((album.artist, album.title)));
            assert!((1950..=2030).contains(&album.year));
            assert!(!album.genre.is_empty());
            if !styles_seen.contains(&album.style) {
                styles_seen.push(album.style);
            }
            let mut titles = HashSet::new();
            for (i, track) in album.tracks.iter().enumerate() {
                assert!((20..=90).contains(&track.seconds), "{}", track.title);
                assert_eq!(track.number as usize, i + 1);
                assert!(titles.insert(track.title), "duplicate {}", track.title);
            }
        }
        assert_eq!(
            styles_seen.len(),
            albums.len(),
            "each album has its own style"
        );
        let lengths: HashSet<u32> = albums
            .iter()
            .flat_map(|a| a.tracks.iter().map(|t| t.seconds))
            .collect();
        assert!(lengths.len() > 10, "durations vary");
    }

    #[test]
    fn paths_are_artist_album_number_title() {
        let albums = catalog();
        let album = &albums[0];
        let path = album.relative_path(&album.tracks[0]);
        assert_eq!(
            path,
            PathBuf::from("Lumen Drift/Tidal Glass/01 Low Tide Choir.ogg")
        );
        assert_eq!(file_name_safe("AC/DC: Live?"), "AC_DC_ Live_");
        assert_eq!(file_name_safe("..."), "_");
    }
}
