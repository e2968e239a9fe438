//! The content-addressed media store: audio and cover files on disk, named by
//! the SHA-256 of their bytes and sharded by the first two hex digits.
//! Writes are atomic (temporary file, then rename), so a file under its final
//! name is always complete; storing the same bytes twice is a no-op.

use std::io::Write;
use std::path::{Path, PathBuf};

use chorus_domain::{ContentHash, MediaFile, MediaKind};
use sha2::{Digest, Sha256};

/// A folder of content-addressed media files.
#[derive(Debug, Clone)]
pub struct MediaStore {
    root: PathBuf,
}

/// SHA-256 of `bytes` as a content hash.
pub fn hash_bytes(bytes: &[u8]) -> ContentHash {
    let digest = Sha256::digest(bytes);
    // A hex-encoded SHA-256 is always a valid content hash.
    ContentHash::parse(&hex::encode(digest)).unwrap_or_else(|_| unreachable!())
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

    /// Stores `bytes` (already hashed as `hash`) under their content name.
    pub fn put(
        &self,
        hash: ContentHash,
        kind: MediaKind,
        bytes: &[u8],
    ) -> std::io::Result<MediaFile> {
        let file = MediaFile { hash, kind };
        let path = self.path(&file);
        if path.exists() {
            return Ok(file);
        }
        let dir = path.parent().unwrap_or(&self.root);
        std::fs::create_dir_all(dir)?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
        tmp.write_all(bytes)?;
        tmp.as_file().sync_data()?;
        tmp.persist(&path).map_err(|e| e.error)?;
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
}
