//! `GET|HEAD /media/{hash}.{ext}`: audio and cover files from the
//! content-addressed media store, with HTTP Range per RFC 9110.
//!
//! tower-http's `ServeFile` parses and serves byte ranges. Around it this
//! handler makes the validators content-based (the strong ETag is the
//! content hash, the same on every instance) and applies the two rules
//! `ServeFile` does not: a Range in an unknown unit is ignored, and a Range
//! whose `If-Range` validator is stale is ignored (both answer 200 in full).

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::response::{IntoResponse, Response};
use chorus_domain::MediaFile;
use headers::{ETag, HeaderMapExt, IfMatch, IfNoneMatch, IfRange, LastModified};
use http::header::{IF_MATCH, IF_NONE_MATCH, IF_RANGE, RANGE};
use http::{HeaderMap, StatusCode};
use tower::ServiceExt;
use tower_http::services::ServeFile;

use crate::http::cache::CachePolicy;
use crate::http::error::{ApiError, ErrorBody};
use crate::state::AppState;

/// An audio file or a cover image (also `HEAD`).
///
/// Named by the SHA-256 of its bytes, so cached for a year and never
/// revalidated; the strong `ETag` is that hash. Byte ranges per RFC 9110:
/// a `Range` in another unit than `bytes`, or with a stale `If-Range`, is
/// ignored (200 in full).
#[utoipa::path(
    get,
    path = "/media/{file}",
    tag = "media",
    params(
        ("file" = String, Path, description = "`<sha256>.<ext>`, as in a track's `stream_url` or `cover_url`",
            pattern = "^[0-9a-f]{64}\\.(ogg|opus|mp3|flac|m4a|wav|jpg|png|webp)$"),
        ("Range" = Option<String>, Header, nullable = false, description = "e.g. `bytes=0-1023`"),
        ("If-Range" = Option<String>, Header, nullable = false, description = "The ETag (or date) the range is for"),
        ("If-None-Match" = Option<String>, Header, nullable = false, description = "ETags the client has"),
        ("If-Match" = Option<String>, Header, nullable = false, description = "ETags the client expects"),
    ),
    responses(
        (status = 200, description = "The whole file",
            headers(("ETag" = String), ("Accept-Ranges" = String, description = "`bytes`")),
            content(("audio/ogg"), ("audio/ogg; codecs=opus"), ("audio/mpeg"), ("audio/flac"), ("audio/mp4"),
                ("audio/wav"), ("image/jpeg"), ("image/png"), ("image/webp"))),
        (status = 206, description = "The requested byte range",
            headers(("ETag" = String), ("Content-Range" = String, description = "e.g. `bytes 0-1023/52311`")),
            content(("audio/ogg"), ("audio/ogg; codecs=opus"), ("audio/mpeg"), ("audio/flac"), ("audio/mp4"),
                ("audio/wav"), ("image/jpeg"), ("image/png"), ("image/webp"))),
        (status = 304, description = "`If-None-Match` names this file's ETag"),
        (status = 412, description = "`If-Match` does not name this file's ETag"),
        (status = 416, description = "The range is outside the file",
            headers(("Content-Range" = String, description = "`bytes */<length>`"))),
        (status = 404, description = "No such file", body = ErrorBody),
    )
)]
pub async fn serve_media(
    State(state): State<AppState>,
    Path(name): Path<String>,
    mut request: Request,
) -> Result<Response, ApiError> {
    let file = MediaFile::parse_file_name(&name).ok_or(ApiError::NotFound)?;
    let path = state.media.path(&file);
    let metadata = tokio::fs::metadata(&path)
        .await
        .map_err(|_| ApiError::NotFound)?;
    let etag: ETag = format!("\"{}\"", file.hash)
        .parse()
        .map_err(|_| ApiError::Internal("content hash is not a valid ETag".into()))?;
    let last_modified = metadata.modified().ok().map(LastModified::from);

    let headers = request.headers_mut();
    if let Some(if_match) = headers.typed_get::<IfMatch>() {
        if !if_match.precondition_passes(&etag) {
            return Ok(bare(StatusCode::PRECONDITION_FAILED, &etag));
        }
    }
    if let Some(if_none_match) = headers.typed_get::<IfNoneMatch>() {
        if !if_none_match.precondition_passes(&etag) {
            return Ok(bare(StatusCode::NOT_MODIFIED, &etag));
        }
    }
    if range_is_ignored(headers, &etag, last_modified.as_ref()) {
        headers.remove(RANGE);
    }
    // Our validators replace ServeFile's metadata-based ones.
    for name in [IF_MATCH, IF_NONE_MATCH, IF_RANGE] {
        headers.remove(name);
    }

    let mut response = ServeFile::new_with_mime(
        &path,
        &file
            .kind
            .mime()
            .parse()
            .map_err(|_| ApiError::Internal("media kind has an invalid mime type".into()))?,
    )
    .oneshot(request)
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))?
    .map(Body::new);
    response.headers_mut().typed_insert(etag);
    CachePolicy::Immutable.apply(response.headers_mut());
    Ok(response)
}

/// Whether a `Range` header must be ignored (the full body sent instead):
/// its unit is not `bytes` (RFC 9110 §14.2), or `If-Range` names a
/// representation other than the current one (§13.1.5).
fn range_is_ignored(
    headers: &HeaderMap,
    etag: &ETag,
    last_modified: Option<&LastModified>,
) -> bool {
    let Some(range) = headers.get(RANGE) else {
        return false;
    };
    let in_bytes = range
        .to_str()
        .is_ok_and(|r| r.trim_start().starts_with("bytes="));
    let stale = headers.get(IF_RANGE).is_some()
        && headers
            .typed_get::<IfRange>()
            .is_none_or(|if_range| if_range.is_modified(Some(etag), last_modified));
    !in_bytes || stale
}

fn bare(status: StatusCode, etag: &ETag) -> Response {
    let mut response = status.into_response();
    response.headers_mut().typed_insert(etag.clone());
    CachePolicy::Immutable.apply(response.headers_mut());
    response
}
