//! Every format the README names — MP3, FLAC, Ogg Vorbis, Ogg Opus, AAC and
//! ALAC in M4A, WAV — encoded by Debian's ffmpeg with tags and cover art,
//! imported into the running server and read back over the JSON API and the
//! stream URL; and the same files cut in half, skipped with their reason.

use chorus_catalog::{FileOutcome, SkipReason};
use chorus_storage::ImportOutcome;

use crate::ffmpeg::{covers, encode, title, Cover, FORMATS, TAGS};
use crate::helpers::spawn_app;

/// Seconds of tone in each file.
const SECONDS: f64 = 3.0;

#[tokio::test]
async fn every_format_imports_with_its_tags_length_cover_and_stream() {
    let app = spawn_app().await;
    let music = app.music_dir();
    let art = app.data_dir.path().join("art");
    let (png, jpg) = covers(&art);
    let importer = app.importer();
    for (i, format) in FORMATS.iter().enumerate() {
        let track_number = i as u32 + 1;
        let path = encode(&music, &art, format, track_number, SECONDS);
        let outcome = importer.import_file(&path).await.unwrap();
        let FileOutcome::Imported(ImportOutcome::Added(id)) = outcome else {
            panic!("{}: {outcome:?}", format.file)
        };

        let track = app.json(&format!("/api/tracks/{id}")).await;
        let what = format!("{}: {track:#}", format.file);
        assert_eq!(track["title"], title(format), "{what}");
        assert_eq!(track["artist"]["name"], TAGS.artist, "{what}");
        assert_eq!(track["album"]["title"], TAGS.album, "{what}");
        assert_eq!(track["track_number"], track_number, "{what}");
        let disc = if format.full_tags { TAGS.disc } else { 1 };
        assert_eq!(track["disc_number"], disc, "{what}");
        assert_eq!(track["year"], TAGS.year, "{what}");
        assert_eq!(track["genre"], TAGS.genre, "{what}");
        assert_eq!(track["mime"], format.mime, "{what}");
        let seconds = track["duration_ms"].as_f64().unwrap() / 1000.0;
        assert!((seconds - SECONDS).abs() <= 0.3, "{seconds} s; {what}");

        let album = app
            .json(&format!("/api/albums/{}", track["album"]["id"]))
            .await;
        let album_artist = if format.full_tags {
            TAGS.album_artist
        } else {
            TAGS.artist
        };
        assert_eq!(album["album"]["artist"]["name"], album_artist, "{what}");

        let cover_url = track["cover_url"]
            .as_str()
            .unwrap_or_else(|| panic!("no cover: {what}"));
        let expected_cover = match format.cover {
            Cover::Attached | Cover::Comment => std::fs::read(&png).unwrap(),
            Cover::Folder => std::fs::read(&jpg).unwrap(),
        };
        let cover = app.get(cover_url).await;
        assert_eq!(cover.status(), 200, "{what}");
        assert_eq!(cover.bytes().await.unwrap(), expected_cover, "{what}");

        let stream = app.get(track["stream_url"].as_str().unwrap()).await;
        assert_eq!(stream.status(), 200, "{what}");
        assert_eq!(
            crate::helpers::header(&stream, "content-type"),
            format.mime,
            "{what}"
        );
        assert_eq!(
            stream.bytes().await.unwrap(),
            std::fs::read(&path).unwrap(),
            "the stream serves the file's bytes: {what}"
        );
    }
    assert_eq!(
        app.catalog.track_count().await.unwrap(),
        FORMATS.len() as u64
    );
}

#[tokio::test]
async fn importing_every_format_cut_in_half_skips_it_as_truncated_or_corrupt() {
    let app = spawn_app().await;
    let encoded = app.data_dir.path().join("encoded");
    let art = app.data_dir.path().join("art");
    let music = app.music_dir();
    std::fs::create_dir_all(&music).unwrap();
    for (i, format) in FORMATS.iter().enumerate() {
        let whole = std::fs::read(encode(&encoded, &art, format, i as u32 + 1, SECONDS)).unwrap();
        let cut = music.join(format.file.replace('/', "-"));
        std::fs::write(&cut, &whole[..whole.len() / 2]).unwrap();
    }
    std::fs::write(music.join("noise.mp3"), pseudo_random_bytes(50_000)).unwrap();

    let report = app.importer().import_dir(&music, |_| {}).await.unwrap();
    assert_eq!(report.added, 0, "{:?}", report.skipped);
    assert_eq!(report.skipped.len(), FORMATS.len() + 1);
    for (path, reason) in &report.skipped {
        let name = path.file_name().unwrap().to_string_lossy();
        if name == "noise.mp3" {
            assert_eq!(reason, &SkipReason::NotAudio);
            assert_eq!(reason.to_string(), "not an audio file");
        } else {
            assert!(
                matches!(reason, SkipReason::Truncated(_) | SkipReason::Corrupt(_)),
                "{name}: {reason}"
            );
            let message = reason.to_string();
            assert!(
                message.starts_with("truncated: ") || message.starts_with("unreadable audio: "),
                "{name}: {message}"
            );
            eprintln!("{name}: {message}");
        }
    }
    assert_eq!(app.catalog.track_count().await.unwrap(), 0);
}

/// `n` bytes that are not audio (a fixed xorshift sequence).
fn pseudo_random_bytes(n: usize) -> Vec<u8> {
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}
