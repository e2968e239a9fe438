//! Maps sqlx errors into the storage layer's error (shared with
//! PostgreSQL: `chorus_storage_rows::map_err`).

pub(crate) use chorus_storage_rows::map_err;
