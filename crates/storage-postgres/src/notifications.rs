//! [`chorus_storage::NotificationStore`] for PostgreSQL: the SQL both backends
//! share (`chorus_storage_rows::notifications`).

chorus_storage_rows::sql_notification_store!(crate::PostgresStore, crate::error::map_err);
