//! Notifications: what a listener is told of by others (a friend request,
//! a request accepted, a song sent with a message, an invitation to edit a
//! playlist), read or not, and dedications: iLike's song sent to a friend
//! with a few words. These are the JSON shapes of `/api/notifications` and
//! `/api/dedications` too. Names are contracts: extend, never rename.

use serde::{Deserialize, Serialize};

use crate::account::PublicUser;
use crate::ids::{AlbumId, NotificationId, PlaylistId, TrackId};

/// Longest dedication message, in characters.
pub const MAX_DEDICATION_MESSAGE: usize = 280;
/// Dedications one listener may send in [`DEDICATION_WINDOW_MS`].
pub const DEDICATIONS_PER_WINDOW: u32 = 30;
/// The window [`DEDICATIONS_PER_WINDOW`] counts over: an hour.
pub const DEDICATION_WINDOW_MS: u64 = 60 * 60 * 1000;
/// Notifications `GET /api/notifications` lists, newest first.
pub const NOTIFICATIONS_LISTED: u32 = 50;

/// What a notification tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// `from` asks to be friends.
    FriendRequest,
    /// `from` accepted the listener's friend request.
    FriendAccepted,
    /// `from` sent a track, an album or a playlist, perhaps with a message.
    Dedication,
    /// `from` invited the listener to edit a playlist.
    PlaylistInvite,
}

impl NotificationKind {
    pub const ALL: [Self; 4] = [
        Self::FriendRequest,
        Self::FriendAccepted,
        Self::Dedication,
        Self::PlaylistInvite,
    ];

    /// As the API and the databases write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::FriendRequest => "friend_request",
            Self::FriendAccepted => "friend_accepted",
            Self::Dedication => "dedication",
            Self::PlaylistInvite => "playlist_invite",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// What a dedication sends (or an invitation is to): one track, album or
/// playlist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sent {
    Track(TrackId),
    Album(AlbumId),
    Playlist(PlaylistId),
}

impl Sent {
    /// Its kind, as [`SentRef::kind`] writes it.
    pub fn kind(self) -> &'static str {
        match self {
            Self::Track(_) => "track",
            Self::Album(_) => "album",
            Self::Playlist(_) => "playlist",
        }
    }

    /// Its id.
    pub fn id(self) -> i64 {
        match self {
            Self::Track(id) => id.0,
            Self::Album(id) => id.0,
            Self::Playlist(id) => id.0,
        }
    }

    /// Its page on the site.
    pub fn path(self) -> String {
        format!("/{}s/{}", self.kind(), self.id())
    }
}

/// What a notification is about, as the API shows it: `{"kind": "track" |
/// "album" | "playlist", "id", "title"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SentRef {
    #[cfg_attr(feature = "openapi", schema(example = "track"))]
    pub kind: String,
    pub id: i64,
    /// The track's or album's title, the playlist's name.
    pub title: String,
}

impl SentRef {
    /// What it names, when its kind is one Chorus knows.
    pub fn sent(&self) -> Option<Sent> {
        match self.kind.as_str() {
            "track" => Some(Sent::Track(TrackId(self.id))),
            "album" => Some(Sent::Album(AlbumId(self.id))),
            "playlist" => Some(Sent::Playlist(PlaylistId(self.id))),
            _ => None,
        }
    }
}

/// One notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notification {
    pub id: NotificationId,
    pub kind: NotificationKind,
    /// RFC 3339 time it was made.
    pub at: String,
    /// Who it is from.
    pub from: PublicUser,
    /// The dedication's track, album or playlist; the playlist one is
    /// invited to edit.
    pub subject: Option<SentRef>,
    /// A dedication's message (may be empty).
    pub message: Option<String>,
    pub read: bool,
}

/// `GET /api/notifications`: how many are unread, and the newest ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationList {
    pub unread: u32,
    pub notifications: Vec<Notification>,
}

/// A dedication's message: at most [`MAX_DEDICATION_MESSAGE`] characters,
/// trimmed, line breaks allowed but no other control characters. Empty is
/// fine: the song says enough.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DedicationMessage(String);

/// A message that breaks its rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a message is at most 280 characters, without control characters")]
pub struct BadDedicationMessage;

impl DedicationMessage {
    pub fn parse(raw: &str) -> Result<Self, BadDedicationMessage> {
        let message = raw.trim();
        if message.chars().count() <= MAX_DEDICATION_MESSAGE
            && !message.chars().any(|c| c.is_control() && c != '\n')
        {
            Ok(Self(message.to_owned()))
        } else {
            Err(BadDedicationMessage)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_back_as_written() {
        for kind in NotificationKind::ALL {
            assert_eq!(NotificationKind::parse(kind.as_str()), Some(kind));
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
        assert_eq!(NotificationKind::parse("poke"), None);
    }

    #[test]
    fn a_message_is_short_and_plain_and_may_be_empty() {
        assert_eq!(DedicationMessage::parse("  hi\n").unwrap().as_str(), "hi");
        assert_eq!(DedicationMessage::parse("").unwrap().as_str(), "");
        assert!(DedicationMessage::parse("line one\nline two").is_ok());
        assert!(DedicationMessage::parse(&"é".repeat(280)).is_ok());
        assert!(DedicationMessage::parse(&"é".repeat(281)).is_err());
        assert!(DedicationMessage::parse("bell\u{7}").is_err());
    }

    #[test]
    fn what_is_sent_links_to_its_page_and_reads_back() {
        assert_eq!(Sent::Album(AlbumId(3)).path(), "/albums/3");
        let sent = Sent::Playlist(PlaylistId(9));
        let shown = SentRef {
            kind: sent.kind().into(),
            id: sent.id(),
            title: "Mix".into(),
        };
        assert_eq!(shown.sent(), Some(sent));
    }
}
