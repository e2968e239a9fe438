//! `GET|HEAD /media/{hash}/{variant}`: a cover resized and re-encoded
//! ([`chorus_domain::CoverVariant`]), for pages' `srcset`. Use it for every
//! cover a page shows; `/media/{file}` keeps serving originals.
//!
//! Variants are written at import; one that is missing (a library imported
//! before variants existed) is made from the original on its first request
//! and stored. Served like every media file ([`super::media::serve_stored`]):
//! immutable, strong ETag, byte ranges.

use axum::extract::{Path, Request, State};
use axum::response::{IntoResponse, Response};
use chorus_catalog::covers::{self, VariantFile};
use chorus_domain::CoverVariant;
use http::header::LOCATION;
use http::{HeaderValue, StatusCode};

use crate::http::cache::CachePolicy;
use crate::http::error::{ApiError, ErrorBody};
use crate::routes::media::serve_stored;
use crate::state::AppState;

/// A cover variant: the cover `hash` at one width, as WebP or JPEG (also
/// `HEAD`).
///
/// Derived from a `cover_url` (`/media/<hash>.<ext>`) as
/// `/media/<hash>/<width>.<webp|jpg>`, for widths 96, 192, 384 and 768. A
/// cover is never upscaled: a width past the original's is the original's
/// width. Cached for a year and never revalidated; the strong `ETag` names
/// the cover, the width, the format and the encoding's revision. A cover
/// that cannot be decoded redirects to its original.
#[utoipa::path(
    get,
    path = "/media/{hash}/{variant}",
    tag = "media",
    params(
        ("hash" = String, Path, description = "The cover's SHA-256, as in its `cover_url`",
            pattern = "^[0-9a-f]{64}$"),
        ("variant" = String, Path, description = "`<width>.<ext>`: width 96, 192, 384 or 768; `webp` or `jpg`",
            pattern = "^(96|192|384|768)\\.(webp|jpg)$"),
        ("Range" = Option<String>, Header, nullable = false, description = "e.g. `bytes=0-1023`"),
        ("If-None-Match" = Option<String>, Header, nullable = false, description = "ETags the client has"),
    ),
    responses(
        (status = 200, description = "The variant",
            headers(("ETag" = String), ("Accept-Ranges" = String, description = "`bytes`")),
            content(("image/webp"), ("image/jpeg"))),
        (status = 206, description = "The requested byte range",
            headers(("ETag" = String), ("Content-Range" = String, description = "e.g. `bytes 0-1023/5231`")),
            content(("image/webp"), ("image/jpeg"))),
        (status = 304, description = "`If-None-Match` names this variant's ETag"),
        (status = 307, description = "The cover cannot be decoded: its original",
            headers(("Location" = String, description = "The original's `/media/<hash>.<ext>`"))),
        (status = 412, description = "`If-Match` does not name this variant's ETag"),
        (status = 416, description = "The range is outside the file",
            headers(("Content-Range" = String, description = "`bytes */<length>`"))),
        (status = 404, description = "No such cover, width or format", body = ErrorBody),
    )
)]
pub async fn serve_cover_variant(
    State(state): State<AppState>,
    Path((hash, name)): Path<(String, String)>,
    request: Request,
) -> Result<Response, ApiError> {
    let variant = CoverVariant::parse(&hash, &name).ok_or(ApiError::NotFound)?;
    let stored = state.media.variant_path(&variant);
    let found = if tokio::fs::try_exists(&stored).await.unwrap_or(false) {
        VariantFile::Variant(stored)
    } else {
        // Decoding and encoding: blocking work.
        let (media, wanted) = (state.media.clone(), variant.clone());
        tokio::task::spawn_blocking(move || covers::variant_file(&media, &wanted))
            .await
            .map_err(|e| ApiError::Internal(format!("cover variant task: {e}")))??
    };
    match found {
        VariantFile::Variant(path) => {
            let tag = covers::variant_tag(&variant);
            serve_stored(&path, &tag, variant.format.mime(), request).await
        }
        VariantFile::Original(cover) => {
            let location = HeaderValue::try_from(cover.url())
                .map_err(|_| ApiError::Internal("a media URL is not a header value".into()))?;
            let mut response =
                (StatusCode::TEMPORARY_REDIRECT, [(LOCATION, location)]).into_response();
            // A later revision of the decoder may read it: not immutable.
            CachePolicy::PublicShort.apply(response.headers_mut());
            Ok(response)
        }
    }
}
