//! Maps sqlx errors into the storage layer's error.

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
