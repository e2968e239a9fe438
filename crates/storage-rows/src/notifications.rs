//! [`chorus_storage::NotificationStore`], the same SQL on both engines:
//! [`crate::sql_notification_store!`] expands it for a backend. The unit
//! of work ([`crate::sql_unit_of_work!`]) inserts with [`INSERT`] too.
//! A notification names at most one of a track, an album and a playlist;
//! it goes when that does (`ON DELETE CASCADE`). Read or not is `read_ms`.

use chorus_domain::{
    rfc3339_from_ms, Notification, NotificationId, NotificationKind, Sent, SentRef,
};
use chorus_storage::{StorageError, StorageResult};

use crate::people::person;

/// Inserts a notification: `$1` user, `$2` kind, `$3` from, `$4` track,
/// `$5` album, `$6` playlist, `$7` message, `$8` time; returns its id.
pub const INSERT: &str = "INSERT INTO notifications \
     (user_id, kind, actor_id, track_id, album_id, playlist_id, message, created_ms) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";

/// The values of [`INSERT`]'s `$4`, `$5` and `$6`.
pub fn subject_ids(subject: Option<Sent>) -> [Option<i64>; 3] {
    match subject {
        None => [None, None, None],
        Some(Sent::Track(id)) => [Some(id.0), None, None],
        Some(Sent::Album(id)) => [None, Some(id.0), None],
        Some(Sent::Playlist(id)) => [None, None, Some(id.0)],
    }
}

/// Binds [`INSERT`]'s parameters, made at `now_ms`.
#[macro_export]
macro_rules! bind_notification {
    ($query:expr, $n:expr, $now_ms:expr) => {{
        let n: &chorus_storage::NewNotification = $n;
        let [track, album, playlist] = $crate::notifications::subject_ids(n.subject);
        $query
            .bind(n.user.0)
            .bind(n.kind.as_str())
            .bind(n.from.0)
            .bind(track)
            .bind(album)
            .bind(playlist)
            .bind(n.message.as_ref().map(|m| m.as_str().to_owned()))
            .bind($now_ms)
    }};
}

/// A listener's notifications, newest first: `$1` user, `$2` how many.
pub const SELECT: &str = "SELECT n.id, n.kind, n.created_ms, n.read_ms, n.message, \
     u.username, u.display_name, n.track_id, n.album_id, n.playlist_id, \
     t.title AS track_title, al.title AS album_title, p.name AS playlist_name \
     FROM notifications n JOIN users u ON u.id = n.actor_id \
     LEFT JOIN tracks t ON t.id = n.track_id \
     LEFT JOIN albums al ON al.id = n.album_id \
     LEFT JOIN playlists p ON p.id = n.playlist_id \
     WHERE n.user_id = $1 ORDER BY n.id DESC LIMIT $2";

#[derive(sqlx::FromRow)]
pub struct NotificationRow {
    id: i64,
    kind: String,
    created_ms: i64,
    read_ms: Option<i64>,
    message: Option<String>,
    username: String,
    display_name: String,
    track_id: Option<i64>,
    album_id: Option<i64>,
    playlist_id: Option<i64>,
    track_title: Option<String>,
    album_title: Option<String>,
    playlist_name: Option<String>,
}

impl NotificationRow {
    pub fn into_domain(self) -> StorageResult<Notification> {
        let kind = NotificationKind::parse(&self.kind).ok_or_else(|| {
            StorageError::Backend(format!("invalid kind {:?} in notifications", self.kind).into())
        })?;
        let subject = [
            ("track", self.track_id, self.track_title),
            ("album", self.album_id, self.album_title),
            ("playlist", self.playlist_id, self.playlist_name),
        ]
        .into_iter()
        .find_map(|(kind, id, title)| {
            Some(SentRef {
                kind: kind.to_owned(),
                id: id?,
                title: title?,
            })
        });
        Ok(Notification {
            id: NotificationId(self.id),
            kind,
            at: rfc3339_from_ms(u64::try_from(self.created_ms).unwrap_or(0)),
            from: person(&self.username, &self.display_name)?,
            subject,
            message: self.message,
            read: self.read_ms.is_some(),
        })
    }
}

/// Implements [`chorus_storage::NotificationStore`] for `$store`.
#[macro_export]
macro_rules! sql_notification_store {
    ($store:ty, $map_err:path) => {
        #[async_trait::async_trait]
        impl chorus_storage::NotificationStore for $store {
            async fn notify(
                &self,
                notification: &chorus_storage::NewNotification,
                now: chorus_domain::Timestamp,
            ) -> chorus_storage::StorageResult<chorus_domain::NotificationId> {
                let query = sqlx::query_scalar($crate::notifications::INSERT);
                let id: i64 = $crate::bind_notification!(query, notification, now.as_ms_i64())
                    .fetch_one(&self.pool)
                    .await
                    .map_err($map_err)?;
                Ok(chorus_domain::NotificationId(id))
            }

            async fn notifications(
                &self,
                user: chorus_domain::UserId,
                limit: u32,
            ) -> chorus_storage::StorageResult<Vec<chorus_domain::Notification>> {
                let rows: Vec<$crate::notifications::NotificationRow> =
                    sqlx::query_as($crate::notifications::SELECT)
                        .bind(user.0)
                        .bind(i64::from(limit))
                        .fetch_all(&self.pool)
                        .await
                        .map_err($map_err)?;
                rows.into_iter().map(|row| row.into_domain()).collect()
            }

            async fn unread_notifications(
                &self,
                user: chorus_domain::UserId,
            ) -> chorus_storage::StorageResult<u32> {
                let count: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_ms IS NULL",
                )
                .bind(user.0)
                .fetch_one(&self.pool)
                .await
                .map_err($map_err)?;
                Ok(u32::try_from(count).unwrap_or(u32::MAX))
            }

            async fn mark_notifications_read(
                &self,
                user: chorus_domain::UserId,
                up_to: chorus_domain::NotificationId,
                now: chorus_domain::Timestamp,
            ) -> chorus_storage::StorageResult<u32> {
                let done = sqlx::query(
                    "UPDATE notifications SET read_ms = $3 \
                     WHERE user_id = $1 AND id <= $2 AND read_ms IS NULL",
                )
                .bind(user.0)
                .bind(up_to.0)
                .bind(now.as_ms_i64())
                .execute(&self.pool)
                .await
                .map_err($map_err)?;
                Ok(u32::try_from(done.rows_affected()).unwrap_or(u32::MAX))
            }

            async fn sent_since(
                &self,
                from: chorus_domain::UserId,
                kind: chorus_domain::NotificationKind,
                since: chorus_domain::Timestamp,
            ) -> chorus_storage::StorageResult<(u32, Option<chorus_domain::Timestamp>)> {
                let (count, oldest): (i64, Option<i64>) = sqlx::query_as(
                    "SELECT COUNT(*), MIN(created_ms) FROM notifications \
                     WHERE actor_id = $1 AND kind = $2 AND created_ms >= $3",
                )
                .bind(from.0)
                .bind(kind.as_str())
                .bind(since.as_ms_i64())
                .fetch_one(&self.pool)
                .await
                .map_err($map_err)?;
                Ok((
                    u32::try_from(count).unwrap_or(u32::MAX),
                    oldest.map(chorus_domain::Timestamp::from_ms_i64),
                ))
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use chorus_domain::{AlbumId, PlaylistId, TrackId};

    #[test]
    fn a_subject_fills_one_column_of_three() {
        assert_eq!(subject_ids(None), [None, None, None]);
        assert_eq!(
            subject_ids(Some(Sent::Track(TrackId(4)))),
            [Some(4), None, None]
        );
        assert_eq!(
            subject_ids(Some(Sent::Album(AlbumId(5)))),
            [None, Some(5), None]
        );
        assert_eq!(
            subject_ids(Some(Sent::Playlist(PlaylistId(6)))),
            [None, None, Some(6)]
        );
    }
}
