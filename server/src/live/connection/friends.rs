//! The feed socket's friends: keeping the friend set current, telling
//! the client each friend's presence as it changes, how many friend
//! requests wait for an answer and how many notifications are unread.

use std::collections::HashSet;

use chorus_domain::{Presence, UserId};
use chorus_realtime::protocol::ServerMessage;
use tokio::time::Instant;

use super::{read_failed, Connection, End};
use crate::live::presence::compose;

impl Connection {
    /// Whether `user` is a friend, as far as this connection knows.
    pub(super) fn is_friend(&self, user: UserId) -> bool {
        user != self.viewer && self.news.follows(user)
    }

    fn friends(&self) -> Vec<UserId> {
        let viewer = self.viewer;
        self.news
            .following()
            .iter()
            .copied()
            .filter(|&f| f != viewer)
            .collect()
    }

    /// Reads the friend set again: a last word for friends gone, presence
    /// for new ones.
    pub(super) async fn refresh_friends(&mut self) -> Result<(), End> {
        let ids = self
            .context
            .social
            .friend_ids(self.viewer)
            .await
            .map_err(read_failed)?;
        let gone: Vec<UserId> = self
            .friends()
            .into_iter()
            .filter(|f| !ids.contains(f))
            .collect();
        let new: Vec<UserId> = ids
            .iter()
            .copied()
            .filter(|&f| !self.is_friend(f))
            .collect();
        self.news.follow(super::followed(self.viewer, ids));
        for friend in gone {
            self.unfriended(friend).await?;
        }
        self.presence_of(&new).await
    }

    /// `friend` is no longer one: stop following them, and if the client
    /// shows them online or playing, a last word.
    pub(super) async fn unfriended(&mut self, friend: UserId) -> Result<(), End> {
        if self.is_friend(friend) {
            let rest: Vec<UserId> = self
                .news
                .following()
                .iter()
                .copied()
                .filter(|&f| f != friend)
                .collect();
            self.news.follow(rest);
        }
        if !self.presence.forget(friend) {
            return Ok(());
        }
        // The last word: offline, nothing playing.
        let Some(user) = self
            .context
            .users
            .user_by_id(friend)
            .await
            .map_err(read_failed)?
        else {
            return Ok(());
        };
        let last = Presence {
            username: user.me.username,
            display_name: user.me.display_name,
            online: false,
            now_playing: None,
        };
        self.send_json(&ServerMessage::Presence(last)).await
    }

    pub(super) async fn presence_of_all(&mut self) -> Result<(), End> {
        let friends = self.friends();
        let started = Instant::now();
        self.presence_of(&friends).await?;
        self.presence_read = started;
        Ok(())
    }

    /// Friends told to be playing whose track or report may have ended.
    pub(super) async fn presence_due(&mut self) -> Result<(), End> {
        let due = self.presence.due(Instant::now());
        self.presence_of(&due).await
    }

    /// Reads the presence of these friends and sends what changed. One no
    /// longer a friend is not read (storage only reads friends) and gets a
    /// last word.
    pub(super) async fn presence_of(&mut self, friends: &[UserId]) -> Result<(), End> {
        if friends.is_empty() {
            return Ok(());
        }
        let stored = self
            .context
            .activity
            .friends_presence(self.viewer, friends, self.context.clock.now().as_ms())
            .await
            .map_err(read_failed)?;
        let read_at = Instant::now();
        let mut still = HashSet::with_capacity(stored.len());
        for friend in stored {
            let id = friend.id;
            still.insert(id);
            let presence = compose(friend);
            if self.presence.update(id, &presence, read_at) {
                self.send_json(&ServerMessage::Presence(presence)).await?;
            }
        }
        for &friend in friends.iter().filter(|f| !still.contains(f)) {
            self.unfriended(friend).await?;
        }
        Ok(())
    }

    /// Tells the client how many friend requests wait for an answer, if
    /// that changed since it was last told (always, the first time).
    pub(super) async fn friend_requests(&mut self) -> Result<(), End> {
        let pending = self
            .context
            .social
            .pending_requests(self.viewer)
            .await
            .map_err(read_failed)?;
        if self.requests_told == Some(pending) {
            return Ok(());
        }
        self.requests_told = Some(pending);
        self.send_json(&ServerMessage::FriendRequests { pending })
            .await
    }

    /// Tells the client how many notifications are unread, if that
    /// changed since it was last told (always, the first time).
    pub(super) async fn notifications(&mut self) -> Result<(), End> {
        let unread = self
            .context
            .notifications
            .unread(self.viewer)
            .await
            .map_err(read_failed)?;
        if self.unread_told == Some(unread) {
            return Ok(());
        }
        self.unread_told = Some(unread);
        self.send_json(&ServerMessage::Notifications { unread })
            .await
    }
}
