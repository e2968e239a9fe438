//! What every handler can reach: the stores. Cheap to clone.

use std::sync::Arc;

use chorus_catalog::MediaStore;
use chorus_storage::CatalogStore;
use leptos::config::LeptosOptions;

/// Shared application state, handed to axum handlers and (as context) to
/// Leptos server functions.
#[derive(Clone)]
pub struct AppState {
    pub catalog: Arc<dyn CatalogStore>,
    pub media: MediaStore,
    pub leptos: LeptosOptions,
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}
