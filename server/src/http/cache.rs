//! Named cache policies: every response's `Cache-Control` comes from here,
//! so what a CDN or browser may keep is decided per route class in one file.

use axum::response::IntoResponse;
use http::header::{HeaderMap, HeaderValue, CACHE_CONTROL};

/// How long a response may be kept, and by whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CachePolicy {
    /// Content-addressed bytes (media, hashed assets): the URL changes when
    /// the content does, so keep it for a year and never revalidate.
    Immutable,
    /// Public catalog data (JSON API, pages): shared caches may keep it
    /// briefly and revalidate by ETag.
    PublicShort,
    /// Files whose URL does not change with their content (service worker,
    /// manifest, icons): always revalidate.
    Revalidate,
    /// Personal or error responses: never stored anywhere.
    NoStore,
}

impl CachePolicy {
    pub fn header_value(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            Self::Immutable => "public, max-age=31536000, immutable",
            Self::PublicShort => "public, max-age=60, stale-while-revalidate=30",
            Self::Revalidate => "no-cache",
            Self::NoStore => "private, no-store",
        })
    }

    pub fn apply(self, headers: &mut HeaderMap) {
        headers.insert(CACHE_CONTROL, self.header_value());
    }
}

/// A personal response: `status` and `body`, never stored by any cache.
pub fn personal(
    status: http::StatusCode,
    body: impl axum::response::IntoResponse,
) -> axum::response::Response {
    let mut response = (status, body).into_response();
    CachePolicy::NoStore.apply(response.headers_mut());
    response
}

/// A public JSON response, the same for every viewer: shared caches may
/// keep it briefly ([`CachePolicy::PublicShort`]).
pub fn public_json(body: impl serde::Serialize) -> axum::response::Response {
    let mut response = axum::Json(body).into_response();
    CachePolicy::PublicShort.apply(response.headers_mut());
    response
}
