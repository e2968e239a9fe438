//! Puts a page's preview tags (canonical link, Open Graph, JSON-LD: see
//! `app::preview`) in its head. The page hands them over in the
//! `x-chorus-preview` response header; this removes the header and writes
//! the tags into the HTML ahead of Leptos's own head tags (its `<!--HEAD-->`
//! marker), where the browser's hydration, which claims the tags after the
//! marker in order, never looks.
//!
//! Use it inside the compression layer (it reads the HTML as rendered).

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::CONTENT_LENGTH;

use crate::http::error::ApiError;

/// Leptos's marker in the head: its own tags follow it.
const HEAD_MARKER: &str = "<!--HEAD-->";
/// Larger pages are left as they are (none is near this).
const MAX_PAGE: usize = 8 * 1024 * 1024;

/// The middleware.
pub async fn preview_tags(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let Some(encoded) = response.headers_mut().remove(app::preview::PREVIEW_HEADER) else {
        return response;
    };
    let tags: String = form_urlencoded::parse(encoded.as_bytes())
        .next()
        .map(|(tags, _)| tags.into_owned())
        .unwrap_or_default();
    let (mut parts, body) = response.into_parts();
    let html = match to_bytes(body, MAX_PAGE).await {
        Ok(bytes) => bytes,
        Err(e) => {
            return ApiError::Internal(format!("a page could not be read whole: {e}"))
                .into_response()
        }
    };
    let Some(at) = html
        .windows(HEAD_MARKER.len())
        .position(|w| w == HEAD_MARKER.as_bytes())
    else {
        return Response::from_parts(parts, Body::from(html));
    };
    let mut spliced = Vec::with_capacity(html.len() + tags.len());
    spliced.extend_from_slice(&html[..at]);
    spliced.extend_from_slice(tags.as_bytes());
    spliced.extend_from_slice(&html[at..]);
    parts.headers.remove(CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(spliced))
}
