//! Messages of `GET /ws/feed`, as JSON text frames. Names are contracts:
//! extend, never rename. Documented in `docs/realtime.md`.

use chorus_domain::{FeedItem, PlaylistId, Presence};
use serde::{Deserialize, Serialize};

/// Most events one `resume` replays; past that the server answers
/// [`ServerMessage::Resync`] and the client reloads the feed over HTTP.
pub const MAX_REPLAY: u32 = 500;
/// Largest message a client may send, in bytes.
pub const MAX_CLIENT_MESSAGE: usize = 4 * 1024;

/// Server → client.
// A message lives only from its read to its send (or its receipt to its
// handling), one at a time: its size does not matter, and boxing
// `Presence` would only make building and matching it clumsier.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMessage {
    /// A friend's event, in id order, each once.
    Event { event: Box<FeedItem> },
    /// A friend came online or went offline, or started, paused or moved
    /// in a track: `{"type":"presence","username","display_name","online",
    /// "now_playing"}`. Sent for every friend online or playing when the
    /// socket opens, then on each change.
    Presence(Presence),
    /// How many friend requests to the listener wait for an answer:
    /// `{"type":"friend_requests","pending":N}`. Sent when the socket
    /// opens, then whenever the number changes (a request arrives, is
    /// accepted or declined, here or on another device).
    FriendRequests { pending: u32 },
    /// A playlist the listener owns or edits changed (tracks, details or
    /// collaborators, by anyone, on any device):
    /// `{"type":"playlist_changed","playlist_id":N}`. A page showing it
    /// reads `GET /api/playlists/{id}` again.
    PlaylistChanged { playlist_id: PlaylistId },
    /// How many of the listener's notifications are unread:
    /// `{"type":"notifications","unread":N}`. Sent when the socket opens,
    /// then whenever the number changes (a dedication, a friend request or
    /// an invitation arrives; some are marked read on any device).
    Notifications { unread: u32 },
    /// Too much was missed: reload `GET /api/feed`, then resume from its
    /// newest id.
    Resync,
    /// The client sent something the server does not understand.
    Error { message: String },
}

/// Client → server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientMessage {
    /// Replay every event after this id, then go on live.
    Resume { after: i64 },
}

impl ClientMessage {
    /// Reads a client's text frame: a JSON object of a known `type`, or
    /// nothing. (serde alone would also take the array form of a tagged
    /// enum, `["resume", 41]`, which the protocol does not have.)
    pub fn parse(text: &str) -> Option<Self> {
        if !text.trim_start().starts_with('{') {
            return None;
        }
        serde_json::from_str(text).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_have_the_documented_shape() {
        assert_eq!(
            serde_json::to_string(&ServerMessage::Resync).unwrap(),
            r#"{"type":"resync"}"#
        );
        assert_eq!(
            serde_json::to_string(&ServerMessage::FriendRequests { pending: 2 }).unwrap(),
            r#"{"type":"friend_requests","pending":2}"#
        );
        assert_eq!(
            serde_json::to_string(&ServerMessage::Notifications { unread: 3 }).unwrap(),
            r#"{"type":"notifications","unread":3}"#
        );
        let resume: ClientMessage =
            serde_json::from_str(r#"{"type":"resume","after":42}"#).unwrap();
        assert_eq!(resume, ClientMessage::Resume { after: 42 });
        assert!(serde_json::from_str::<ClientMessage>(r#"{"type":"shout"}"#).is_err());
    }
}
