//! Public pages as CDN-cacheable responses. A page that named what it shows
//! while rendering (surrogate keys, see `app::cdn`) is the same bytes for
//! whoever asks: it gets the public page policy, `Vary: Accept-Encoding`
//! only, a strong `ETag` over its bytes (`If-None-Match` → 304 without a
//! body), its keys in one `Surrogate-Key` header, and never a `Set-Cookie`.
//! Any other HTML page is personal or per-visitor and is never stored.
//!
//! Use it as the outermost layer, so it sees the response as sent, after
//! compression and the session layer.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chorus_domain::surrogate::header_value;
use chorus_domain::SurrogateKey;
use headers::{ETag, HeaderMapExt, IfNoneMatch};
use http::header::{CACHE_CONTROL, CONTENT_TYPE, SET_COOKIE, VARY};
use http::{HeaderMap, HeaderValue, Method, StatusCode};
use sha2::{Digest, Sha256};

use crate::http::cache::CachePolicy;
use crate::http::error::ApiError;

/// The header pages name their keys in.
const SURROGATE_KEY: &str = app::cdn::SURROGATE_KEY_HEADER;
/// Larger pages are not made cacheable (none is near this).
const MAX_PAGE: usize = 8 * 1024 * 1024;

/// The middleware; `policy` is the public page policy in force.
pub async fn public_pages(
    State(policy): State<CachePolicy>,
    request: Request,
    next: Next,
) -> Response {
    let readable = matches!(*request.method(), Method::GET | Method::HEAD);
    let if_none_match: Option<IfNoneMatch> = request.headers().typed_get();
    let mut response = next.run(request).await;
    let Some(keys) = take_keys(response.headers_mut()) else {
        if is_html(response.headers()) && !response.headers().contains_key(CACHE_CONTROL) {
            CachePolicy::NoStore.apply(response.headers_mut());
        }
        return response;
    };
    if !readable || response.status() != StatusCode::OK {
        CachePolicy::NoStore.apply(response.headers_mut());
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match to_bytes(body, MAX_PAGE).await {
        Ok(bytes) => bytes,
        Err(e) => {
            return ApiError::Internal(format!("a public page could not be read whole: {e}"))
                .into_response()
        }
    };
    let headers = &mut parts.headers;
    headers.remove(SET_COOKIE);
    policy.apply(headers);
    headers.insert(VARY, HeaderValue::from_static("accept-encoding"));
    if let Ok(value) = HeaderValue::from_str(&keys) {
        headers.insert(SURROGATE_KEY, value);
    }
    if let Some(etag) = strong_etag(&bytes) {
        headers.typed_insert(etag.clone());
        if if_none_match.is_some_and(|condition| !condition.precondition_passes(&etag)) {
            return not_modified(headers);
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// A public response of a handler (not a Leptos page): `body` as
/// `content_type`, naming what it shows by `keys`, as a page does while
/// rendering; [`public_pages`] then makes it CDN-cacheable.
pub fn public_response(
    content_type: &'static str,
    body: String,
    keys: impl IntoIterator<Item = SurrogateKey>,
) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&header_value(keys)) {
        headers.insert(SURROGATE_KEY, value);
    }
    response
}

/// Removes every `Surrogate-Key` header; their keys as one value, if any.
fn take_keys(headers: &mut HeaderMap) -> Option<String> {
    let keys: Vec<SurrogateKey> = headers
        .get_all(SURROGATE_KEY)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(str::split_whitespace)
        .filter_map(SurrogateKey::parse)
        .collect();
    headers.remove(SURROGATE_KEY);
    (!keys.is_empty()).then(|| header_value(keys))
}

fn is_html(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

/// A strong validator: the first 128 bits of the bytes' SHA-256.
fn strong_etag(bytes: &[u8]) -> Option<ETag> {
    let digest = Sha256::digest(bytes);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"").parse().ok()
}

/// 304 with the headers a cache needs to refresh what it holds.
fn not_modified(headers: &HeaderMap) -> Response {
    let mut response = StatusCode::NOT_MODIFIED.into_response();
    for name in [CACHE_CONTROL, VARY, http::header::ETAG] {
        if let Some(value) = headers.get(&name) {
            response.headers_mut().insert(name, value.clone());
        }
    }
    if let Some(value) = headers.get(SURROGATE_KEY) {
        response.headers_mut().insert(SURROGATE_KEY, value.clone());
    }
    response
}
