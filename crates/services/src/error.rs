//! What a use case can fail with. The server maps each to a status in its
//! one error file.

use chorus_storage::StorageError;

/// A use case's failure.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// What the request names does not exist (a track, an artist, a
    /// listener).
    #[error("not found")]
    NotFound,
    /// The username is taken.
    #[error("that username is taken")]
    UsernameTaken,
    /// The password given as the current one is not.
    #[error("the current password is wrong")]
    WrongPassword,
    /// The request breaks a rule the service checks (the message says
    /// which, for the client).
    #[error("{0}")]
    Invalid(&'static str),
    /// Not allowed to the one asking (the message says who is).
    #[error("{0}")]
    Forbidden(&'static str),
    /// The request does not fit the state it would change (the message
    /// says why, for the client).
    #[error("{0}")]
    Conflict(String),
    /// Too many of these lately; the next may go after `retry_after`.
    #[error("too many; try again later")]
    RateLimited { retry_after: std::time::Duration },
    /// A track the request names does not exist.
    #[error("there is no track {0}")]
    NoSuchTrack(chorus_domain::TrackId),
    /// The store failed.
    #[error(transparent)]
    Storage(StorageError),
    /// Something else failed (the message is for the log).
    #[error("{0}")]
    Internal(String),
}

impl From<StorageError> for ServiceError {
    fn from(error: StorageError) -> Self {
        match error {
            StorageError::NotFound => ServiceError::NotFound,
            other => ServiceError::Storage(other),
        }
    }
}

pub type ServiceResult<T> = Result<T, ServiceError>;
