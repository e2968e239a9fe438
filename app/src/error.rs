//! The UI layer's error: what a page shows when its data cannot be had.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// Why a page's data could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Failed(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        Self::Failed(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<chorus_storage::StorageError> for AppError {
    fn from(err: chorus_storage::StorageError) -> Self {
        match err {
            chorus_storage::StorageError::NotFound => Self::NotFound,
            other => {
                tracing::error!(error = %other, "page data failed");
                Self::Failed("The catalog is unavailable right now. Please try again.".into())
            }
        }
    }
}
