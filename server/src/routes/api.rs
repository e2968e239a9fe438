//! The public JSON API over the catalog (`/api/...`). Shapes are the domain
//! types; list endpoints page with `?after=<cursor>&limit=<n>` and answer
//! `{"items": [...], "next": cursor|null}`.

use axum::extract::{Path, State};
use axum::response::Response;
use chorus_domain::{AlbumDetail, AlbumId, ArtistDetail, ArtistId, Track, TrackId};
use chorus_domain::{AlbumSummary, ArtistSummary};
use chorus_storage::{Cursor, Page, PageRequest};
use serde::Deserialize;

use crate::http::cache::public_json;
use crate::http::error::{ApiError, ErrorBody};
use crate::http::query::ApiQuery;
use crate::state::AppState;

/// Query of a list endpoint.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// The `next` cursor of the previous page; absent for the first page.
    #[param(pattern = "^-?[0-9]{1,18}$")]
    after: Option<String>,
    /// Page size, 1–200 (default 50); values outside are clamped.
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
}

impl ListQuery {
    fn page(&self) -> Result<PageRequest, ApiError> {
        let after = match &self.after {
            Some(s) => Some(Cursor::try_from(s.clone())?),
            None => None,
        };
        Ok(PageRequest::new(after, self.limit))
    }
}

fn parse_id<T: std::str::FromStr>(raw: &str) -> Result<T, ApiError> {
    raw.parse().map_err(|_| ApiError::NotFound)
}

/// Tracks, newest first, a page at a time.
#[utoipa::path(
    get,
    path = "/tracks",
    tag = "catalog",
    params(ListQuery),
    responses(
        (status = 200, description = "A page of tracks; `next` is the cursor of the next page, or null", body = Page<Track>),
        (status = 400, description = "A cursor that was not handed out, or a malformed parameter", body = ErrorBody),
    )
)]
pub async fn list_tracks(
    State(s): State<AppState>,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Response, ApiError> {
    Ok(public_json(s.catalog.list_tracks(q.page()?).await?))
}

/// Albums, newest first, a page at a time.
#[utoipa::path(
    get,
    path = "/albums",
    tag = "catalog",
    params(ListQuery),
    responses(
        (status = 200, description = "A page of albums; `next` is the cursor of the next page, or null", body = Page<AlbumSummary>),
        (status = 400, description = "A cursor that was not handed out, or a malformed parameter", body = ErrorBody),
    )
)]
pub async fn list_albums(
    State(s): State<AppState>,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Response, ApiError> {
    Ok(public_json(s.catalog.list_albums(q.page()?).await?))
}

/// Artists, newest first, a page at a time.
#[utoipa::path(
    get,
    path = "/artists",
    tag = "catalog",
    params(ListQuery),
    responses(
        (status = 200, description = "A page of artists; `next` is the cursor of the next page, or null", body = Page<ArtistSummary>),
        (status = 400, description = "A cursor that was not handed out, or a malformed parameter", body = ErrorBody),
    )
)]
pub async fn list_artists(
    State(s): State<AppState>,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Response, ApiError> {
    Ok(public_json(s.catalog.list_artists(q.page()?).await?))
}

/// One track.
#[utoipa::path(
    get,
    path = "/tracks/{id}",
    tag = "catalog",
    params(("id" = i64, Path, description = "The track's id", minimum = 1)),
    responses(
        (status = 200, description = "The track", body = Track),
        (status = 404, description = "No track has this id", body = ErrorBody),
    )
)]
pub async fn get_track(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    Ok(public_json(
        s.catalog.track(parse_id::<TrackId>(&id)?).await?,
    ))
}

/// One album.
#[utoipa::path(
    get,
    path = "/albums/{id}",
    tag = "catalog",
    params(("id" = i64, Path, description = "The album's id", minimum = 1)),
    responses(
        (status = 200, description = "The album and its tracks in disc and track order", body = AlbumDetail),
        (status = 404, description = "No album has this id", body = ErrorBody),
    )
)]
pub async fn get_album(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    Ok(public_json(
        s.catalog.album(parse_id::<AlbumId>(&id)?).await?,
    ))
}

/// One artist.
#[utoipa::path(
    get,
    path = "/artists/{id}",
    tag = "catalog",
    params(("id" = i64, Path, description = "The artist's id", minimum = 1)),
    responses(
        (status = 200, description = "The artist, their albums and their tracks", body = ArtistDetail),
        (status = 404, description = "No artist has this id", body = ErrorBody),
    )
)]
pub async fn get_artist(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    Ok(public_json(
        s.catalog.artist(parse_id::<ArtistId>(&id)?).await?,
    ))
}

/// Unknown `/api/...` paths answer a JSON 404, not the HTML not-found page.
pub async fn not_found() -> ApiError {
    ApiError::NotFound
}
