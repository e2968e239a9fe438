//! Browser calls to the notification API. Errors are the server's own
//! messages, ready to show.

use chorus_domain::api::{self, DedicationBody, MarkReadBody};
use chorus_domain::{Notification, NotificationId, NotificationList};

use crate::json_api::call;

pub async fn list() -> Result<NotificationList, String> {
    call::<api::GetNotifications>(api::NOTIFICATIONS, &()).await
}

pub async fn mark_read(up_to: NotificationId) -> Result<(), String> {
    call::<api::MarkNotificationsRead>(api::NOTIFICATIONS_READ, &MarkReadBody { up_to }).await
}

pub async fn send(body: DedicationBody) -> Result<Notification, String> {
    call::<api::SendDedication>(api::DEDICATIONS, &body).await
}
