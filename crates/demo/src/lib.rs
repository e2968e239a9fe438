//! `chorus-demo` generates the demo music catalog that Chorus shows on first
//! start: real, synthesized music (melodies over chords, bass lines and light
//! percussion, in six album styles) encoded as tagged Ogg Vorbis files with
//! embedded generative cover art.
//!
//! Everything is deterministic: running the generator twice produces
//! byte-identical files, so a content-hash based importer sees no changes.
//!
//! ```no_run
//! let dir = std::path::Path::new("/tmp/demo-music");
//! let files = chorus_demo::write_catalog(dir, |done, total, path| {
//!     println!("[{done}/{total}] {}", path.display());
//! })?;
//! assert_eq!(files.len(), chorus_demo::catalog().iter().map(|a| a.tracks.len()).sum::<usize>());
//! # Ok::<(), chorus_demo::DemoError>(())
//! ```
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod catalog;
mod compose;
mod cover;
mod encode;
mod error;
mod output;
mod render;
mod rng;
mod style;
mod styles;
mod synth;
mod tags;
mod theory;

pub use catalog::{catalog, DemoAlbum, DemoTrack};
pub use error::DemoError;
pub use output::{write_catalog, write_track};

/// The album's cover as PNG bytes (768×768 RGB).
pub fn cover_png(album: &DemoAlbum) -> Result<Vec<u8>, DemoError> {
    cover::render_png(&album.style.cover, album.seed())
}

/// Renders `track` of `album` to tagged Ogg Vorbis bytes, in memory.
pub fn render_track_ogg(album: &DemoAlbum, track: &DemoTrack) -> Result<Vec<u8>, DemoError> {
    render_with_cover(album, track, &cover_png(album)?)
}

/// [`render_track_ogg`] with an already rendered cover.
pub(crate) fn render_with_cover(
    album: &DemoAlbum,
    track: &DemoTrack,
    cover: &[u8],
) -> Result<Vec<u8>, DemoError> {
    let seed = album.track_seed(track);
    let song = compose::compose(album.style, seed, track.seconds);
    let pcm = render::render(album.style, &song);
    let ogg = encode::encode(&pcm, (seed >> 33) as i32)?;
    tags::tag(ogg, album, track, cover)
}
