//! `GET|HEAD /media/{hash}.{ext}`: audio and cover files from the
//! content-addressed media store, with HTTP Range per RFC 9110.
//!
//! tower-http's `ServeFile` streams the bytes. Around it this handler makes
//! the validators content-based (the strong ETag is the content hash, the
//! same on every instance) and decides what a `Range` asks for itself
//! ([`crate::http::range`]), since `ServeFile` departs from RFC 9110 in
//! ways clients notice: it answers 416 to satisfiable requests (a suffix
//! longer than the file, a last position past 2^64, leading zeros, an
//! empty list element, several ranges), honours `Range` on HEAD and
//! ignores none that is malformed. `ServeFile` then only ever sees one
//! canonical range. [`serve_stored`] does all this for cover variants too
//! ([`super::cover`]).

use std::time::SystemTime;

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::response::{IntoResponse, Response};
use chorus_domain::MediaFile;
use headers::{ETag, Header, HeaderMapExt, IfMatch, IfNoneMatch, IfRange, LastModified};
use http::header::{IF_MATCH, IF_NONE_MATCH, IF_RANGE, RANGE};
use http::{HeaderMap, HeaderValue, Method, StatusCode};
use tower::ServiceExt;
use tower_http::services::ServeFile;

use crate::http::cache::CachePolicy;
use crate::http::error::{ApiError, ErrorBody};
use crate::http::range::{self, RangeAnswer};
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
    request: Request,
) -> Result<Response, ApiError> {
    let file = MediaFile::parse_file_name(&name).ok_or(ApiError::NotFound)?;
    serve_stored(
        &state.media.path(&file),
        file.hash.as_str(),
        file.kind.mime(),
        request,
    )
    .await
}

/// Serves the stored file at `path` as `mime`, immutable, with the strong
/// ETag `tag` (quoted here), its preconditions and one byte range.
/// [`ApiError::NotFound`] when there is no file at `path`.
pub(crate) async fn serve_stored(
    path: &std::path::Path,
    tag: &str,
    mime: &str,
    mut request: Request,
) -> Result<Response, ApiError> {
    let metadata = tokio::fs::metadata(path)
        .await
        .map_err(|_| ApiError::NotFound)?;
    let etag: ETag = format!("\"{tag}\"")
        .parse()
        .map_err(|_| ApiError::Internal("a media tag is not a valid ETag".into()))?;
    let last_modified = metadata.modified().ok().map(LastModified::from);

    let headers = request.headers();
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
    let answer = range_answer(&request, &etag, last_modified.as_ref(), metadata.len());
    let headers = request.headers_mut();
    // Our validators replace ServeFile's metadata-based ones, and it is
    // handed the range decided here, written canonically.
    for name in [IF_MATCH, IF_NONE_MATCH, IF_RANGE, RANGE] {
        headers.remove(name);
    }
    let canonical = match answer {
        RangeAnswer::Whole => None,
        RangeAnswer::Part { first, last } => Some(format!("bytes={first}-{last}")),
        // The first byte past the end: ServeFile answers 416 with
        // `Content-Range: bytes */LEN` (after its own preconditions).
        RangeAnswer::Unsatisfiable => Some(format!("bytes={}-", metadata.len())),
    };
    if let Some(range) = canonical {
        let range = HeaderValue::try_from(range)
            .map_err(|_| ApiError::Internal("a canonical range is not a header value".into()))?;
        headers.insert(RANGE, range);
    }

    let mut response = ServeFile::new_with_mime(
        path,
        &mime
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

/// What to send for the request's `Range` (RFC 9110): only a GET's is
/// evaluated (§14.2: "GET is the only method for which range handling is
/// defined"), only when it is the one `Range` field (it is not a list) in
/// visible ASCII, and only when its `If-Range`, if any, holds (§13.1.5).
/// Otherwise the whole file.
fn range_answer(
    request: &Request,
    etag: &ETag,
    last_modified: Option<&LastModified>,
    len: u64,
) -> RangeAnswer {
    let headers = request.headers();
    let mut ranges = headers.get_all(RANGE).iter();
    let (Some(value), None) = (ranges.next(), ranges.next()) else {
        return RangeAnswer::Whole;
    };
    match value.to_str() {
        Ok(value) if request.method() == Method::GET => {
            if if_range_holds(headers, etag, last_modified) {
                range::answer(value, len)
            } else {
                RangeAnswer::Whole
            }
        }
        _ => RangeAnswer::Whole,
    }
}

/// §13.1.5: true without `If-Range`, or when it is the current ETag
/// (strong comparison) or exactly the current `Last-Modified`; false for
/// anything else (a weak or other tag, another date, garbage, two fields).
fn if_range_holds(headers: &HeaderMap, etag: &ETag, last_modified: Option<&LastModified>) -> bool {
    let mut values = headers.get_all(IF_RANGE).iter();
    let value = match (values.next(), values.next()) {
        (None, _) => return true,
        (Some(value), None) => value,
        (Some(_), Some(_)) => return false,
    };
    let Ok(if_range) = IfRange::decode(&mut std::iter::once(value)) else {
        return false;
    };
    if_range == IfRange::etag(etag.clone())
        || last_modified.is_some_and(|date| if_range == IfRange::date(SystemTime::from(*date)))
}

fn bare(status: StatusCode, etag: &ETag) -> Response {
    let mut response = status.into_response();
    response.headers_mut().typed_insert(etag.clone());
    CachePolicy::Immutable.apply(response.headers_mut());
    response
}
