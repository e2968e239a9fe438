//! The user store: accounts and their password hashes. Hashing happens
//! above this layer; the store only keeps the PHC string.

use async_trait::async_trait;
use chorus_domain::{ActivityPrivacy, DisplayName, Me, UserId, Username};

use crate::StorageResult;

/// An account as stored, with its password hash (never serialized).
#[derive(Clone, PartialEq, Eq)]
pub struct StoredUser {
    pub id: UserId,
    pub me: Me,
    /// PHC-format argon2 hash.
    pub password_hash: String,
}

impl std::fmt::Debug for StoredUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredUser")
            .field("id", &self.id)
            .field("me", &self.me)
            .finish_non_exhaustive()
    }
}

/// Reads and writes accounts.
#[async_trait]
pub trait UserStore: Send + Sync {
    /// Creates an account; [`crate::StorageError::Conflict`] when the
    /// username is taken (also when two sign-ups race for it).
    async fn create_user(
        &self,
        username: &Username,
        display_name: &DisplayName,
        password_hash: &str,
    ) -> StorageResult<StoredUser>;

    async fn user_by_username(&self, username: &Username) -> StorageResult<Option<StoredUser>>;
    async fn user_by_id(&self, id: UserId) -> StorageResult<Option<StoredUser>>;

    async fn set_password_hash(&self, id: UserId, password_hash: &str) -> StorageResult<()>;
    async fn set_privacy(&self, id: UserId, privacy: ActivityPrivacy) -> StorageResult<()>;

    /// Sets the end of the account's private session (`None`: ends it).
    /// While it lasts, the account's `private_session_until` is set and
    /// everything the listener does is private, as with
    /// [`ActivityPrivacy::Private`].
    async fn set_private_session(
        &self,
        id: UserId,
        until: Option<chorus_domain::Timestamp>,
    ) -> StorageResult<()>;
}
