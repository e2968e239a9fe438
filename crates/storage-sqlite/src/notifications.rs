//! [`chorus_storage::NotificationStore`] for SQLite: the SQL both backends
//! share (`chorus_storage_rows::notifications`).

chorus_storage_rows::sql_notification_store!(crate::SqliteStore, crate::error::map_err);
