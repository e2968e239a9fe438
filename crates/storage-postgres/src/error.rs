//! Maps sqlx errors into the storage layer's error, as the SQLite backend
//! does: a unique violation is a conflict, a missing row is not found,
//! anything else is the backend's failure.

use chorus_storage::StorageError;

pub(crate) fn map_err(err: sqlx::Error) -> StorageError {
    match err {
        sqlx::Error::RowNotFound => StorageError::NotFound,
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            StorageError::Conflict(db.message().to_owned())
        }
        other => StorageError::Backend(Box::new(other)),
    }
}

/// A migration failure, as a backend error.
pub(crate) fn migrate_err(err: sqlx::migrate::MigrateError) -> StorageError {
    StorageError::Backend(Box::new(err))
}
