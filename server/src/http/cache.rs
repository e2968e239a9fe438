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
    /// Public pages (user-agnostic HTML named by surrogate keys): browsers
    /// keep them a minute; the CDN for `cdn_ttl` seconds, since it is purged
    /// when what a page shows changes; stale for a minute while it
    /// refreshes, and for a day while the origin fails.
    PublicPage { cdn_ttl: u32 },
    /// Public catalog data (JSON API): shared caches may keep it briefly
    /// and revalidate by ETag.
    PublicShort,
    /// Files whose URL does not change with their content (service worker,
    /// manifest, icons): always revalidate.
    Revalidate,
    /// Personal or error responses: never stored anywhere.
    NoStore,
}

impl CachePolicy {
    pub fn header_value(self) -> HeaderValue {
        if let Self::PublicPage { cdn_ttl } = self {
            let value = format!(
                "public, max-age=60, s-maxage={cdn_ttl}, stale-while-revalidate=60, stale-if-error=86400"
            );
            return HeaderValue::try_from(value)
                .unwrap_or_else(|_| HeaderValue::from_static("private, no-store"));
        }
        HeaderValue::from_static(match self {
            Self::PublicPage { .. } => "private, no-store",
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
