//! `GET /healthz`: the process is up and its database answers (a load
//! balancer restarts what fails it). `GET /readyz`: the instance takes
//! traffic — healthy and not draining (a load balancer routes only to what
//! passes it).

use axum::extract::State;
use axum::response::{IntoResponse, Response};

use crate::http::cache::CachePolicy;
use crate::http::error::{ApiError, ErrorBody};
use crate::state::AppState;

/// Liveness: the process is up and its database answers.
#[utoipa::path(
    get,
    path = "/healthz",
    tag = "operations",
    responses(
        (status = 200, description = "`ok`", body = String, content_type = "text/plain"),
    )
)]
pub async fn healthz(State(state): State<AppState>) -> Result<Response, ApiError> {
    state.catalog.track_count().await?;
    Ok(plain("ok"))
}

/// Readiness: healthy and not draining.
#[utoipa::path(
    get,
    path = "/readyz",
    tag = "operations",
    responses(
        (status = 200, description = "`ready`", body = String, content_type = "text/plain"),
        (status = 503, description = "`draining`: the instance is shutting down", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
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
