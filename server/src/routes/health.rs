//! `GET /healthz`: the process is up and its database answers.

use axum::extract::State;
use axum::response::{IntoResponse, Response};

use crate::http::cache::CachePolicy;
use crate::http::error::ApiError;
use crate::state::AppState;

pub async fn healthz(State(state): State<AppState>) -> Result<Response, ApiError> {
    state.catalog.track_count().await?;
    let mut response = "ok".into_response();
    CachePolicy::NoStore.apply(response.headers_mut());
    Ok(response)
}
