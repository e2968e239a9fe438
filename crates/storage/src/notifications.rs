//! The notification store: what each listener is told of by others, and
//! whether they read it. Who is notified of what is the services' rule;
//! a notification made inside a unit of work (a friend request) is
//! written by [`crate::UnitOfWork::notify`], with the same columns.

use async_trait::async_trait;
use chorus_domain::{
    DedicationMessage, Notification, NotificationId, NotificationKind, Sent, Timestamp, UserId,
};

use crate::StorageResult;

/// A notification to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNotification {
    /// Who is told.
    pub user: UserId,
    pub kind: NotificationKind,
    /// Who it is from.
    pub from: UserId,
    pub subject: Option<Sent>,
    pub message: Option<DedicationMessage>,
}

/// Stores notifications.
#[async_trait]
pub trait NotificationStore: Send + Sync {
    /// Stores it, made at `now`.
    async fn notify(
        &self,
        notification: &NewNotification,
        now: Timestamp,
    ) -> StorageResult<NotificationId>;

    /// `user`'s newest `limit` notifications, newest first. One about a
    /// track, album or playlist that is gone is gone with it.
    async fn notifications(&self, user: UserId, limit: u32) -> StorageResult<Vec<Notification>>;

    /// How many of `user`'s notifications are unread.
    async fn unread_notifications(&self, user: UserId) -> StorageResult<u32>;

    /// Marks `user`'s notifications up to `up_to` read; how many were
    /// unread.
    async fn mark_notifications_read(
        &self,
        user: UserId,
        up_to: NotificationId,
        now: Timestamp,
    ) -> StorageResult<u32>;

    /// How many notifications of `kind` `from` made since `since`, and
    /// when the oldest of them was made.
    async fn sent_since(
        &self,
        from: UserId,
        kind: NotificationKind,
        since: Timestamp,
    ) -> StorageResult<(u32, Option<Timestamp>)>;
}
