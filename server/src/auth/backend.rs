//! The axum-login backend: who a session belongs to, and checking a
//! username and password.

use std::sync::Arc;

use axum_login::{AuthUser, AuthnBackend, UserId as LoginUserId};
use chorus_domain::{Me, UserId};
use chorus_storage::{StorageError, StoredUser, UserStore};

use crate::http::error::ApiError;

/// The signed-in user, as kept with the session.
#[derive(Clone)]
pub struct SessionUser {
    pub id: UserId,
    pub me: Me,
    password_hash: String,
}

impl std::fmt::Debug for SessionUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionUser")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl From<StoredUser> for SessionUser {
    fn from(user: StoredUser) -> Self {
        Self {
            id: user.id,
            me: user.me,
            password_hash: user.password_hash,
        }
    }
}

impl AuthUser for SessionUser {
    type Id = i64;

    fn id(&self) -> i64 {
        self.id.0
    }

    /// Sessions remember this; changing the password changes it, which
    /// signs out every other session of the account.
    fn session_auth_hash(&self) -> &[u8] {
        self.password_hash.as_bytes()
    }
}

/// A log-in attempt.
#[derive(Clone)]
pub struct Credentials {
    pub username: String,
    pub password: String,
}

/// Authenticates through the accounts service; reads session users from
/// the user store.
#[derive(Clone)]
pub struct AuthBackend {
    users: Arc<dyn UserStore>,
    services: chorus_services::Services,
}

impl AuthBackend {
    pub fn new(users: Arc<dyn UserStore>, services: chorus_services::Services) -> Self {
        Self { users, services }
    }
}

/// Errors of the backend: storage failures (a wrong password is not an error).
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct BackendError(#[from] pub ApiError);

impl From<StorageError> for BackendError {
    fn from(e: StorageError) -> Self {
        Self(ApiError::Storage(e))
    }
}

impl AuthnBackend for AuthBackend {
    type User = SessionUser;
    type Credentials = Credentials;
    type Error = BackendError;

    async fn authenticate(&self, creds: Credentials) -> Result<Option<SessionUser>, BackendError> {
        let user = self
            .services
            .check_password(&creds.username, creds.password)
            .await
            .map_err(ApiError::from)?;
        Ok(user.map(SessionUser::from))
    }

    async fn get_user(&self, id: &LoginUserId<Self>) -> Result<Option<SessionUser>, BackendError> {
        Ok(self
            .users
            .user_by_id(UserId(*id))
            .await?
            .map(SessionUser::from))
    }
}

/// The auth session extractor for handlers.
pub type AuthSession = axum_login::AuthSession<AuthBackend>;

/// The signed-in user of a request, or 401 "sign in first".
pub fn signed_in(auth: &AuthSession) -> Result<&SessionUser, ApiError> {
    auth.user
        .as_ref()
        .ok_or(ApiError::Unauthorized("sign in first"))
}
