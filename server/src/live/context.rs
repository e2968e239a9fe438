//! What a feed socket holds, and nothing more: the stores it reads, this
//! instance's hub and online registry, the drain signal and the clock.
//! Built from the [`AppState`] at the handshake.

use std::sync::Arc;

use chorus_domain::Clock;
use chorus_realtime::OnlineRegistry;
use chorus_storage::{ActivityStore, SocialStore, UserStore};

use super::LiveHub;
use crate::drain::Drain;
use crate::state::AppState;

/// A feed socket's dependencies. Cheap to clone.
#[derive(Clone)]
pub struct FeedContext {
    /// The friend set.
    pub social: Arc<dyn SocialStore>,
    /// New friends' names.
    pub users: Arc<dyn UserStore>,
    /// Events and presence after the cursor.
    pub activity: Arc<dyn ActivityStore>,
    /// News of friends on this instance.
    pub live: Arc<LiveHub>,
    /// Counts the listener online while the socket is open.
    pub online: Arc<OnlineRegistry>,
    /// Closes the socket (1001) when the instance drains.
    pub drain: Drain,
    /// The time presence is read at.
    pub clock: Arc<dyn Clock>,
    /// The unread notifications count.
    pub notifications: chorus_services::Notifications,
}

impl From<&AppState> for FeedContext {
    fn from(state: &AppState) -> Self {
        FeedContext {
            social: state.social.clone(),
            users: state.users.clone(),
            activity: state.activity.clone(),
            live: state.live.clone(),
            online: state.online.clone(),
            drain: state.drain.clone(),
            clock: state.services.clock().clone(),
            notifications: state.notifications.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    /// The fields of [`super::FeedContext`], counted from its source: the
    /// figure the services issue asked for (down from the whole 14-field
    /// state), and one more since: the unread notifications.
    #[test]
    fn a_feed_socket_holds_eight_things() {
        let source = include_str!("context.rs");
        let start = source.find("pub struct FeedContext {").unwrap();
        let end = start + source[start..].find("\n}").unwrap();
        let fields = source[start..end].matches("\n    pub ").count();
        assert_eq!(fields, 8);
    }
}
