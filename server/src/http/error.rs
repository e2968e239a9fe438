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
    #[error("{0}")]
    BadRequest(String),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("internal error: {0}")]
    Internal(String),
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            Self::NotFound | Self::Storage(StorageError::NotFound) => StatusCode::NOT_FOUND,
            Self::BadRequest(_) | Self::Storage(StorageError::InvalidCursor) => {
                StatusCode::BAD_REQUEST
            }
            Self::Storage(StorageError::Conflict(_)) => StatusCode::CONFLICT,
            Self::Storage(StorageError::Backend(_)) | Self::Internal(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let message = if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
            "internal server error".to_owned()
        } else {
            self.to_string()
        };
        let mut response = (status, Json(ErrorBody { error: &message })).into_response();
        super::cache::CachePolicy::NoStore.apply(response.headers_mut());
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
        let backend = StorageError::Backend("disk on fire".into());
        assert_eq!(
            ApiError::from(backend).status(),
            StatusCode::INTERNAL_SERVER_ERROR
        );
    }
}
