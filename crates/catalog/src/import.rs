//! Importing a folder: walk it, then for each file, off the async runtime,
//! hash it, probe it and copy it into the media store — each a streaming pass
//! over the open file, so a file of any size imports in bounded memory — and
//! write its catalog rows in one transaction. A cover is stored with its
//! variants ([`crate::covers`]). A bad file (even one that
//! crashes a decoder) is reported and skipped; the rest of the folder still
//! imports.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chorus_domain::MediaKind;
use chorus_storage::{CatalogStore, ImportOutcome, NewTrack, StorageError, Transactions};
use walkdir::WalkDir;

use crate::media_store::{hash_bytes, hash_reader, MediaStore, PutError};
use crate::probe::{catch_crash, ProbedAudio};
use crate::source::Source;
use crate::{CatalogError, SkipReason};

/// File names used as album art when a track has none embedded.
const FOLDER_COVERS: [&str; 6] = [
    "cover.jpg",
    "cover.png",
    "folder.jpg",
    "folder.png",
    "front.jpg",
    "front.png",
];
/// A folder cover larger than this is ignored (it is read into memory).
const MAX_FOLDER_COVER: u64 = 16 * 1024 * 1024;

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileOutcome {
    Imported(ImportOutcome),
    Skipped(SkipReason),
}

/// Reported after each file, for progress display.
#[derive(Debug)]
pub struct ImportProgress<'a> {
    /// 1-based position of this file.
    pub done: usize,
    pub total: usize,
    pub path: &'a Path,
    pub outcome: &'a FileOutcome,
}

/// Totals of one import run.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Files not imported, each with the reason.
    pub skipped: Vec<(PathBuf, SkipReason)>,
}

/// Reads one file for the importer: [`crate::probe`], or a stand-in in tests.
pub type Prober = fn(&Source, Option<&str>) -> Result<ProbedAudio, SkipReason>;

/// Imports audio files into a catalog store and a media store.
#[derive(Clone)]
pub struct Importer {
    /// Reads: is this audio known already.
    catalog: Arc<dyn CatalogStore>,
    /// Writes, through `chorus_services::import_track`.
    store: Arc<dyn Transactions>,
    media: MediaStore,
    prober: Prober,
}

impl Importer {
    pub fn new(
        catalog: Arc<dyn CatalogStore>,
        store: Arc<dyn Transactions>,
        media: MediaStore,
    ) -> Self {
        Self {
            catalog,
            store,
            media,
            prober: crate::probe,
        }
    }

    /// Reads files with `prober` instead of [`crate::probe`] (tests: a
    /// prober that panics shows how a crashing decoder is handled).
    pub fn with_prober(mut self, prober: Prober) -> Self {
        self.prober = prober;
        self
    }

    /// Imports every file below `dir` (recursively, in path order).
    pub async fn import_dir(
        &self,
        dir: &Path,
        mut progress: impl FnMut(ImportProgress<'_>),
    ) -> Result<ImportReport, CatalogError> {
        let files = list_files(dir)?;
        let mut report = ImportReport::default();
        for (i, path) in files.iter().enumerate() {
            let outcome = self.import_file(path).await?;
            match &outcome {
                FileOutcome::Imported(ImportOutcome::Added(_)) => report.added += 1,
                FileOutcome::Imported(ImportOutcome::Updated(_)) => report.updated += 1,
                FileOutcome::Imported(ImportOutcome::Unchanged(_)) => report.unchanged += 1,
                FileOutcome::Skipped(reason) => report.skipped.push((path.clone(), reason.clone())),
            }
            progress(ImportProgress {
                done: i + 1,
                total: files.len(),
                path,
                outcome: &outcome,
            });
        }
        Ok(report)
    }

    /// Imports one file. Storage failures abort (returned as `Err`); problems
    /// with the file itself are a [`FileOutcome::Skipped`].
    pub async fn import_file(&self, path: &Path) -> Result<FileOutcome, CatalogError> {
        let opened = path.to_owned();
        // Hashing reads the whole file: blocking disk work.
        let hashed = blocking(move || {
            let io = |e: std::io::Error| SkipReason::Io(e.to_string());
            let source = Source::file(std::fs::File::open(&opened).map_err(io)?).map_err(io)?;
            let hash = hash_reader(source.reader()).map_err(io)?;
            Ok::<_, SkipReason>((source, hash))
        })
        .await?;
        let (source, hash) = match hashed {
            Ok(hashed) => hashed,
            Err(reason) => return Ok(FileOutcome::Skipped(reason)),
        };
        if let Some(id) = self.catalog.track_by_audio(&hash).await? {
            return Ok(FileOutcome::Imported(ImportOutcome::Unchanged(id)));
        }

        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_lowercase);
        let folder_cover = folder_cover(path);
        let (media, prober) = (self.media.clone(), self.prober);
        // Probing and writing media are blocking CPU and disk work. A panic
        // while probing (a decoder bug) skips this file only.
        let stored = blocking(move || {
            let probed = match catch_crash(|| prober(&source, extension.as_deref())) {
                Ok(probed) => probed,
                Err(reason) => return Ok(Err(reason)),
            };
            let audio = match media.put_reader(hash, probed.kind, source.reader()) {
                Ok(audio) => audio,
                Err(PutError::Read(e)) => return Ok(Err(SkipReason::Io(e.to_string()))),
                Err(PutError::Changed) => return Ok(Err(SkipReason::ChangedDuringImport)),
                Err(PutError::Write(e)) => return Err(e),
            };
            let cover = match probed.cover.clone().or(folder_cover) {
                Some((kind, data)) => {
                    let cover = media.put(hash_bytes(&data), kind, &data)?;
                    // An unreadable cover is logged there, never skipped:
                    // pages fall back to the original.
                    crate::covers::write_variants(&media, &cover, &data)?;
                    Some(cover)
                }
                None => None,
            };
            Ok::<_, std::io::Error>(Ok((probed, audio, cover)))
        })
        .await?
        .map_err(|source| CatalogError::Io {
            path: self.media.root().to_owned(),
            source,
        })?;

        let (probed, audio, cover) = match stored {
            Ok(stored) => stored,
            Err(reason) => return Ok(FileOutcome::Skipped(reason)),
        };
        let track = new_track(path, probed, audio, cover);
        let outcome = chorus_services::import_track(self.store.as_ref(), track)
            .await
            .map_err(|e| match e {
                chorus_services::ServiceError::Storage(e) => e,
                other => StorageError::Backend(other.to_string().into()),
            })?;
        Ok(FileOutcome::Imported(outcome))
    }
}

/// Runs blocking work on tokio's blocking pool.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, CatalogError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| CatalogError::Task(e.to_string()))
}

fn new_track(
    path: &Path,
    probed: ProbedAudio,
    audio: chorus_domain::MediaFile,
    cover: Option<chorus_domain::MediaFile>,
) -> NewTrack {
    let tags = probed.tags;
    let artist = tags
        .artist
        .clone()
        .or_else(|| tags.album_artist.clone())
        .unwrap_or_else(|| "Unknown Artist".into());
    let title = tags.title.unwrap_or_else(|| {
        path.file_stem()
            .map_or_else(|| "Untitled".into(), |s| s.to_string_lossy().into_owned())
    });
    NewTrack {
        title,
        album_artist: tags.album_artist.unwrap_or_else(|| artist.clone()),
        artist,
        album: tags.album.unwrap_or_else(|| "Unknown Album".into()),
        disc_number: tags.disc_number.unwrap_or(1),
        track_number: tags.track_number,
        year: tags.year,
        genre: tags.genre,
        duration_ms: probed.duration_ms,
        audio,
        cover,
        source_path: path.to_string_lossy().into_owned(),
    }
}

/// Every regular, non-hidden file below `dir` that is not folder art.
fn list_files(dir: &Path) -> Result<Vec<PathBuf>, CatalogError> {
    let mut files = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| CatalogError::Io {
            path: e.path().unwrap_or(dir).to_owned(),
            source: e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("file system loop")),
        })?;
        let name = entry.file_name().to_string_lossy().to_lowercase();
        let hidden = name.starts_with('.');
        if entry.file_type().is_file() && !hidden && !FOLDER_COVERS.contains(&name.as_str()) {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

/// Album art next to the file (`cover.jpg` and friends), if any.
fn folder_cover(path: &Path) -> Option<(MediaKind, Vec<u8>)> {
    let dir = path.parent()?;
    FOLDER_COVERS.iter().find_map(|name| {
        let path = dir.join(name);
        if std::fs::metadata(&path).ok()?.len() > MAX_FOLDER_COVER {
            return None;
        }
        let data = std::fs::read(path).ok()?;
        let kind = if name.ends_with(".png") {
            MediaKind::Png
        } else {
            MediaKind::Jpeg
        };
        Some((kind, data))
    })
}
