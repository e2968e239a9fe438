//! `GET /healthz`: the process is up and its database answers (a load
//! balancer restarts what fails it). `GET /readyz`: the instance takes
//! traffic — healthy and not draining (a load balancer routes only to what
//! passes it).

use axum::extract::State;
use axum::response::{IntoResponse, Response};

use crate::http::cache::CachePolicy;
use crate::http::error::ApiError;
use crate::state::AppState;

pub async fn healthz(State(state): State<AppState>) -> Result<Response, ApiError> {
    state.catalog.track_count().await?;
    Ok(plain("ok"))
}

pub async fn readyz(State(state): State<AppState>) -> Result<Response, ApiError> {
    if state.drain.is_draining() {
        return Err(ApiError::Unavailable("draining"));
    }
    state.catalog.track_count().await?;
    Ok(plain("ready"))
}

fn plain(text: &'static str) -> Response {
    let mut response = text.into_response();
    CachePolicy::NoStore.apply(response.headers_mut());
    response
}
