//! Notifications and dedications: what one is told of by friends, marking
//! it read, and sending a friend a track, an album or a playlist.

use serde::{Deserialize, Serialize};

use super::endpoint;
use crate::{AlbumId, Notification, NotificationId, NotificationList, PlaylistId, Sent, TrackId};

pub const NOTIFICATIONS: &str = "/api/notifications";
pub const NOTIFICATIONS_READ: &str = "/api/notifications/read";
pub const DEDICATIONS: &str = "/api/dedications";

/// `{"up_to": id}`: marks read every notification up to this one (those
/// the client has shown); newer ones stay unread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarkReadBody {
    pub up_to: NotificationId,
}

/// A dedication: to a friend, exactly one of `track_id`, `album_id` and
/// `playlist_id`, and a message of at most 280 characters (may be empty).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DedicationBody {
    /// The friend's username.
    pub to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track_id: Option<TrackId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub album_id: Option<AlbumId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub playlist_id: Option<PlaylistId>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 280))]
    pub message: String,
}

impl DedicationBody {
    /// A dedication of `sent` to `to`.
    pub fn new(to: &str, sent: Sent, message: &str) -> Self {
        let mut body = Self {
            to: to.to_owned(),
            message: message.to_owned(),
            ..Self::default()
        };
        match sent {
            Sent::Track(id) => body.track_id = Some(id),
            Sent::Album(id) => body.album_id = Some(id),
            Sent::Playlist(id) => body.playlist_id = Some(id),
        }
        body
    }

    /// What it sends, when it names exactly one thing.
    pub fn sent(&self) -> Option<Sent> {
        match (self.track_id, self.album_id, self.playlist_id) {
            (Some(id), None, None) => Some(Sent::Track(id)),
            (None, Some(id), None) => Some(Sent::Album(id)),
            (None, None, Some(id)) => Some(Sent::Playlist(id)),
            _ => None,
        }
    }
}

endpoint!(
    /// One's newest notifications and how many are unread.
    GetNotifications: Get NOTIFICATIONS, () => NotificationList
);
endpoint!(
    /// Marks notifications read: 204.
    MarkNotificationsRead: Post NOTIFICATIONS_READ, MarkReadBody => ()
);
endpoint!(
    /// Sends a friend a track, an album or a playlist: 201, the
    /// notification they get.
    SendDedication: Post DEDICATIONS, DedicationBody => Notification
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dedication_names_exactly_one_thing() {
        let body = DedicationBody::new("bob", Sent::Album(AlbumId(2)), "hi");
        assert_eq!(body.sent(), Some(Sent::Album(AlbumId(2))));
        let json = serde_json::to_string(&body).unwrap();
        assert_eq!(json, r#"{"to":"bob","album_id":2,"message":"hi"}"#);
        let two = DedicationBody {
            track_id: Some(TrackId(1)),
            ..body
        };
        assert_eq!(two.sent(), None);
        assert_eq!(DedicationBody::default().sent(), None);
    }
}
