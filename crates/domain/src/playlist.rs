//! Playlists: a listener's ordered list of tracks, its visibility, the
//! friends invited to edit it, and the rules every layer checks the same
//! way (names, descriptions, who may see and who may change it, how many
//! tracks it holds). These are the JSON shapes of `/api/playlists…` too.

use serde::{Deserialize, Serialize};

use crate::account::PublicUser;
use crate::catalog::Track;
use crate::ids::{PlaylistEntryId, PlaylistId};

/// Additions of one listener to one playlist within this long make one
/// `added_to_playlist` event: ten minutes.
pub const PLAYLIST_ADDITIONS_BATCH_MS: u64 = 10 * 60 * 1000;

/// A playlist as a feed event names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaylistRef {
    pub id: PlaylistId,
    pub name: String,
}

/// Most tracks one playlist holds.
pub const MAX_PLAYLIST_TRACKS: u32 = 10_000;
/// Longest name, in characters.
pub const MAX_PLAYLIST_NAME: usize = 100;
/// Longest description, in characters.
pub const MAX_PLAYLIST_DESCRIPTION: usize = 1_000;

/// A playlist name or description that breaks its rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlaylistError {
    #[error("a playlist name is 1 to 100 characters, without control characters")]
    BadName,
    #[error("a playlist description is at most 1000 characters")]
    BadDescription,
}

/// Who may see a playlist: anyone (and the CDN), the owner's friends and
/// its collaborators, or only its owner and collaborators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum PlaylistVisibility {
    Public,
    #[default]
    Friends,
    Private,
}

impl PlaylistVisibility {
    /// As the API and the databases write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::Friends => "friends",
            Self::Private => "private",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "public" => Some(Self::Public),
            "friends" => Some(Self::Friends),
            "private" => Some(Self::Private),
            _ => None,
        }
    }
}

/// A playlist's name: 1–100 characters, trimmed, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct PlaylistName(String);

impl PlaylistName {
    pub fn parse(raw: &str) -> Result<Self, PlaylistError> {
        let name = raw.trim();
        let count = name.chars().count();
        if (1..=MAX_PLAYLIST_NAME).contains(&count) && !name.chars().any(char::is_control) {
            Ok(Self(name.to_owned()))
        } else {
            Err(PlaylistError::BadName)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for PlaylistName {
    type Error = PlaylistError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<PlaylistName> for String {
    fn from(n: PlaylistName) -> Self {
        n.0
    }
}

/// A playlist's description: at most 1,000 characters, trimmed (line
/// breaks and tabs allowed); empty when there is none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct PlaylistDescription(String);

impl PlaylistDescription {
    pub fn parse(raw: &str) -> Result<Self, PlaylistError> {
        let text = raw.trim();
        let allowed = |c: char| !c.is_control() || c == '\n' || c == '\t';
        if text.chars().count() <= MAX_PLAYLIST_DESCRIPTION && text.chars().all(allowed) {
            Ok(Self(text.to_owned()))
        } else {
            Err(PlaylistError::BadDescription)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for PlaylistDescription {
    type Error = PlaylistError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<PlaylistDescription> for String {
    fn from(d: PlaylistDescription) -> Self {
        d.0
    }
}

/// What the viewer of a playlist may do with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum PlaylistRole {
    /// Everything: edit, rename, change visibility, invite, delete.
    Owner,
    /// Add, remove and reorder tracks.
    Collaborator,
    /// Listen, and duplicate it into a playlist of one's own.
    Viewer,
}

impl PlaylistRole {
    pub fn can_edit_tracks(self) -> bool {
        matches!(self, Self::Owner | Self::Collaborator)
    }
}

/// A playlist in a list: no tracks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaylistSummary {
    pub id: PlaylistId,
    pub name: PlaylistName,
    pub description: PlaylistDescription,
    pub visibility: PlaylistVisibility,
    pub owner: PublicUser,
    /// Whether friends are invited to edit it.
    pub collaborative: bool,
    pub track_count: u32,
    pub duration_ms: u64,
    /// RFC 3339 time of the last change (of its tracks or its details).
    pub updated_at: String,
}

/// One place in a playlist: a track, who added it there, and the entry's
/// own id (a track may be in a playlist twice; edits name the entry).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaylistEntry {
    pub entry_id: PlaylistEntryId,
    pub track: Track,
    pub added_by: PublicUser,
}

/// A playlist with its tracks in order, its collaborators, and what the
/// viewer may do (`GET /api/playlists/{id}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaylistDetail {
    pub playlist: PlaylistSummary,
    pub entries: Vec<PlaylistEntry>,
    pub collaborators: Vec<PublicUser>,
    pub role: PlaylistRole,
}

impl PlaylistDetail {
    /// What a public page of it shows, as surrogate keys: the playlist,
    /// and its tracks' albums (an import that changes a track purges its
    /// album's key).
    pub fn surrogate_keys(&self) -> Vec<crate::SurrogateKey> {
        let mut keys: Vec<crate::SurrogateKey> = self
            .entries
            .iter()
            .map(|e| crate::SurrogateKey::album(e.track.album.id))
            .collect();
        keys.push(crate::SurrogateKey::playlist(self.playlist.id));
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            PlaylistName::parse("  Road trip ").unwrap().as_str(),
            "Road trip"
        );
        assert!(PlaylistName::parse(&"é".repeat(100)).is_ok());
        for bad in ["", "   ", "tab\there", &"x".repeat(101)] {
            assert_eq!(
                PlaylistName::parse(bad),
                Err(PlaylistError::BadName),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn descriptions_may_be_empty_or_span_lines() {
        assert_eq!(PlaylistDescription::parse("").unwrap().as_str(), "");
        assert!(PlaylistDescription::parse("For\nthe\tdrive").is_ok());
        assert!(PlaylistDescription::parse(&"x".repeat(1001)).is_err());
        assert!(PlaylistDescription::parse("bell\u{7}").is_err());
    }

    #[test]
    fn visibility_reads_what_it_writes() {
        for v in [
            PlaylistVisibility::Public,
            PlaylistVisibility::Friends,
            PlaylistVisibility::Private,
        ] {
            assert_eq!(PlaylistVisibility::parse(v.as_str()), Some(v));
            assert_eq!(
                serde_json::to_string(&v).unwrap(),
                format!("\"{}\"", v.as_str())
            );
        }
        assert_eq!(PlaylistVisibility::parse("secret"), None);
    }
}
