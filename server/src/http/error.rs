//! The HTTP layer's error, and the one place where errors become statuses.
//! Clients get a short plain message as JSON (`{"error": "..."}`); 5xx
//! details are logged, never sent.

use axum::response::{IntoResponse, Response};
use axum::Json;
use chorus_storage::StorageError;
use http::StatusCode;
use serde::Serialize;

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("not found")]
    NotFound,
    /// A username in a path that names nobody (said so, for the person who typed it).
    #[error("there is no listener named {0}")]
    NoSuchListener(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Forbidden(&'static str),
    /// Someone not a friend asked what a listener plays.
    #[error("only friends of {0} see what they play")]
    FriendsOnly(chorus_domain::Username),
    /// A rule of uniqueness, with the message for the person.
    #[error("{0}")]
    Conflict(&'static str),
    /// The request does not fit the state it would change; the message
    /// says why (a full playlist).
    #[error("{0}")]
    Refused(String),
    /// Not signed in, or wrong credentials; the message says which.
    #[error("{0}")]
    Unauthorized(&'static str),
    #[error("too many attempts; try again in {} s", retry_after.as_secs().max(1))]
    TooManyRequests { retry_after: std::time::Duration },
    /// This instance cannot take the request now (it is draining or not
    /// ready); another instance can. Sent with `Retry-After: 1`.
    #[error("{0}")]
    Unavailable(&'static str),
    /// Something asked for that Chorus does not do (an oEmbed format other
    /// than JSON): not a failure, not logged.
    #[error("{0}")]
    NotImplemented(&'static str),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<chorus_discovery::DiscoveryError> for ApiError {
    fn from(e: chorus_discovery::DiscoveryError) -> Self {
        use chorus_discovery::DiscoveryError as E;
        match e {
            E::UnknownListener => Self::NotFound,
            E::SameListener | E::Query(_) => Self::BadRequest(e.to_string()),
            E::SignInNeeded => Self::Unauthorized("sign in to see what your friends play"),
            E::Storage(e) => Self::Storage(e),
        }
    }
}

impl From<chorus_catalog::CatalogError> for ApiError {
    fn from(e: chorus_catalog::CatalogError) -> Self {
        use chorus_catalog::CatalogError as E;
        match e {
            E::NoSuchCover => Self::NotFound,
            E::Storage(e) => Self::Storage(e),
            other => Self::Internal(other.to_string()),
        }
    }
}

impl From<chorus_services::ServiceError> for ApiError {
    fn from(e: chorus_services::ServiceError) -> Self {
        use chorus_services::ServiceError as E;
        match e {
            E::NotFound => Self::Storage(StorageError::NotFound),
            E::UsernameTaken => Self::Conflict("that username is taken"),
            E::WrongPassword => Self::Unauthorized("the current password is wrong"),
            E::Invalid(message) => Self::BadRequest(message.to_owned()),
            E::Forbidden(message) => Self::Forbidden(message),
            E::Conflict(message) => Self::Refused(message),
            E::RateLimited { retry_after } => Self::TooManyRequests { retry_after },
            E::NoSuchTrack(track) => Self::BadRequest(format!("there is no track {track}")),
            E::Storage(e) => Self::Storage(e),
            E::Internal(message) => Self::Internal(message),
        }
    }
}

impl From<chorus_domain::AccountError> for ApiError {
    fn from(e: chorus_domain::AccountError) -> Self {
        Self::BadRequest(e.to_string())
    }
}

impl From<axum_login::Error<crate::auth::AuthBackend>> for ApiError {
    fn from(e: axum_login::Error<crate::auth::AuthBackend>) -> Self {
        match e {
            axum_login::Error::Backend(crate::auth::backend::BackendError(inner)) => inner,
            axum_login::Error::Session(session) => {
                Self::Internal(format!("session store: {session}"))
            }
        }
    }
}

impl From<tower_sessions::session::Error> for ApiError {
    fn from(e: tower_sessions::session::Error) -> Self {
        Self::Internal(format!("session store: {e}"))
    }
}

/// The body of every error answer (`#/components/schemas/Error` in the
/// OpenAPI document).
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = Error)]
pub struct ErrorBody {
    /// What went wrong, for people: e.g. `not found`, `wrong username or
    /// password`, `too many attempts; try again in 12 s`.
    pub error: String,
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            Self::NotFound | Self::NoSuchListener(_) | Self::Storage(StorageError::NotFound) => {
                StatusCode::NOT_FOUND
            }
            Self::BadRequest(_) | Self::Storage(StorageError::InvalidCursor) => {
                StatusCode::BAD_REQUEST
            }
            Self::Storage(StorageError::Conflict(_)) => StatusCode::CONFLICT,
            Self::Conflict(_) | Self::Refused(_) => StatusCode::CONFLICT,
            Self::Forbidden(_) | Self::FriendsOnly(_) => StatusCode::FORBIDDEN,
            Self::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::NotImplemented(_) => StatusCode::NOT_IMPLEMENTED,
            Self::Storage(StorageError::Backend(_)) | Self::Internal(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let failed = !matches!(self, Self::Unavailable(_) | Self::NotImplemented(_));
        let message = if status.is_server_error() && failed {
            tracing::error!(error = %self, "request failed");
            "internal server error".to_owned()
        } else {
            self.to_string()
        };
        let mut response = (status, Json(ErrorBody { error: message })).into_response();
        super::cache::CachePolicy::NoStore.apply(response.headers_mut());
        let retry_after = match self {
            Self::TooManyRequests { retry_after } => Some(retry_after.as_secs().max(1)),
            Self::Unavailable(_) => Some(1),
            _ => None,
        };
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(http::header::RETRY_AFTER, seconds.into());
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_errors_map_to_statuses() {
        assert_eq!(
            ApiError::from(StorageError::NotFound).status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            ApiError::from(StorageError::InvalidCursor).status(),
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            ApiError::from(StorageError::Conflict("x".into())).status(),
            StatusCode::CONFLICT
        );
        assert_eq!(
            ApiError::Unauthorized("x").status(),
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            ApiError::from(chorus_catalog::CatalogError::NoSuchCover).status(),
            StatusCode::NOT_FOUND
        );
        let backend = StorageError::Backend("disk on fire".into());
        assert_eq!(
            ApiError::from(backend).status(),
            StatusCode::INTERNAL_SERVER_ERROR
        );
    }
}
