//! Errors of the catalog layer: why a file was skipped (reported, the import
//! goes on) and what stops an import altogether (or a cover variant's
//! request).

use std::path::PathBuf;

use chorus_storage::StorageError;

/// Why one file was not imported. Shown to the operator next to its name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SkipReason {
    #[error("not an audio file")]
    NotAudio,
    #[error(
        "unsupported audio format ({0}); Chorus streams Ogg Vorbis/Opus, MP3, FLAC, M4A and WAV"
    )]
    Unsupported(String),
    #[error("truncated: {0}")]
    Truncated(String),
    #[error("unreadable audio: {0}")]
    Corrupt(String),
    #[error("unreadable tags: {0}")]
    UnreadableTags(String),
    #[error("empty file")]
    Empty,
    #[error("cannot read file: {0}")]
    Io(String),
    /// A decoder or tag reader panicked (or overflowed) on this file.
    #[error("the decoder crashed on this file: {0}")]
    Crashed(String),
    /// The bytes changed between hashing and copying them into the store.
    #[error("the file changed while it was being imported; import it again")]
    ChangedDuringImport,
}

/// What stops an import (as opposed to skipping one file).
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("demo catalog: {0}")]
    Demo(#[from] chorus_demo::DemoError),
    #[error("background task failed: {0}")]
    Task(String),
    /// A cover variant was asked of a cover the media store does not have.
    #[error("no such cover")]
    NoSuchCover,
}
