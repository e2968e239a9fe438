//! Catalog import: good files, bad files, re-import, edits.

use chorus_catalog::{FileOutcome, SkipReason};
use chorus_storage::{ImportOutcome, PageRequest};

use crate::fixtures::sample_files;
use crate::helpers::spawn_app;

fn media_files(root: &std::path::Path) -> Vec<std::path::PathBuf> {
    walk(root)
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}

#[tokio::test]
async fn importing_real_files_creates_artists_albums_and_tracks_from_tags() {
    let app = spawn_app().await;
    let report = app.import_samples().await;
    assert_eq!(report.added, sample_files().len());
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);

    let albums = app
        .catalog
        .list_albums(PageRequest::default())
        .await
        .unwrap()
        .items;
    assert_eq!(albums.len(), 2);
    let demo = chorus_demo::catalog();
    for album in &albums {
        let expected = demo
            .iter()
            .find(|a| a.title == album.title)
            .expect("album title from tags");
        assert_eq!(album.artist.name, expected.artist);
        assert_eq!(album.year, Some(expected.year));
        assert_eq!(album.genre.as_deref(), Some(expected.genre));
        assert!(
            album.cover_url.is_some(),
            "embedded cover art becomes the album cover"
        );
        let detail = app.catalog.album(album.id).await.unwrap();
        assert_eq!(detail.tracks.len(), 2);
        for track in &detail.tracks {
            let source = expected
                .tracks
                .iter()
                .find(|t| t.title == track.title)
                .expect("track title from tags");
            assert_eq!(track.track_number, Some(source.number));
            let seconds = track.duration_ms as f64 / 1000.0;
            assert!(
                (seconds - f64::from(source.seconds)).abs() < 0.5,
                "{seconds} vs {}",
                source.seconds
            );
        }
    }
}

#[tokio::test]
async fn reimporting_the_same_files_changes_nothing() {
    let app = spawn_app().await;
    app.import_samples().await;
    let before = app
        .catalog
        .list_tracks(PageRequest::default())
        .await
        .unwrap();
    let files_before = media_files(app.media.root());

    let report = app.import_samples().await;
    assert_eq!(
        (report.added, report.updated, report.unchanged),
        (0, 0, sample_files().len())
    );
    assert_eq!(
        app.catalog
            .list_tracks(PageRequest::default())
            .await
            .unwrap(),
        before
    );
    assert_eq!(media_files(app.media.root()), files_before);
}

#[tokio::test]
async fn bad_files_are_reported_by_name_and_nothing_of_them_is_stored() {
    let app = spawn_app().await;
    let dir = app.music_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let good = &sample_files()[0].1;
    std::fs::write(
        dir.join("notes.mp3"),
        b"these are my liner notes, not audio",
    )
    .unwrap();
    std::fs::write(dir.join("empty.ogg"), b"").unwrap();
    std::fs::write(dir.join("truncated.ogg"), &good[..good.len() / 2]).unwrap();

    let report = app.importer().import_dir(&dir, |_| {}).await.unwrap();
    assert_eq!(report.added, 0);
    let reason = |name: &str| {
        report
            .skipped
            .iter()
            .find(|(path, _)| path.ends_with(name))
            .map(|(_, reason)| reason.clone())
            .unwrap_or_else(|| panic!("{name} not reported: {:?}", report.skipped))
    };
    assert_eq!(reason("notes.mp3"), SkipReason::NotAudio);
    assert_eq!(reason("empty.ogg"), SkipReason::Empty);
    assert!(
        matches!(reason("truncated.ogg"), SkipReason::Truncated(_)),
        "{:?}",
        reason("truncated.ogg")
    );
    assert!(reason("truncated.ogg").to_string().starts_with("truncated"));

    assert_eq!(app.catalog.track_count().await.unwrap(), 0);
    assert!(
        media_files(app.media.root()).is_empty(),
        "no media stored for skipped files"
    );
}

#[tokio::test]
async fn a_bad_file_does_not_stop_the_good_ones() {
    let app = spawn_app().await;
    let dir = app.music_dir();
    crate::fixtures::write_samples(&dir);
    std::fs::write(dir.join("broken.ogg"), b"OggS but then nothing sensible").unwrap();
    let report = app.importer().import_dir(&dir, |_| {}).await.unwrap();
    assert_eq!(report.added, sample_files().len());
    assert_eq!(report.skipped.len(), 1);
}

#[tokio::test]
async fn a_changed_file_at_the_same_path_updates_its_track() {
    let app = spawn_app().await;
    let paths = crate::fixtures::write_samples(&app.music_dir());
    let importer = app.importer();
    let first = importer.import_file(&paths[0]).await.unwrap();
    let FileOutcome::Imported(ImportOutcome::Added(id)) = first else {
        panic!("{first:?}")
    };

    // Re-tag the file: new bytes, same path.
    {
        use lofty::config::WriteOptions;
        use lofty::prelude::*;
        let mut file = lofty::read_from_path(&paths[0]).unwrap();
        let tag = file.primary_tag_mut().unwrap();
        tag.set_title("A New Title".into());
        file.save_to_path(&paths[0], WriteOptions::default())
            .unwrap();
    }
    let second = importer.import_file(&paths[0]).await.unwrap();
    assert_eq!(second, FileOutcome::Imported(ImportOutcome::Updated(id)));
    assert_eq!(app.catalog.track(id).await.unwrap().title, "A New Title");
    assert_eq!(app.catalog.track_count().await.unwrap(), 1);
}

#[tokio::test]
async fn a_file_that_crashes_the_decoder_is_skipped_by_name_and_the_import_goes_on() {
    /// The real prober, except that it panics (as a decoder bug would) on
    /// files named `crash*`.
    fn crashing(
        source: &chorus_catalog::Source,
        extension: Option<&str>,
    ) -> Result<chorus_catalog::ProbedAudio, SkipReason> {
        let bytes = {
            use std::io::Read;
            let mut head = [0u8; 5];
            source.reader().read_exact(&mut head).unwrap();
            head
        };
        if &bytes == b"CRASH" {
            panic!("attempt to multiply with overflow");
        }
        chorus_catalog::probe(source, extension)
    }

    let app = spawn_app().await;
    let dir = app.music_dir();
    crate::fixtures::write_samples(&dir);
    let mut crash = b"CRASH".to_vec();
    crash.extend(&sample_files()[0].1);
    std::fs::write(dir.join("a-crash.ogg"), crash).unwrap();

    let importer = app.importer().with_prober(crashing);
    let report = importer.import_dir(&dir, |_| {}).await.unwrap();
    assert_eq!(report.added, sample_files().len(), "the other files import");
    assert_eq!(report.skipped.len(), 1);
    let (path, reason) = &report.skipped[0];
    assert!(path.ends_with("a-crash.ogg"));
    assert_eq!(
        reason.to_string(),
        "the decoder crashed on this file: attempt to multiply with overflow"
    );
}
