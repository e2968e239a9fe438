//! The discovery layer's one error type; the HTTP layer maps it to
//! statuses.

use chorus_domain::SearchQueryError;
use chorus_storage::StorageError;

#[derive(Debug, thiserror::Error)]
pub enum DiscoveryError {
    /// No such listener.
    #[error("no such listener")]
    UnknownListener,
    /// A listener compared with themself.
    #[error("that is you: compatibility compares you with someone else")]
    SameListener,
    /// A chart of friends asked for without a signed-in listener.
    #[error("sign in to see what your friends play")]
    SignInNeeded,
    #[error(transparent)]
    Query(#[from] SearchQueryError),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

pub type DiscoveryResult<T> = Result<T, DiscoveryError>;
