//! The storage layer's one error type. Backends map their driver errors into
//! it; the HTTP layer maps it to statuses in one place.

/// Why a storage operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The requested row does not exist.
    #[error("not found")]
    NotFound,
    /// A uniqueness rule was violated (e.g. a name already taken).
    #[error("conflict: {0}")]
    Conflict(String),
    /// A pagination cursor that this backend did not issue.
    #[error("invalid cursor")]
    InvalidCursor,
    /// The database failed or is unreachable; details are for the logs only.
    #[error("database error: {0}")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
}

pub type StorageResult<T> = Result<T, StorageError>;
