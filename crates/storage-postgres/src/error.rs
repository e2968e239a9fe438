//! Maps sqlx errors into the storage layer's error, as the SQLite backend
//! does (`chorus_storage_rows::map_err`), and migration failures.

use chorus_storage::StorageError;

pub(crate) use chorus_storage_rows::map_err;

/// A migration failure, as a backend error.
pub(crate) fn migrate_err(err: sqlx::migrate::MigrateError) -> StorageError {
    StorageError::Backend(Box::new(err))
}
