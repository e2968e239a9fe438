//! Real audio for tests: short demo tracks rendered once per test run.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// (relative path, bytes) of a few real tagged Ogg Vorbis files from two
/// albums of the demo catalog, rendered once.
pub fn sample_files() -> &'static [(PathBuf, Vec<u8>)] {
    static FILES: OnceLock<Vec<(PathBuf, Vec<u8>)>> = OnceLock::new();
    FILES.get_or_init(|| {
        let mut catalog = chorus_demo::catalog();
        // Two albums by two different artists.
        catalog.dedup_by_key(|a| a.artist);
        let mut files = Vec::new();
        for album in catalog.iter().take(2) {
            let mut tracks: Vec<_> = album.tracks.iter().collect();
            tracks.sort_by_key(|t| t.seconds);
            for track in tracks.into_iter().take(2) {
                let bytes = chorus_demo::render_track_ogg(album, track).expect("render demo track");
                let path = PathBuf::from(album.artist)
                    .join(album.title)
                    .join(format!("{:02}.ogg", track.number));
                files.push((path, bytes));
            }
        }
        files
    })
}

/// Writes the sample files below `dir`; returns their paths.
pub fn write_samples(dir: &Path) -> Vec<PathBuf> {
    sample_files()
        .iter()
        .map(|(rel, bytes)| {
            let path = dir.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, bytes).unwrap();
            path
        })
        .collect()
}
