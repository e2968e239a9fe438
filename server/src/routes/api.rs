//! The public JSON API over the catalog (`/api/...`). Shapes are the domain
//! types; list endpoints page with `?after=<cursor>&limit=<n>` and answer
//! `{"items": [...], "next": cursor|null}`.

use axum::extract::{Path, State};
use axum::response::Response;
use chorus_domain::{AlbumId, ArtistId, TrackId};
use chorus_storage::{Cursor, PageRequest};
use serde::Deserialize;

use crate::http::cache::public_json;
use crate::http::error::ApiError;
use crate::http::query::ApiQuery;
use crate::state::AppState;

/// Query of a list endpoint.
#[derive(Debug, Deserialize)]
pub struct ListQuery {
    after: Option<String>,
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

pub async fn list_tracks(
    State(s): State<AppState>,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Response, ApiError> {
    Ok(public_json(s.catalog.list_tracks(q.page()?).await?))
}

pub async fn list_albums(
    State(s): State<AppState>,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Response, ApiError> {
    Ok(public_json(s.catalog.list_albums(q.page()?).await?))
}

pub async fn list_artists(
    State(s): State<AppState>,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Response, ApiError> {
    Ok(public_json(s.catalog.list_artists(q.page()?).await?))
}

pub async fn get_track(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    Ok(public_json(
        s.catalog.track(parse_id::<TrackId>(&id)?).await?,
    ))
}

pub async fn get_album(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    Ok(public_json(
        s.catalog.album(parse_id::<AlbumId>(&id)?).await?,
    ))
}

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
