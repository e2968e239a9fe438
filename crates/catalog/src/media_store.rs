//! The content-addressed media store: audio and cover files on disk, named by
//! the SHA-256 of their bytes and sharded by the first two hex digits.
//! Writes are atomic (temporary file, then rename), so a file under its final
//! name is always complete; storing the same bytes twice is a no-op. Audio
//! is hashed and copied in chunks ([`hash_reader`], [`MediaStore::put_reader`]),
//! never held whole in memory. Cover variants ([`crate::covers`]) live
//! beside them under `variants/r<revision>/`, named by their cover's hash,
//! width and format: derived files that can be deleted and made again.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use chorus_domain::{ContentHash, CoverVariant, MediaFile, MediaKind};
use sha2::{Digest, Sha256};

/// A folder of content-addressed media files.
#[derive(Debug, Clone)]
pub struct MediaStore {
    root: PathBuf,
}

/// Bytes read at a time when hashing or copying a file.
const CHUNK: usize = 256 * 1024;

/// SHA-256 of `bytes` as a content hash.
pub fn hash_bytes(bytes: &[u8]) -> ContentHash {
    content_hash(Sha256::digest(bytes).as_slice())
}

/// SHA-256 of everything `reader` yields, read in chunks.
pub fn hash_reader(mut reader: impl Read) -> std::io::Result<ContentHash> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0; CHUNK];
    loop {
        match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => hasher.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(content_hash(hasher.finalize().as_slice()))
}

fn content_hash(digest: &[u8]) -> ContentHash {
    // A hex-encoded SHA-256 is always a valid content hash.
    ContentHash::parse(&hex::encode(digest)).unwrap_or_else(|_| unreachable!())
}

/// Why [`MediaStore::put_reader`] stored nothing.
#[derive(Debug)]
pub enum PutError {
    /// Reading the source failed: a problem of that file.
    Read(std::io::Error),
    /// The source's bytes no longer hash to the hash given.
    Changed,
    /// Writing the store failed: a problem of the store.
    Write(std::io::Error),
}

impl MediaStore {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where a media file lives (whether or not it exists yet).
    pub fn path(&self, file: &MediaFile) -> PathBuf {
        self.root
            .join(&file.hash.as_str()[..2])
            .join(file.file_name())
    }

    /// Where a cover variant lives (whether or not it exists yet).
    pub fn variant_path(&self, variant: &CoverVariant) -> PathBuf {
        let hash = variant.cover.as_str();
        self.root
            .join("variants")
            .join(format!("r{}", crate::covers::REVISION))
            .join(&hash[..2])
            .join(format!(
                "{hash}-{}.{}",
                variant.width,
                variant.format.extension()
            ))
    }

    /// The stored cover image with content hash `hash`, if any.
    pub fn find_cover(&self, hash: &ContentHash) -> Option<MediaFile> {
        [MediaKind::Jpeg, MediaKind::Png, MediaKind::Webp]
            .into_iter()
            .map(|kind| MediaFile {
                hash: hash.clone(),
                kind,
            })
            .find(|file| self.path(file).is_file())
    }

    /// Stores `bytes` (already hashed as `hash`) under their content name.
    pub fn put(
        &self,
        hash: ContentHash,
        kind: MediaKind,
        bytes: &[u8],
    ) -> std::io::Result<MediaFile> {
        let file = MediaFile { hash, kind };
        self.write_once(&self.path(&file), bytes)?;
        Ok(file)
    }

    /// Stores the encoded bytes of a cover variant.
    pub fn put_variant(&self, variant: &CoverVariant, bytes: &[u8]) -> std::io::Result<()> {
        self.write_once(&self.variant_path(variant), bytes)
    }

    /// Writes `bytes` to `path` atomically, unless a file is there already.
    fn write_once(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        if path.exists() {
            return Ok(());
        }
        let dir = path.parent().unwrap_or(&self.root);
        std::fs::create_dir_all(dir)?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
        tmp.write_all(bytes)?;
        tmp.as_file().sync_data()?;
        tmp.persist(path).map_err(|e| e.error)?;
        Ok(())
    }

    /// Stores what `source` yields (already hashed as `hash`), copying it in
    /// chunks and hashing it again on the way: if the bytes changed since
    /// they were hashed, nothing is stored.
    pub fn put_reader(
        &self,
        hash: ContentHash,
        kind: MediaKind,
        mut source: impl Read,
    ) -> Result<MediaFile, PutError> {
        let file = MediaFile { hash, kind };
        let path = self.path(&file);
        if path.exists() {
            return Ok(file);
        }
        let dir = path.parent().unwrap_or(&self.root);
        std::fs::create_dir_all(dir).map_err(PutError::Write)?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(PutError::Write)?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0; CHUNK];
        loop {
            let n = match source.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(PutError::Read(e)),
            };
            hasher.update(&buf[..n]);
            tmp.write_all(&buf[..n]).map_err(PutError::Write)?;
        }
        if content_hash(hasher.finalize().as_slice()) != file.hash {
            return Err(PutError::Changed);
        }
        tmp.as_file().sync_data().map_err(PutError::Write)?;
        tmp.persist(&path).map_err(|e| PutError::Write(e.error))?;
        Ok(file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_by_content_and_is_idempotent() {
        let dir = tempfile::tempdir().unwrap();
        let store = MediaStore::new(dir.path());
        let bytes = b"not really audio";
        let a = store.put(hash_bytes(bytes), MediaKind::Ogg, bytes).unwrap();
        let b = store.put(hash_bytes(bytes), MediaKind::Ogg, bytes).unwrap();
        assert_eq!(a, b);
        assert_eq!(std::fs::read(store.path(&a)).unwrap(), bytes);
        assert!(store
            .path(&a)
            .ends_with(format!("{}/{}", &a.hash.as_str()[..2], a.file_name())));
    }

    #[test]
    fn streams_are_hashed_and_stored_in_chunks() {
        let dir = tempfile::tempdir().unwrap();
        let store = MediaStore::new(dir.path());
        // Several chunks and a partial one.
        let bytes: Vec<u8> = (0..(CHUNK * 2 + 7)).map(|i| (i % 251) as u8).collect();
        let hash = hash_reader(&bytes[..]).unwrap();
        assert_eq!(hash, hash_bytes(&bytes));
        let file = store
            .put_reader(hash.clone(), MediaKind::Wav, &bytes[..])
            .unwrap();
        assert_eq!(std::fs::read(store.path(&file)).unwrap(), bytes);

        let other = MediaStore::new(dir.path().join("other"));
        let changed = other.put_reader(hash, MediaKind::Wav, &bytes[1..]);
        assert!(matches!(changed, Err(PutError::Changed)), "{changed:?}");
        assert!(
            !other.root().exists() || walk_is_empty(other.root()),
            "nothing stored for changed bytes"
        );
    }

    fn walk_is_empty(dir: &Path) -> bool {
        std::fs::read_dir(dir).unwrap().all(|entry| {
            let path = entry.unwrap().path();
            path.is_dir() && walk_is_empty(&path)
        })
    }
}
