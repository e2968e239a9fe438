//! Cover variants at import: a track's cover is stored with a WebP and a
//! JPEG rendition at every width of `COVER_WIDTHS` (never wider than the
//! original), and a corrupt cover never fails the import of its audio.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::Arc;

use chorus_catalog::covers::all_variants;
use chorus_catalog::{FileOutcome, Importer, MediaStore};
use chorus_domain::{CoverFormat, CoverVariant, MediaFile};
use chorus_storage::{CatalogStore, ImportOutcome};
use chorus_storage_sqlite::SqliteStore;

async fn importer(dir: &Path) -> (Importer, Arc<SqliteStore>, MediaStore) {
    let url = format!("sqlite://{}", dir.join("chorus.db").display());
    let store = Arc::new(SqliteStore::open(&url).await.unwrap());
    let media = MediaStore::new(dir.join("media"));
    let importer = Importer::new(store.clone(), store.clone(), media.clone());
    (importer, store, media)
}

/// Imports `path` and returns the cover of the track it became.
async fn import(importer: &Importer, store: &SqliteStore, path: &Path) -> Option<MediaFile> {
    let outcome = importer.import_file(path).await.unwrap();
    let FileOutcome::Imported(ImportOutcome::Added(id)) = outcome else {
        panic!("not imported: {outcome:?}");
    };
    let track = store.track(id).await.unwrap();
    let url = track.cover_url?;
    MediaFile::parse_file_name(url.strip_prefix("/media/").unwrap())
}

/// One second of silence as 16-bit mono PCM WAV: audio without a cover.
fn wav() -> Vec<u8> {
    let samples = 8_000u32;
    let data_len = samples * 2;
    let mut out = Vec::new();
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data_len).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&8_000u32.to_le_bytes());
    out.extend_from_slice(&16_000u32.to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&16u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data_len.to_le_bytes());
    out.resize(out.len() + data_len as usize, 0);
    out
}

#[tokio::test]
async fn an_import_writes_every_variant_of_the_cover() {
    let dir = tempfile::tempdir().unwrap();
    let (importer, store, media) = importer(dir.path()).await;
    let album = &chorus_demo::catalog()[0];
    let track = &album.tracks[0];
    let path = dir.path().join("music/01.ogg");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, chorus_demo::render_track_ogg(album, track).unwrap()).unwrap();

    let cover = import(&importer, &store, &path).await.expect("a cover");
    let original = image::open(media.path(&cover)).unwrap();
    assert_eq!((original.width(), original.height()), (768, 768));
    let mut seen = 0;
    for variant in all_variants(&cover) {
        let bytes = std::fs::read(media.variant_path(&variant))
            .unwrap_or_else(|e| panic!("{variant:?} was not written: {e}"));
        let format = image::guess_format(&bytes).unwrap();
        let expected = match variant.format {
            CoverFormat::Webp => image::ImageFormat::WebP,
            CoverFormat::Jpeg => image::ImageFormat::Jpeg,
        };
        assert_eq!(format, expected, "{variant:?}");
        let decoded = image::load_from_memory_with_format(&bytes, format).unwrap();
        // Each width exactly (the demo cover is as wide as the widest
        // variant; that none is upscaled is `covers.rs`'s unit test).
        let width = variant.width;
        assert_eq!(
            (decoded.width(), decoded.height()),
            (width, width),
            "{variant:?}"
        );
        seen += 1;
    }
    assert_eq!(seen, 8);
    let webp_384 = CoverVariant::of_url(&cover.url(), 384, CoverFormat::Webp).unwrap();
    let webp_384 = std::fs::metadata(media.variant_path(&webp_384))
        .unwrap()
        .len();
    assert!(
        webp_384 < std::fs::metadata(media.path(&cover)).unwrap().len() / 2,
        "a 384 px WebP is much smaller than the 768 px PNG"
    );
}

#[tokio::test]
async fn a_corrupt_cover_does_not_fail_the_import_and_is_kept_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let (importer, store, media) = importer(dir.path()).await;
    let folder = dir.path().join("music");
    std::fs::create_dir_all(&folder).unwrap();
    let corrupt = b"\xff\xd8\xff\xe0 this is not a JPEG at all".to_vec();
    std::fs::write(folder.join("cover.jpg"), &corrupt).unwrap();
    let path = folder.join("silence.wav");
    std::fs::write(&path, wav()).unwrap();

    let cover = import(&importer, &store, &path)
        .await
        .expect("the original cover");
    assert_eq!(std::fs::read(media.path(&cover)).unwrap(), corrupt);
    assert!(all_variants(&cover).all(|v| !media.variant_path(&v).exists()));
}
