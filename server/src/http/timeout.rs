//! The request timeout: a request (reading its body included) that takes
//! longer than `--request-timeout` is answered 503 with `Retry-After`, and
//! its handler is dropped. Layered on every route except audio streams and
//! the feed socket, which are long by nature (see `crate::router`).

use std::time::Duration;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::http::error::ApiError;

/// Half a minute: far above any page or API call, well below what a
/// client waits before giving up.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The middleware; `limit` is the timeout.
pub async fn request_timeout(
    State(limit): State<Duration>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(%path, seconds = limit.as_secs_f64(), "request timed out");
            ApiError::Unavailable("the request took too long; try again").into_response()
        }
    }
}
