//! Content-addressed media (audio files and cover images). A media file is
//! named by the SHA-256 of its bytes, so its URL changes exactly when its
//! content does and it can be cached forever.

use serde::{Deserialize, Serialize};
use std::fmt;

/// URL prefix under which media files are served.
pub const MEDIA_PREFIX: &str = "/media";

/// Lowercase hex SHA-256 of a file's bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ContentHash(String);

/// A string that is not 64 lowercase hex digits.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a content hash (64 lowercase hex digits expected)")]
pub struct ContentHashError;

impl ContentHash {
    pub fn parse(s: &str) -> Result<Self, ContentHashError> {
        let ok = s.len() == 64
            && s.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(ContentHashError)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for ContentHash {
    type Error = ContentHashError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<ContentHash> for String {
    fn from(h: ContentHash) -> Self {
        h.0
    }
}

/// The kinds of media Chorus stores, each with the one file extension it is
/// stored and served under (the extension decides the `Content-Type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MediaKind {
    Ogg,
    Opus,
    Mp3,
    Flac,
    M4a,
    Wav,
    Jpeg,
    Png,
    Webp,
}

impl MediaKind {
    pub const ALL: [MediaKind; 9] = [
        Self::Ogg,
        Self::Opus,
        Self::Mp3,
        Self::Flac,
        Self::M4a,
        Self::Wav,
        Self::Jpeg,
        Self::Png,
        Self::Webp,
    ];

    pub fn extension(self) -> &'static str {
        match self {
            Self::Ogg => "ogg",
            Self::Opus => "opus",
            Self::Mp3 => "mp3",
            Self::Flac => "flac",
            Self::M4a => "m4a",
            Self::Wav => "wav",
            Self::Jpeg => "jpg",
            Self::Png => "png",
            Self::Webp => "webp",
        }
    }

    pub fn from_extension(ext: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.extension() == ext)
    }

    pub fn mime(self) -> &'static str {
        match self {
            Self::Ogg => "audio/ogg",
            Self::Opus => "audio/ogg; codecs=opus",
            Self::Mp3 => "audio/mpeg",
            Self::Flac => "audio/flac",
            Self::M4a => "audio/mp4",
            Self::Wav => "audio/wav",
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Webp => "image/webp",
        }
    }

    pub fn is_audio(self) -> bool {
        !matches!(self, Self::Jpeg | Self::Png | Self::Webp)
    }
}

/// A stored media file: its content hash and kind.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MediaFile {
    pub hash: ContentHash,
    pub kind: MediaKind,
}

impl MediaFile {
    /// The file name in the media store, also the last URL segment.
    pub fn file_name(&self) -> String {
        format!("{}.{}", self.hash, self.kind.extension())
    }

    /// The public, immutable URL of this file.
    pub fn url(&self) -> String {
        format!("{MEDIA_PREFIX}/{}", self.file_name())
    }

    /// Parses a `<hash>.<ext>` file name back, refusing anything else (so a
    /// request path can never name a file outside the store).
    pub fn parse_file_name(name: &str) -> Option<Self> {
        let (hash, ext) = name.split_once('.')?;
        Some(Self {
            hash: ContentHash::parse(hash).ok()?,
            kind: MediaKind::from_extension(ext)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HASH: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    #[test]
    fn file_names_round_trip() {
        let file = MediaFile::parse_file_name(&format!("{HASH}.ogg"));
        let file = file.as_ref();
        assert_eq!(file.map(|f| f.kind), Some(MediaKind::Ogg));
        assert_eq!(file.map(MediaFile::url), Some(format!("/media/{HASH}.ogg")));
    }

    #[test]
    fn file_names_outside_the_store_are_refused() {
        for bad in [
            "../etc/passwd",
            &format!("{HASH}.exe"),
            &format!("{}.ogg", HASH.to_uppercase()),
            &format!("{HASH}.ogg.ogg"),
            "abc.ogg",
        ] {
            assert!(MediaFile::parse_file_name(bad).is_none(), "{bad}");
        }
    }
}
