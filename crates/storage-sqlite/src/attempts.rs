//! [`chorus_storage::AttemptStore`] for SQLite: the `login_attempts` table
//! (the SQL backends' shared code, `chorus_storage_rows::accounts`).

chorus_storage_rows::sql_attempt_store!(crate::SqliteStore, crate::error::map_err);
