//! Security headers on every response: no MIME sniffing, no full URLs in
//! `Referer` to other sites, and no framing by other sites (CSP
//! `frame-ancestors`, with `X-Frame-Options` for old browsers). A route
//! that may be framed (the embed pages) sets its own
//! `Content-Security-Policy`, and then gets no `X-Frame-Options`; the
//! others are only added where a response has none.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use http::header::{
    HeaderName, CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use http::HeaderValue;

const HEADERS: [(HeaderName, &str); 4] = [
    (X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (REFERRER_POLICY, "strict-origin-when-cross-origin"),
    (CONTENT_SECURITY_POLICY, "frame-ancestors 'none'"),
    (X_FRAME_OPTIONS, "DENY"),
];

/// The middleware: outermost, so errors and rejections get them too.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let own_policy = headers.contains_key(CONTENT_SECURITY_POLICY);
    for (name, value) in HEADERS {
        if own_policy && name == X_FRAME_OPTIONS {
            continue;
        }
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    response
}
