//! Hints on the bus: what live feed sockets on every instance should read
//! again. Hints only say what changed; the activity table stays the truth.

use std::sync::Arc;

use chorus_domain::{PlaylistId, UserId};
use chorus_realtime::{Fanout, Hint};
use chorus_storage::Recorded;

/// Publishes hints.
#[derive(Clone)]
pub struct Announcer {
    fanout: Arc<dyn Fanout>,
}

impl Announcer {
    pub fn new(fanout: Arc<dyn Fanout>) -> Self {
        Announcer { fanout }
    }

    /// Newly recorded events.
    pub fn events<'a>(&self, recorded: impl IntoIterator<Item = &'a Recorded>) {
        for event in recorded {
            self.fanout.publish(Hint::Activity {
                activity_id: event.id,
                user: event.user,
            });
        }
    }

    /// These listeners' presence may have changed (what they play, privacy).
    pub fn presence(&self, users: impl IntoIterator<Item = UserId>) {
        for user in users {
            self.fanout.publish(Hint::Presence { user });
        }
    }

    /// These listeners' friendships changed: their own sockets read their
    /// friend set again.
    pub fn friendships(&self, users: impl IntoIterator<Item = UserId>) {
        for user in users {
            self.fanout.publish(Hint::Friends { user });
        }
    }

    /// `playlist` changed: those who edit it are told.
    pub fn playlist_changed(
        &self,
        playlist: PlaylistId,
        editors: impl IntoIterator<Item = UserId>,
    ) {
        for user in editors {
            self.fanout.publish(Hint::Playlist { user, playlist });
        }
    }

    /// These listeners' notifications changed: their sockets tell the
    /// unread count again.
    pub fn notifications(&self, users: impl IntoIterator<Item = UserId>) {
        for user in users {
            self.fanout.publish(Hint::Notifications { user });
        }
    }

    /// A session of `user` ended (`session`: its fingerprint; `None`: all
    /// of them), so its feed sockets close.
    pub fn session_ended(&self, user: UserId, session: Option<u64>) {
        self.fanout.publish(Hint::SessionEnded { user, session });
    }
}
