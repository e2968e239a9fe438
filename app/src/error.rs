//! The UI layer's error: what a page shows when its data cannot be had.

use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::json_text::JsonText;

/// Why a page's data could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// The request cannot be answered as asked (a search too long, say):
    /// the message tells the listener why, ready to show (HTTP 400).
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Failed(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonText;

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

#[cfg(feature = "ssr")]
impl From<chorus_discovery::DiscoveryError> for AppError {
    fn from(err: chorus_discovery::DiscoveryError) -> Self {
        use chorus_discovery::DiscoveryError;
        match err {
            DiscoveryError::UnknownListener => Self::NotFound,
            DiscoveryError::Storage(err) => err.into(),
            readable @ (DiscoveryError::Query(_)
            | DiscoveryError::SameListener
            | DiscoveryError::SignInNeeded) => Self::Invalid(sentence(&readable.to_string())),
        }
    }
}

/// `message` with a capital first letter, as pages show messages.
#[cfg_attr(not(any(feature = "ssr", test)), allow(dead_code))]
fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::sentence;

    #[test]
    fn messages_start_with_a_capital() {
        assert_eq!(
            sentence("type something to search for"),
            "Type something to search for"
        );
        assert_eq!(sentence(""), "");
    }
}
