//! Writing the catalog to disk: `<Artist>/<Album>/<NN> <Title>.ogg`, each file
//! written atomically (temporary name in the same folder, then renamed), with
//! tracks rendered in parallel on all cores and progress reported on the
//! calling thread.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;

use crate::catalog::{catalog, DemoAlbum, DemoTrack};
use crate::{cover_png, render_with_cover, DemoError};

/// Renders a single track (used by tests and by [`write_catalog`]) to `path`,
/// creating its folder if needed.
pub fn write_track(album: &DemoAlbum, track: &DemoTrack, path: &Path) -> Result<(), DemoError> {
    let cover = cover_png(album)?;
    write_track_with_cover(album, track, &cover, path)
}

fn write_track_with_cover(
    album: &DemoAlbum,
    track: &DemoTrack,
    cover: &[u8],
    path: &Path,
) -> Result<(), DemoError> {
    let bytes = render_with_cover(album, track, cover)?;
    write_atomically(path, &bytes)
}

/// Writes `bytes` to a temporary file next to `path`, then renames it over
/// `path`, so a crash never leaves a partial file under the final name.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), DemoError> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir).map_err(|e| DemoError::io(dir, e))?;
    let name = path
        .file_name()
        .ok_or_else(|| DemoError::io(path, std::io::ErrorKind::InvalidInput.into()))?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".{}.partial", std::process::id()));
    let temp = dir.join(temp_name);

    let result = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temp, path)
    })();
    result.map_err(|e| {
        let _ = fs::remove_file(&temp);
        DemoError::io(path, e)
    })
}

/// Every album's cover, drawn in parallel (one short-lived thread each).
fn render_covers(albums: &[DemoAlbum]) -> Result<Vec<Vec<u8>>, DemoError> {
    thread::scope(|scope| {
        let handles: Vec<_> = albums
            .iter()
            .map(|album| scope.spawn(move || cover_png(album)))
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or(Err(DemoError::Internal("a cover thread panicked")))
            })
            .collect()
    })
}

/// One file to produce.
struct Job<'a> {
    album: &'a DemoAlbum,
    track: &'a DemoTrack,
    cover: usize,
    path: PathBuf,
}

/// Renders every track of the catalog into `dir` as
/// `<Artist>/<Album>/<NN> <Title>.ogg`, creating folders, and returns the
/// paths in catalog order.
///
/// Existing files are always rewritten (atomically). `progress(done, total,
/// path)` is called on the calling thread after each file is in place; files
/// complete in no particular order. On error, the remaining work is abandoned
/// and the first error returned (files already finished stay in place).
pub fn write_catalog(
    dir: &Path,
    mut progress: impl FnMut(usize, usize, &Path),
) -> Result<Vec<PathBuf>, DemoError> {
    let albums = catalog();
    let covers = render_covers(&albums)?;
    let jobs: Vec<Job<'_>> = albums
        .iter()
        .enumerate()
        .flat_map(|(cover, album)| {
            album.tracks.iter().map(move |track| Job {
                album,
                track,
                cover,
                path: dir.join(album.relative_path(track)),
            })
        })
        .collect();
    let total = jobs.len();
    for job in &jobs {
        if let Some(folder) = job.path.parent() {
            fs::create_dir_all(folder).map_err(|e| DemoError::io(folder, e))?;
        }
    }

    // Longest tracks first keeps the cores evenly busy until the end.
    let mut order: Vec<usize> = (0..total).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(jobs[i].track.seconds));

    let workers = thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, total.max(1));
    let next = AtomicUsize::new(0);
    let abort = AtomicBool::new(false);
    let mut first_error = None;

    thread::scope(|scope| {
        let (sender, receiver) = mpsc::channel::<(usize, Result<(), DemoError>)>();
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let sender = sender.clone();
                let (jobs, order, covers, next, abort) = (&jobs, &order, &covers, &next, &abort);
                scope.spawn(move || loop {
                    let slot = next.fetch_add(1, Ordering::Relaxed);
                    if slot >= total || abort.load(Ordering::Relaxed) {
                        break;
                    }
                    let index = order[slot];
                    let job = &jobs[index];
                    let result =
                        write_track_with_cover(job.album, job.track, &covers[job.cover], &job.path);
                    if result.is_err() {
                        abort.store(true, Ordering::Relaxed);
                    }
                    if sender.send((index, result)).is_err() {
                        break;
                    }
                })
            })
            .collect();
        drop(sender);

        let mut done = 0;
        for (index, result) in receiver {
            match result {
                Ok(()) => {
                    done += 1;
                    progress(done, total, &jobs[index].path);
                }
                Err(error) => {
                    abort.store(true, Ordering::Relaxed);
                    first_error.get_or_insert(error);
                }
            }
        }
        for handle in handles {
            if handle.join().is_err() {
                first_error.get_or_insert(DemoError::Internal("a rendering thread panicked"));
            }
        }
    });

    match first_error {
        Some(error) => Err(error),
        None => Ok(jobs.into_iter().map(|job| job.path).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/file.ogg");
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let entries: Vec<_> = fs::read_dir(dir.path().join("a/b")).unwrap().collect();
        assert_eq!(entries.len(), 1);
    }

    #[test]
    fn io_errors_name_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        fs::write(&blocker, b"x").unwrap();
        let err = write_atomically(&blocker.join("child.ogg"), b"y").unwrap_err();
        assert!(matches!(err, DemoError::Io { .. }));
        assert!(err.to_string().contains("file"), "{err}");
    }
}
