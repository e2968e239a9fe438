//! End-to-end checks of the public API: the catalog, a rendered and tagged
//! track read back with lofty and decoded with vorbis_rs, determinism, and
//! cover art. Only the shortest tracks are rendered, to keep this fast.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufReader, Cursor};
use std::path::Path;
use std::time::Duration;

use chorus_demo::{
    catalog, cover_png, write_catalog, write_track, DemoAlbum, DemoError, DemoTrack,
};
use lofty::file::{AudioFile, FileType, TaggedFileExt};
use lofty::picture::{MimeType, PictureType};
use lofty::tag::{Accessor, ItemKey};

/// The shortest track of the catalog and its album.
fn shortest() -> (DemoAlbum, DemoTrack) {
    catalog()
        .into_iter()
        .flat_map(|album| {
            album
                .tracks
                .clone()
                .into_iter()
                .map(move |track| (album.clone(), track))
        })
        .min_by_key(|(_, track)| track.seconds)
        .unwrap()
}

/// Decodes an Ogg Vorbis file to (sample rate, left, right).
fn decode(path: &Path) -> (u32, Vec<f32>, Vec<f32>) {
    let file = BufReader::new(File::open(path).unwrap());
    let mut decoder = vorbis_rs::VorbisDecoder::new(file).unwrap();
    let rate = decoder.sampling_frequency().get();
    assert_eq!(decoder.channels().get(), 2);
    let (mut left, mut right) = (Vec::new(), Vec::new());
    while let Some(block) = decoder.decode_audio_block().unwrap() {
        let samples = block.samples();
        left.extend_from_slice(samples[0]);
        right.extend_from_slice(samples[1]);
    }
    (rate, left, right)
}

#[test]
fn catalog_is_big_varied_and_consistent() {
    let albums = catalog();
    let artists: HashSet<&str> = albums.iter().map(|a| a.artist).collect();
    assert!(artists.len() >= 4, "{} artists", artists.len());
    assert!(albums.len() >= 6, "{} albums", albums.len());
    let tracks: usize = albums.iter().map(|a| a.tracks.len()).sum();
    assert!(tracks >= 26, "{tracks} tracks");
    assert!(
        artists
            .iter()
            .any(|artist| albums.iter().filter(|a| a.artist == *artist).count() >= 2),
        "one artist has two albums"
    );
    for album in &albums {
        assert!(!album.genre.is_empty() && album.year > 1900);
        let titles: HashSet<&str> = album.tracks.iter().map(|t| t.title).collect();
        assert_eq!(
            titles.len(),
            album.tracks.len(),
            "unique names on {}",
            album.title
        );
        for track in &album.tracks {
            assert!(
                (20..=90).contains(&track.seconds),
                "{} is {} s",
                track.title,
                track.seconds
            );
        }
    }
    assert_eq!(catalog(), albums, "catalog() is deterministic");
}

#[test]
fn written_track_is_tagged_ogg_vorbis_with_music() {
    let (album, track) = shortest();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/track.ogg");
    write_track(&album, &track, &path).unwrap();
    let names: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
    assert_eq!(names.len(), 1, "no temporary files left behind");

    // Tags, cover and duration as read by lofty.
    let tagged = lofty::read_from_path(&path).unwrap();
    assert_eq!(tagged.file_type(), FileType::Vorbis);
    let duration = tagged.properties().duration();
    let expected = Duration::from_secs(u64::from(track.seconds));
    assert!(
        duration.abs_diff(expected) < Duration::from_millis(300),
        "{duration:?}"
    );
    assert_eq!(tagged.properties().sample_rate(), Some(44_100));
    assert_eq!(tagged.properties().channels(), Some(2));
    let tag = tagged.primary_tag().unwrap();
    assert_eq!(tag.title().as_deref(), Some(track.title));
    assert_eq!(tag.artist().as_deref(), Some(album.artist));
    assert_eq!(tag.get_string(ItemKey::AlbumArtist), Some(album.artist));
    assert_eq!(tag.album().as_deref(), Some(album.title));
    assert_eq!(tag.genre().as_deref(), Some(album.genre));
    assert_eq!(tag.track(), Some(track.number));
    assert_eq!(tag.track_total(), Some(album.tracks.len() as u32));
    assert_eq!(tag.disk(), Some(1));
    assert_eq!(tag.date().map(|d| u32::from(d.year)), Some(album.year));
    let pictures = tag.pictures();
    assert_eq!(pictures.len(), 1);
    assert_eq!(pictures[0].pic_type(), PictureType::CoverFront);
    assert_eq!(pictures[0].mime_type(), Some(&MimeType::Png));
    assert_eq!(pictures[0].data(), cover_png(&album).unwrap().as_slice());

    // The audio itself: loud enough, stereo, and not one steady tone.
    let (rate, left, right) = decode(&path);
    assert_eq!(rate, 44_100);
    assert_eq!(left.len(), track.seconds as usize * 44_100);
    let rms = (left.iter().map(|v| v * v).sum::<f32>() / left.len() as f32).sqrt();
    assert!(rms > 0.05, "rms {rms}");
    let peak = left
        .iter()
        .chain(&right)
        .fold(0.0f32, |m, v| m.max(v.abs()));
    assert!(peak > 0.5 && peak <= 1.0, "peak {peak}");
    let difference: f32 = left.iter().zip(&right).map(|(l, r)| (l - r).abs()).sum();
    assert!(difference > 1.0, "channels differ (panning)");

    // Zero-crossing rate per 100 ms window: a pure tone has a constant rate,
    // music with changing notes and drums does not.
    let window = 4410;
    let body = &left[2 * 44_100..left.len() - 4 * 44_100];
    let rates: Vec<f32> = body
        .chunks_exact(window)
        .map(|w| {
            w.windows(2)
                .filter(|p| (p[0] >= 0.0) != (p[1] >= 0.0))
                .count() as f32
        })
        .collect();
    let mean = rates.iter().sum::<f32>() / rates.len() as f32;
    let spread =
        (rates.iter().map(|r| (r - mean).powi(2)).sum::<f32>() / rates.len() as f32).sqrt();
    assert!(mean > 5.0, "mean zero crossings {mean}");
    assert!(
        spread / mean > 0.1,
        "zero-crossing rate barely varies: {spread} / {mean}"
    );
    // Loudness moves too (beats, phrases): RMS per window is not flat.
    let levels: Vec<f32> = body
        .chunks_exact(window)
        .map(|w| (w.iter().map(|v| v * v).sum::<f32>() / w.len() as f32).sqrt())
        .collect();
    let (lo, hi) = levels
        .iter()
        .fold((f32::MAX, 0.0f32), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    assert!(hi > lo * 1.5, "level range {lo}..{hi}");
}

#[test]
fn rendering_is_deterministic() {
    let (album, track) = shortest();
    let first = chorus_demo::render_track_ogg(&album, &track).unwrap();
    let second = chorus_demo::render_track_ogg(&album, &track).unwrap();
    assert!(first == second, "same bytes on every run");
    assert!(first.starts_with(b"OggS"));
    // Small files: well under 20 kB per second of audio.
    assert!(
        first.len() < track.seconds as usize * 20_000,
        "{} bytes",
        first.len()
    );
}

#[test]
fn covers_are_distinct_768_pngs_for_link_previews() {
    let mut seen = HashSet::new();
    for album in catalog() {
        let bytes = cover_png(&album).unwrap();
        assert_eq!(bytes, cover_png(&album).unwrap(), "deterministic");
        let decoder = png::Decoder::new(Cursor::new(&bytes));
        let mut reader = decoder.read_info().unwrap();
        let info = reader.info();
        assert_eq!(
            (info.width, info.height),
            (768, 768),
            "≥ 600 px for og:image"
        );
        assert_eq!(info.color_type, png::ColorType::Rgb);
        let mut pixels = vec![0; reader.output_buffer_size()];
        reader.next_frame(&mut pixels).unwrap();
        let colors: HashSet<&[u8]> = pixels.chunks_exact(3).collect();
        assert!(
            colors.len() > 8,
            "{} uses {} colours",
            album.title,
            colors.len()
        );
        assert!(seen.insert(bytes), "{} has its own cover", album.title);
    }
}

#[test]
fn write_catalog_reports_io_errors_with_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, b"file").unwrap();
    let mut calls = 0;
    let err = write_catalog(&blocker, |_, _, _| calls += 1).unwrap_err();
    assert!(matches!(err, DemoError::Io { .. }), "{err:?}");
    assert!(err.to_string().contains("not-a-folder"), "{err}");
    assert_eq!(calls, 0);
}
