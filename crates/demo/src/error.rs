//! The crate's error type.

use std::path::PathBuf;

/// Everything that can go wrong while generating the demo catalog.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// Reading or writing a file or folder failed.
    #[error("I/O error on {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The Vorbis encoder rejected its input or settings.
    #[error("Ogg Vorbis encoding failed: {0}")]
    Encode(#[from] vorbis_rs::VorbisError),
    /// Writing the Vorbis comments or the embedded cover failed.
    #[error("writing tags failed: {0}")]
    Tag(String),
    /// Encoding the cover art failed.
    #[error("PNG encoding of the cover failed: {0}")]
    Png(#[from] png::EncodingError),
    /// A bug in this crate (e.g. a rendering thread panicked).
    #[error("internal error in the demo generator: {0}")]
    Internal(&'static str),
}

impl DemoError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            path: path.into(),
            source,
        }
    }
}
