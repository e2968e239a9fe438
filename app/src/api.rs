//! Server functions the pages load their data with. On the server they call
//! the catalog store directly; in the browser (after hydration) they are
//! `GET /_fn/<name>?...` requests, so they are cacheable like pages.

use chorus_domain::{
    AlbumDetail, AlbumId, AlbumSummary, ArtistDetail, ArtistId, ArtistSummary, Chart, ChartPeriod,
    Profile, SearchResults, Track, TrackId,
};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::json_text::JsonTextOutput;

/// What server functions reach on the server, provided as Leptos context.
#[cfg(feature = "ssr")]
#[derive(Clone)]
pub struct ServerContext {
    pub catalog: std::sync::Arc<dyn chorus_storage::CatalogStore>,
    pub social: std::sync::Arc<dyn chorus_storage::SocialStore>,
    pub discovery: chorus_discovery::Discovery,
    /// Who may see which playlist (public ones are the pages' own).
    pub playlists: chorus_services::Playlists,
    /// The site's public address, if configured (`--public-url`).
    pub public_url: Option<crate::public_url::PublicUrl>,
}

#[cfg(feature = "ssr")]
fn catalog() -> Result<std::sync::Arc<dyn chorus_storage::CatalogStore>, AppError> {
    use_context::<ServerContext>()
        .map(|c| c.catalog)
        .ok_or_else(|| AppError::Failed("server context missing".into()))
}

#[cfg(feature = "ssr")]
fn discovery() -> Result<chorus_discovery::Discovery, AppError> {
    use_context::<ServerContext>()
        .map(|c| c.discovery)
        .ok_or_else(|| AppError::Failed("server context missing".into()))
}

/// The home page: recent albums and artists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeData {
    pub albums: Vec<AlbumSummary>,
    pub artists: Vec<ArtistSummary>,
    pub tracks: Vec<Track>,
}

/// The track page: the track and the rest of its album.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackData {
    pub track: Track,
    pub album: AlbumDetail,
}

#[server(prefix = "/_fn", endpoint = "home", input = GetUrl, output = JsonTextOutput)]
pub async fn load_home() -> Result<HomeData, AppError> {
    use chorus_storage::PageRequest;
    let catalog = catalog()?;
    let albums = catalog
        .list_albums(PageRequest::new(None, Some(60)))
        .await?
        .items;
    let artists = catalog
        .list_artists(PageRequest::new(None, Some(60)))
        .await?
        .items;
    let tracks = catalog
        .list_tracks(PageRequest::new(None, Some(12)))
        .await?
        .items;
    Ok(HomeData {
        albums,
        artists,
        tracks,
    })
}

/// A public playlist as everyone sees it (`NotFound` for any other:
/// friends-only and private ones reach those allowed through the API,
/// after hydration).
#[server(prefix = "/_fn", endpoint = "playlist", input = GetUrl, output = JsonTextOutput)]
pub async fn load_public_playlist(
    id: chorus_domain::PlaylistId,
) -> Result<chorus_domain::PlaylistDetail, AppError> {
    let playlists = use_context::<ServerContext>()
        .map(|c| c.playlists)
        .ok_or_else(|| AppError::Failed("server context missing".into()))?;
    playlists.detail(id, None).await.map_err(|e| match e {
        chorus_services::ServiceError::NotFound => {
            // Called from the browser: a 404, not the 500 a server
            // function's error is by default (it is not a failure).
            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                response.set_status(http::StatusCode::NOT_FOUND);
            }
            AppError::NotFound
        }
        other => {
            tracing::error!(error = %other, "playlist failed");
            AppError::Failed("Playlists are unavailable right now. Please try again.".into())
        }
    })
}

#[server(prefix = "/_fn", endpoint = "album", input = GetUrl, output = JsonTextOutput)]
pub async fn load_album(id: AlbumId) -> Result<AlbumDetail, AppError> {
    Ok(catalog()?.album(id).await?)
}

#[server(prefix = "/_fn", endpoint = "artist", input = GetUrl, output = JsonTextOutput)]
pub async fn load_artist(id: ArtistId) -> Result<ArtistDetail, AppError> {
    Ok(catalog()?.artist(id).await?)
}

#[server(prefix = "/_fn", endpoint = "track", input = GetUrl, output = JsonTextOutput)]
pub async fn load_track(id: TrackId) -> Result<TrackData, AppError> {
    let catalog = catalog()?;
    let track = catalog.track(id).await?;
    let album = catalog.album(track.album.id).await?;
    Ok(TrackData { track, album })
}

/// A listener's public profile: the same for every viewer.
#[server(prefix = "/_fn", endpoint = "profile", input = GetUrl, output = JsonTextOutput)]
pub async fn load_profile(username: String) -> Result<Profile, AppError> {
    let username = chorus_domain::Username::parse(&username).map_err(|_| AppError::NotFound)?;
    let social = use_context::<ServerContext>()
        .map(|c| c.social)
        .ok_or_else(|| AppError::Failed("server context missing".into()))?;
    social.profile(&username).await?.ok_or(AppError::NotFound)
}

/// The `/search` page: up to 20 artists, albums, tracks and listeners
/// matching `q`. An empty or too long query is [`AppError::Invalid`].
#[server(prefix = "/_fn", endpoint = "search", input = GetUrl, output = JsonTextOutput)]
pub async fn load_search(q: String) -> Result<SearchResults, AppError> {
    let limit = chorus_domain::search::MAX_PER_KIND;
    Ok(discovery()?.search(&q, limit).await?)
}

/// The `/charts` page: everyone's chart of `period` (the friends' one is
/// personal and fetched from the JSON API in the browser).
#[server(prefix = "/_fn", endpoint = "charts", input = GetUrl, output = JsonTextOutput)]
pub async fn load_chart(period: ChartPeriod) -> Result<Chart, AppError> {
    use chorus_domain::ChartScope;
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0);
    Ok(discovery()?
        .chart(ChartScope::Global, period, None, now_ms)
        .await?)
}
