//! Notifications and dedications, each rule written once: a listener
//! reads their newest notifications and marks them read; a dedication
//! (iLike's song sent with a few words) goes to a friend only, names a
//! track, an album or a playlist both may see, and one listener sends at
//! most [`DEDICATIONS_PER_WINDOW`] an hour. Each change tells the
//! listener's sockets, on every instance, the unread count.

use std::sync::Arc;
use std::time::Duration;

use chorus_domain::{
    Clock, DedicationMessage, Notification, NotificationId, NotificationKind, NotificationList,
    Sent, SentRef, Timestamp, UserId, Username, DEDICATIONS_PER_WINDOW, DEDICATION_WINDOW_MS,
    NOTIFICATIONS_LISTED,
};
use chorus_storage::{
    CatalogStore, NewNotification, NotificationStore, SocialStore, StorageError, UserStore,
};

use crate::{Announcer, Playlists, ServiceError, ServiceResult};

/// The notification use cases. Cheap to clone.
#[derive(Clone)]
pub struct Notifications {
    store: Arc<dyn NotificationStore>,
    social: Arc<dyn SocialStore>,
    users: Arc<dyn UserStore>,
    catalog: Arc<dyn CatalogStore>,
    playlists: Playlists,
    announcer: Announcer,
    clock: Arc<dyn Clock>,
}

/// The stores notifications read.
pub struct NotificationStores {
    pub notifications: Arc<dyn NotificationStore>,
    pub social: Arc<dyn SocialStore>,
    pub users: Arc<dyn UserStore>,
    pub catalog: Arc<dyn CatalogStore>,
}

impl Notifications {
    pub fn new(
        stores: NotificationStores,
        playlists: Playlists,
        announcer: Announcer,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            store: stores.notifications,
            social: stores.social,
            users: stores.users,
            catalog: stores.catalog,
            playlists,
            announcer,
            clock,
        }
    }

    /// `user`'s newest notifications, and how many are unread.
    pub async fn list(&self, user: UserId) -> ServiceResult<NotificationList> {
        Ok(NotificationList {
            unread: self.unread(user).await?,
            notifications: self.store.notifications(user, NOTIFICATIONS_LISTED).await?,
        })
    }

    /// How many of `user`'s notifications are unread.
    pub async fn unread(&self, user: UserId) -> ServiceResult<u32> {
        Ok(self.store.unread_notifications(user).await?)
    }

    /// Marks `user`'s notifications up to `up_to` read.
    pub async fn mark_read(&self, user: UserId, up_to: NotificationId) -> ServiceResult<()> {
        let marked = self
            .store
            .mark_notifications_read(user, up_to, self.clock.now())
            .await?;
        if marked > 0 {
            self.announcer.notifications([user]);
        }
        Ok(())
    }

    /// `from` sends `to` what `sent` names, with `message`: the
    /// notification `to` gets.
    pub async fn dedicate(
        &self,
        from: UserId,
        to: &Username,
        sent: Sent,
        message: DedicationMessage,
    ) -> ServiceResult<Notification> {
        let recipient = self
            .users
            .user_by_username(to)
            .await?
            .ok_or(ServiceError::NotFound)?
            .id;
        if recipient == from {
            return Err(ServiceError::Invalid(
                "send music to a friend, not to yourself",
            ));
        }
        if !self.social.friend_ids(from).await?.contains(&recipient) {
            return Err(ServiceError::Forbidden("music can be sent to friends only"));
        }
        let title = self.title(sent, from, recipient).await?;
        let now = self.clock.now();
        self.within_limit(from, now).await?;
        let dedication = NewNotification {
            user: recipient,
            kind: NotificationKind::Dedication,
            from,
            subject: Some(sent),
            message: Some(message),
        };
        let id = self.store.notify(&dedication, now).await?;
        self.announcer.notifications([recipient]);
        let sender = self
            .users
            .user_by_id(from)
            .await?
            .ok_or(ServiceError::NotFound)?;
        Ok(Notification {
            id,
            kind: NotificationKind::Dedication,
            at: now.to_rfc3339(),
            from: chorus_domain::PublicUser {
                username: sender.me.username,
                display_name: sender.me.display_name,
            },
            subject: Some(SentRef {
                kind: sent.kind().to_owned(),
                id: sent.id(),
                title,
            }),
            message: dedication.message.map(|m| m.as_str().to_owned()),
            read: false,
        })
    }

    /// The title of what is sent, when it exists and both may see it.
    async fn title(&self, sent: Sent, from: UserId, to: UserId) -> ServiceResult<String> {
        let unknown = |e: StorageError, missing: ServiceError| match e {
            StorageError::NotFound => missing,
            other => ServiceError::Storage(other),
        };
        match sent {
            Sent::Track(id) => match self.catalog.track(id).await {
                Ok(track) => Ok(track.title),
                Err(e) => Err(unknown(e, ServiceError::NoSuchTrack(id))),
            },
            Sent::Album(id) => match self.catalog.album(id).await {
                Ok(album) => Ok(album.album.title),
                Err(e) => Err(unknown(e, ServiceError::Invalid("there is no such album"))),
            },
            Sent::Playlist(id) => {
                let hidden = |e: ServiceError| match e {
                    ServiceError::NotFound => {
                        ServiceError::Invalid("that playlist is not one you both may see")
                    }
                    other => other,
                };
                let playlist = self.playlists.visible_to(id, from).await.map_err(hidden)?;
                self.playlists.visible_to(id, to).await.map_err(hidden)?;
                Ok(playlist.name.as_str().to_owned())
            }
        }
    }

    /// `RateLimited` when `from` sent the most dedications the window
    /// allows, with when the oldest of them leaves it.
    async fn within_limit(&self, from: UserId, now: Timestamp) -> ServiceResult<()> {
        let since = Timestamp::from_ms(now.as_ms().saturating_sub(DEDICATION_WINDOW_MS));
        let (sent, oldest) = self
            .store
            .sent_since(from, NotificationKind::Dedication, since)
            .await?;
        if sent < DEDICATIONS_PER_WINDOW {
            return Ok(());
        }
        let frees_at = oldest.map_or(now.as_ms(), |t| t.as_ms()) + DEDICATION_WINDOW_MS;
        Err(ServiceError::RateLimited {
            retry_after: Duration::from_millis(frees_at.saturating_sub(now.as_ms())),
        })
    }
}
