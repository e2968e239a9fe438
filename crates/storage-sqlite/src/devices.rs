//! [`chorus_storage::DeviceStore`] for SQLite: the `trusted_devices` table
//! (the SQL backends' shared code, `chorus_storage_rows::accounts`).

chorus_storage_rows::sql_device_store!(crate::SqliteStore, crate::error::map_err);
